package io.troupe.sql.exec;

/**
 * An aggregate Troupe computes itself over dense codes. {@code arg} is an index into the scan's outputs
 * (unused for {@code COUNT(*)}).
 */
public record AggCall(Kind kind, int arg) {
    public enum Kind { COUNT_STAR, COUNT, COUNT_DISTINCT, MIN, MAX }

    @Override
    public String toString() {
        return switch (kind) {
            case COUNT_STAR -> "COUNT()";
            case COUNT -> "COUNT($" + arg + ")";
            case COUNT_DISTINCT -> "COUNT(DISTINCT $" + arg + ")";
            case MIN -> "MIN($" + arg + ")";
            case MAX -> "MAX($" + arg + ")";
        };
    }
}
