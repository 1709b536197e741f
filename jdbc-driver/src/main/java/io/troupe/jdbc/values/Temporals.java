package io.troupe.jdbc.values;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * Temporal values as the protocol carries them, and as JDBC hands them out. On the wire a TIMESTAMP is
 * milliseconds since 1970-01-01 of a date and time that Troupe reads as UTC (docs/protocol.md), a DATE days since
 * 1970-01-01, a TIME milliseconds of the day.
 *
 * <p>A TIMESTAMP is an instant: {@code getTimestamp(i)} is the {@code java.sql.Timestamp} of that instant (the
 * connection's time zone is UTC), {@code getTimestamp(i, calendar)} reads the date and time in the calendar's zone
 * instead, and {@code getObject(i, LocalDateTime.class)} gives the UTC date and time as they are. A DATE and a TIME
 * have no instant: without a calendar they are read in the JVM's zone, so that {@code toString()} and
 * {@code toLocalDate()} show the value the server sent. Setters do the reverse.
 */
public final class Temporals {
    public static final long MILLIS_PER_DAY = 86_400_000L;

    private Temporals() {
    }

    /** The wall-clock time of a wire TIMESTAMP. */
    public static LocalDateTime localDateTime(long utcMillis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(utcMillis, 1000), Math.floorMod(utcMillis, 1000) * 1_000_000, ZoneOffset.UTC);
    }

    /** The wire TIMESTAMP of a wall-clock time (below a millisecond is cut). */
    public static long utcMillis(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1000 + t.getNano() / 1_000_000;
    }

    /** The zone a calendar argument stands for; the JVM's zone when null (for DATE and TIME). */
    public static ZoneId zone(Calendar calendar) {
        return calendar == null ? TimeZone.getDefault().toZoneId() : calendar.getTimeZone().toZoneId();
    }

    /** The Timestamp of a wire TIMESTAMP: its UTC instant, or its date and time read in the calendar's zone. */
    public static java.sql.Timestamp timestamp(long utcMillis, Calendar calendar) {
        if (calendar == null) {
            return new java.sql.Timestamp(utcMillis);
        }
        LocalDateTime t = localDateTime(utcMillis);
        java.sql.Timestamp ts = new java.sql.Timestamp(t.atZone(zone(calendar)).toInstant().toEpochMilli());
        ts.setNanos(t.getNano());
        return ts;
    }

    public static java.sql.Date date(int days, Calendar calendar) {
        LocalDate d = LocalDate.ofEpochDay(days);
        if (calendar == null) {
            return java.sql.Date.valueOf(d);
        }
        return new java.sql.Date(d.atStartOfDay(zone(calendar)).toInstant().toEpochMilli());
    }

    public static java.sql.Time time(int millisOfDay, Calendar calendar) {
        LocalDateTime t = LocalDate.EPOCH.atTime(localTime(millisOfDay));
        return new java.sql.Time(t.atZone(zone(calendar)).toInstant().toEpochMilli());
    }

    public static LocalTime localTime(int millisOfDay) {
        return LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L);
    }

    /**
     * The wire TIMESTAMP of a {@code java.util.Date} (Timestamp too): its instant, or with a calendar its date and
     * time in the calendar's zone.
     */
    public static long utcMillis(java.util.Date value, Calendar calendar) {
        Instant instant = value instanceof java.sql.Timestamp ts ? ts.toInstant() : Instant.ofEpochMilli(value.getTime());
        if (calendar == null) {
            return instant.toEpochMilli();
        }
        return utcMillis(LocalDateTime.ofInstant(instant, zone(calendar)));
    }

    /** The wire DATE of a {@code java.util.Date} read in the calendar's zone. */
    public static int days(java.util.Date value, Calendar calendar) {
        return Math.toIntExact(LocalDate.ofInstant(Instant.ofEpochMilli(value.getTime()), zone(calendar)).toEpochDay());
    }

    /** The wire TIME of a {@code java.util.Date} read in the calendar's zone (milliseconds kept). */
    public static int millisOfDay(java.util.Date value, Calendar calendar) {
        LocalTime t = LocalTime.ofInstant(Instant.ofEpochMilli(value.getTime()), zone(calendar));
        return (int) (t.toNanoOfDay() / 1_000_000);
    }

    public static int millisOfDay(LocalTime t) {
        return (int) (t.toNanoOfDay() / 1_000_000);
    }

    /** {@code 2024-01-31 12:00:00}, with {@code .250} only when there are milliseconds (SQL's literal form). */
    public static String formatTimestamp(long utcMillis) {
        LocalDateTime t = localDateTime(utcMillis);
        StringBuilder sb = new StringBuilder(23);
        sb.append(t.toLocalDate()).append(' ');
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000);
        return sb.toString();
    }

    public static String formatDate(int days) {
        return LocalDate.ofEpochDay(days).toString();
    }

    /** {@code 12:00:00}, with {@code .250} only when there are milliseconds. */
    public static String formatTime(int millisOfDay) {
        StringBuilder sb = new StringBuilder(12);
        int seconds = millisOfDay / 1000;
        appendTime(sb, seconds / 3600, seconds / 60 % 60, seconds % 60, millisOfDay % 1000);
        return sb.toString();
    }

    private static void appendTime(StringBuilder sb, int h, int m, int s, int millis) {
        two(sb, h).append(':');
        two(sb, m).append(':');
        two(sb, s);
        if (millis != 0) {
            sb.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
        }
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * A TIMESTAMP from text: {@code 2024-01-31}, {@code 2024-01-31 12:00[:00[.250]]} or the same with {@code T};
     * with a zone ({@code Z}, {@code +02:00}) the instant's UTC wall-clock time.
     *
     * @throws DateTimeParseException when the text is none of these
     */
    public static long parseTimestamp(String text) {
        String s = text.strip();
        if (s.length() == 10) {
            return LocalDate.parse(s).toEpochDay() * MILLIS_PER_DAY;
        }
        String iso = s.replace(' ', 'T');
        if (iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        }
        return utcMillis(LocalDateTime.parse(iso));
    }

    /** A DATE from text ({@code 2024-01-31}, or the date of a timestamp text). */
    public static int parseDate(String text) {
        String s = text.strip();
        if (s.length() == 10) {
            return Math.toIntExact(LocalDate.parse(s).toEpochDay());
        }
        return Math.toIntExact(Math.floorDiv(parseTimestamp(s), MILLIS_PER_DAY));
    }

    /** A TIME from text ({@code 12:00:00.250}, or the time of a timestamp text). */
    public static int parseTime(String text) {
        String s = text.strip();
        if (s.length() <= 12 && s.indexOf('-') < 0) {
            return millisOfDay(LocalTime.parse(s));
        }
        return (int) Math.floorMod(parseTimestamp(s), MILLIS_PER_DAY);
    }
}
