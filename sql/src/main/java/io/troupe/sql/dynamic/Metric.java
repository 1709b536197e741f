package io.troupe.sql.dynamic;

/**
 * The metrics a dynamic group property may compute, each a user-level, single-series metric of Amplitude.
 * What a group with no event in the window gets: 0 for counts and sums, no value (an unset) for an average.
 */
public enum Metric {
    /** {@code UNIQUES()}: distinct users of the group with an event in the window. */
    UNIQUES(true),
    /** {@code COUNT(*)}: the group's events in the window (event totals). */
    COUNT(true),
    /** {@code SUM(x)}: the sum of a numeric expression over the group's events. */
    SUM(true),
    /** {@code AVG(x)}: its average; NULL (unset) when the group has no event with a value. */
    AVG(false);

    private final boolean zeroWhenEmpty;

    Metric(boolean zeroWhenEmpty) {
        this.zeroWhenEmpty = zeroWhenEmpty;
    }

    /** True when a group without events in the window gets 0, false when its value is unset. */
    public boolean zeroWhenEmpty() {
        return zeroWhenEmpty;
    }

    /** The metric of a stored definition's SQL ({@code UNIQUES()}, {@code COUNT(*)}, {@code SUM(...)}, ...). */
    public static Metric of(String sql) {
        String name = sql.substring(0, sql.indexOf('(')).strip().toUpperCase(java.util.Locale.ROOT);
        return valueOf(name);
    }
}
