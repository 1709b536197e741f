package io.troupe.sql.exec;

/**
 * An aggregate Troupe computes itself over dense codes. {@code arg} is an index into the scan's outputs
 * (unused for {@code COUNT(*)}; the time output for {@code FUNNEL_LEVEL}, whose window and step conditions
 * come with it, and for {@code RETENTION_FLAGS}, whose period is {@code window}, start and return conditions
 * {@code steps} and number of periods {@code periods}).
 */
public record AggCall(Kind kind, int arg, long window, java.util.List<Predicate> steps, int periods) {
    public enum Kind {
        COUNT_STAR, COUNT, COUNT_DISTINCT, MIN, MAX, FUNNEL_LEVEL, RETENTION_FLAGS;

        /** Whether the call collects its matching rows and runs a kernel over them in time order (one task). */
        public boolean inTimeOrder() {
            return this == FUNNEL_LEVEL || this == RETENTION_FLAGS;
        }
    }

    public AggCall {
        steps = steps == null ? java.util.List.of() : java.util.List.copyOf(steps);
    }

    public AggCall(Kind kind, int arg, long window, java.util.List<Predicate> steps) {
        this(kind, arg, window, steps, 0);
    }

    public AggCall(Kind kind, int arg) {
        this(kind, arg, 0, null);
    }

    /** The same call reading its argument from another output. */
    public AggCall withArg(int newArg) {
        return new AggCall(kind, newArg, window, steps, periods);
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
            case RETENTION_FLAGS -> "RETENTION_FLAGS($" + arg + ", " + steps + ", " + window + " ms, " + periods + ")";
        };
    }
}
