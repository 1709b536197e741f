package io.troupe.sql.exec;

import java.util.Locale;

/**
 * Truncation of UTC millisecond times to a calendar unit, as {@code DATE_TRUNC} and {@code FLOOR(t TO unit)}
 * define it in Troupe: days are UTC, weeks start on Monday (ISO 8601), quarters on January, April, July
 * and October. {@link #bucket} numbers the units since the epoch so that keys are small integers;
 * {@link #start} maps a bucket back to its first millisecond.
 */
public enum TimeBucket {
    SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR;

    private static final long SECOND_MS = 1000L;
    private static final long MINUTE_MS = 60_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    /** 1970-01-01 is a Thursday; weeks are counted from Monday 1969-12-29. */
    private static final long WEEK_SHIFT_MS = 3 * DAY_MS;

    /** The unit named as in {@code DATE_TRUNC('week', t)}, case-insensitive; null when unknown. */
    public static TimeBucket parse(String unit) {
        try {
            return valueOf(unit.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public long bucket(long millis) {
        return switch (this) {
            case SECOND -> Math.floorDiv(millis, SECOND_MS);
            case MINUTE -> Math.floorDiv(millis, MINUTE_MS);
            case HOUR -> Math.floorDiv(millis, HOUR_MS);
            case DAY -> Math.floorDiv(millis, DAY_MS);
            case WEEK -> Math.floorDiv(millis + WEEK_SHIFT_MS, 7 * DAY_MS);
            case MONTH -> monthIndex(millis);
            case QUARTER -> Math.floorDiv(monthIndex(millis), 3);
            case YEAR -> Math.floorDiv(monthIndex(millis), 12);
        };
    }

    public long start(long bucket) {
        return switch (this) {
            case SECOND -> bucket * SECOND_MS;
            case MINUTE -> bucket * MINUTE_MS;
            case HOUR -> bucket * HOUR_MS;
            case DAY -> bucket * DAY_MS;
            case WEEK -> bucket * 7 * DAY_MS - WEEK_SHIFT_MS;
            case MONTH -> monthStart(bucket);
            case QUARTER -> monthStart(bucket * 3);
            case YEAR -> monthStart(bucket * 12);
        };
    }

    public long truncate(long millis) {
        return start(bucket(millis));
    }

    /** Months since 1970-01 of a time (civil-from-days, proleptic Gregorian, in integer arithmetic). */
    static long monthIndex(long millis) {
        long z = Math.floorDiv(millis, DAY_MS) + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        return (y - 1970) * 12 + (m - 1);
    }

    /** The first millisecond of a month index (days-from-civil). */
    static long monthStart(long monthIndex) {
        long y = 1970 + Math.floorDiv(monthIndex, 12);
        long m = Math.floorMod(monthIndex, 12) + 1;
        if (m <= 2) {
            y--;
        }
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146_097 + doe - 719_468;
        return days * DAY_MS;
    }
}
