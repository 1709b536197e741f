package io.troupe.storage.load;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Reads the event times users write in files: milliseconds since the epoch, or ISO-8601 as spreadsheets and
 * databases export it ({@code 2026-01-05T10:00:00Z}, {@code 2026-01-05 10:00:00}, {@code 2026-01-05}).
 * One place, so every loader accepts the same spellings.
 *
 * <p>A time without a zone or offset is UTC (Troupe's days are UTC). Fractions of a millisecond are
 * dropped. Times before 1970 or after 9999 are refused: they are always a mistake (a swapped column,
 * microseconds sent as milliseconds).
 */
public final class EventTimes {
    /** 9999-12-31T23:59:59.999Z, the latest accepted time. */
    public static final long MAX_MILLIS = 253_402_300_799_999L;

    private EventTimes() {
    }

    /**
     * Parses epoch milliseconds (digits only) or an ISO-8601 date or date-time.
     *
     * @throws IllegalArgumentException with a reason a user can act on, when the text is neither
     */
    public static long parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the event time is empty");
        }
        if (isDigits(text)) {
            return epochMillis(text);
        }
        return iso(text);
    }

    /** True when {@code millis} is a time Troupe stores: from 1970 to the end of year 9999. */
    public static boolean inRange(long millis) {
        return millis >= 0 && millis <= MAX_MILLIS;
    }

    private static long epochMillis(String digits) {
        if (digits.length() > 15) {
            throw outOfRange(digits);
        }
        long millis = Long.parseLong(digits);
        if (!inRange(millis)) {
            throw outOfRange(digits);
        }
        return millis;
    }

    private static long iso(String text) {
        String normalized = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        long millis;
        try {
            if (normalized.length() == 10) {
                millis = LocalDate.parse(normalized).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            } else {
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(normalized,
                        ZonedDateTime::from, LocalDateTime::from);
                millis = parsed instanceof ZonedDateTime zoned
                        ? zoned.toInstant().toEpochMilli()
                        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: write milliseconds since 1970-01-01 UTC"
                    + " or ISO-8601 such as 2026-01-05T10:00:00Z or 2026-01-05 10:00:00 (UTC)");
        }
        if (!inRange(millis)) {
            throw outOfRange(text);
        }
        return millis;
    }

    private static IllegalArgumentException outOfRange(String text) {
        return new IllegalArgumentException("'" + text + "' is outside the years 1970 to 9999:"
                + " write milliseconds (not seconds) since 1970-01-01 UTC, or an ISO-8601 time");
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
