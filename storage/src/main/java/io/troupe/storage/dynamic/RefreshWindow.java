package io.troupe.storage.dynamic;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The time window of a dynamic group property and its refresh period, in UTC.
 *
 * <ul>
 *   <li>{@code LAST_DAYS n}: refreshed once per UTC day; the refresh of day D counts the events of the n complete
 *       days before it, {@code [D - n days, D)}. The scheduled refresh runs at D 00:00, where this is exactly
 *       {@code [now - n days, now)}; a refresh later on day D (at creation, on demand) uses the same window, so
 *       every refresh of one day gives one value.</li>
 *   <li>{@code CALENDAR_WEEK} / {@code CALENDAR_MONTH}: refreshed once per ISO week (from Monday) / calendar month;
 *       the value is that of the last complete week / month, as Amplitude's calendar windows.</li>
 * </ul>
 *
 * @param kind the kind of window
 * @param days the number of days of a {@code LAST_DAYS} window, 0 for the calendar ones
 */
public record RefreshWindow(Kind kind, int days) {
    /** The kinds of window. The names are persisted: never rename one. */
    public enum Kind {
        LAST_DAYS, CALENDAR_WEEK, CALENDAR_MONTH
    }

    /** The longest rolling window: a refresh scans this many days of events for every group, every day. */
    public static final int MAX_DAYS = 90;

    private static final long DAY = 86_400_000L;

    public RefreshWindow {
        Objects.requireNonNull(kind, "kind is null");
        if (kind == Kind.LAST_DAYS ? days < 1 || days > MAX_DAYS : days != 0) {
            throw new IllegalArgumentException("window " + kind + " of " + days + " days");
        }
    }

    public static RefreshWindow lastDays(int days) {
        return new RefreshWindow(Kind.LAST_DAYS, days);
    }

    public static RefreshWindow calendarWeek() {
        return new RefreshWindow(Kind.CALENDAR_WEEK, 0);
    }

    public static RefreshWindow calendarMonth() {
        return new RefreshWindow(Kind.CALENDAR_MONTH, 0);
    }

    /** The start of the refresh period holding {@code time}: its UTC day, ISO week or month. */
    public long periodStart(long time) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC);
        LocalDate start = switch (kind) {
            case LAST_DAYS -> day;
            case CALENDAR_WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case CALENDAR_MONTH -> day.withDayOfMonth(1);
        };
        return millis(start);
    }

    /** The start of the period after the one starting at {@code periodStart}: when the next refresh is due. */
    public long nextPeriodStart(long periodStart) {
        LocalDate start = LocalDate.ofInstant(Instant.ofEpochMilli(periodStart), ZoneOffset.UTC);
        return millis(switch (kind) {
            case LAST_DAYS -> start.plusDays(1);
            case CALENDAR_WEEK -> start.plusWeeks(1);
            case CALENDAR_MONTH -> start.plusMonths(1);
        });
    }

    /** The first event time a refresh in the period starting at {@code periodStart} counts (inclusive). */
    public long from(long periodStart) {
        LocalDate start = LocalDate.ofInstant(Instant.ofEpochMilli(periodStart), ZoneOffset.UTC);
        return switch (kind) {
            case LAST_DAYS -> periodStart - days * DAY;
            case CALENDAR_WEEK -> millis(start.minusWeeks(1));
            case CALENDAR_MONTH -> millis(start.minusMonths(1));
        };
    }

    /** The end (exclusive) of what that refresh counts: the period's start (only complete days count). */
    public long to(long periodStart) {
        return periodStart;
    }

    /** The window as SQL writes it, e.g. {@code LAST INTERVAL '7' DAY}. */
    public String sql() {
        return switch (kind) {
            case LAST_DAYS -> "LAST INTERVAL '" + days + "' DAY";
            case CALENDAR_WEEK -> "CALENDAR WEEK";
            case CALENDAR_MONTH -> "CALENDAR MONTH";
        };
    }

    private static long millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
