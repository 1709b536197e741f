package io.troupe.testing.generator;

/**
 * How long after the previous step a workflow step happens.
 *
 * <p>Why several scales: funnels are judged by their conversion window, so steps must land seconds,
 * minutes, hours and days apart (a 1-day and a 7-day window must give different answers), and some exactly
 * at the same millisecond (ties in time order are a classic funnel bug).
 */
enum Delay {
    SAME_MOMENT(0, 0),
    SECONDS(1_000L, 120_000L),
    MINUTES(60_000L, 3 * 3_600_000L),
    HOURS(3_600_000L, 20 * 3_600_000L),
    DAYS(26 * 3_600_000L, 10 * 86_400_000L);

    private final long low;
    private final long high;

    Delay(long low, long high) {
        this.low = low;
        this.high = high;
    }

    long sample(Rng rng) {
        return this == SAME_MOMENT ? 0 : rng.logUniform(low, high);
    }

    /** True for delays long enough that the step should fall in working hours. */
    boolean followsWorkingHours() {
        return this == HOURS || this == DAYS;
    }
}
