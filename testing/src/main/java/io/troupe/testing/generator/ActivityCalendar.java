package io.troupe.testing.generator;

import java.util.Map;

/**
 * When people work: how much activity each UTC hour of the period gets, and in which time zones.
 *
 * <p>Why: real traffic has a daily peak in each region's working hours and quiet weekends; retention by
 * calendar day, hourly charts and "events within a day" windows only mean something on such data. Delayed
 * workflow steps are also pushed into working hours, as people answer the next morning.
 */
final class ActivityCalendar {
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;

    /** Relative activity by local hour of day, 0 to 23. */
    private static final double[] BY_LOCAL_HOUR = {0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.2, 0.45, 0.8, 1.0, 1.0,
            0.95, 0.8, 0.9, 1.0, 0.95, 0.85, 0.65, 0.45, 0.35, 0.3, 0.22, 0.15, 0.08};
    /** Relative activity by local day of week, Monday first. */
    private static final double[] BY_LOCAL_DAY = {1.0, 1.05, 1.05, 1.0, 0.85, 0.22, 0.15};
    private static final int WORK_STARTS = 8;
    private static final int WORK_ENDS = 19;

    private final long start;
    private final int hours;
    private final Region[] regions = Region.values();
    /** Activity weight of [hour][region]. */
    private final double[][] weights;

    ActivityCalendar(long start, int days, Map<Region, Double> regionWeight) {
        this.start = start;
        this.hours = days * 24;
        this.weights = new double[hours][regions.length];
        for (int h = 0; h < hours; h++) {
            long time = start + h * HOUR + HOUR / 2;
            for (Region region : regions) {
                weights[h][region.ordinal()] = regionWeight.getOrDefault(region, 0.0) * localWeight(time, region);
            }
        }
    }

    int hours() {
        return hours;
    }

    long hourStart(int hour) {
        return start + hour * HOUR;
    }

    /** Splits {@code total} events over the hours in proportion to their weight; the parts sum to {@code total}. */
    long[] hourlyBudgets(long total) {
        double sum = 0;
        for (double[] hour : weights) {
            for (double weight : hour) {
                sum += weight;
            }
        }
        long[] budgets = new long[hours];
        double cumulative = 0;
        long assigned = 0;
        for (int h = 0; h < hours; h++) {
            for (double weight : weights[h]) {
                cumulative += weight;
            }
            long upTo = sum == 0 ? total * (h + 1) / hours : Math.round(total * (cumulative / sum));
            budgets[h] = upTo - assigned;
            assigned = upTo;
        }
        budgets[hours - 1] += total - assigned;
        return budgets;
    }

    /** A region to act in during that hour, in proportion to its activity then. */
    Region pickRegion(int hour, Rng rng) {
        double[] hourWeights = weights[hour];
        double sum = 0;
        for (double weight : hourWeights) {
            sum += weight;
        }
        double target = rng.nextDouble() * sum;
        for (int r = 0; r < hourWeights.length; r++) {
            target -= hourWeights[r];
            if (target < 0) {
                return regions[r];
            }
        }
        for (int r = hourWeights.length - 1; r >= 0; r--) {
            if (hourWeights[r] > 0) {
                return regions[r];
            }
        }
        return regions[0];
    }

    /**
     * Mostly moves a time outside the region's working hours (or on a weekend) to early in the next working
     * day; never moves it earlier.
     */
    long nudgeToWorkingHours(long time, Region region, Rng rng) {
        long local = time + region.utcOffsetMillis();
        int hourOfDay = (int) (Math.floorMod(local, DAY) / HOUR);
        boolean weekend = dayOfWeek(local) >= 5;
        if ((hourOfDay >= WORK_STARTS && hourOfDay < WORK_ENDS && !weekend) || !rng.chance(0.8)) {
            return time;
        }
        long localDay = Math.floorDiv(local, DAY);
        long nextDay = hourOfDay < WORK_STARTS && !weekend ? localDay : localDay + 1;
        while (dayOfWeek(nextDay * DAY) >= 5) {
            nextDay++;
        }
        long localMorning = nextDay * DAY + WORK_STARTS * HOUR + rng.nextLong(3 * HOUR);
        return Math.max(time, localMorning - region.utcOffsetMillis());
    }

    private static double localWeight(long time, Region region) {
        long local = time + region.utcOffsetMillis();
        int hourOfDay = (int) (Math.floorMod(local, DAY) / HOUR);
        return BY_LOCAL_HOUR[hourOfDay] * BY_LOCAL_DAY[dayOfWeek(local)];
    }

    /** Day of week of a local time in ms since the epoch, 0 = Monday (1970-01-01 was a Thursday). */
    private static int dayOfWeek(long localMillis) {
        return Math.floorMod(Math.floorDiv(localMillis, DAY) + 3, 7);
    }
}
