package io.troupe.sql.exec;

/**
 * An aggregate Troupe computes itself over dense codes. {@code arg} is an index into the scan's outputs
 * (unused for {@code COUNT(*)}; the time output for {@code FUNNEL_LEVEL}, whose window and step conditions
 * come with it).
 */
public record AggCall(Kind kind, int arg, long window, java.util.List<Predicate> steps) {
    public enum Kind { COUNT_STAR, COUNT, COUNT_DISTINCT, MIN, MAX, FUNNEL_LEVEL }

    public AggCall {
        steps = steps == null ? java.util.List.of() : java.util.List.copyOf(steps);
    }

    public AggCall(Kind kind, int arg) {
        this(kind, arg, 0, null);
    }

    /** The same call reading its argument from another output. */
    public AggCall withArg(int newArg) {
        return new AggCall(kind, newArg, window, steps);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case COUNT_STAR -> "COUNT()";
            case COUNT -> "COUNT($" + arg + ")";
            case COUNT_DISTINCT -> "COUNT(DISTINCT $" + arg + ")";
            case MIN -> "MIN($" + arg + ")";
            case MAX -> "MAX($" + arg + ")";
            case FUNNEL_LEVEL -> "FUNNEL_LEVEL($" + arg + ", " + window + " ms, " + steps + ")";
        };
    }
}
