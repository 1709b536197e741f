package io.troupe.sql.exec.retention;

import io.troupe.sql.parser.RetentionMode;
import java.util.Arrays;

/**
 * The per-unit kernel of retention over one time-ordered pass: per unit, its start time, its breakdown code and
 * a bit mask of the periods it was retained in, in flat arrays indexed by dense unit id (grown on demand; no
 * per-unit objects).
 *
 * <h2>Semantics</h2>
 * Rows arrive in time order, rows of equal time together ({@link #acceptRun}); each has a unit id, a start flag, a
 * return flag and a breakdown code. {@code P} is the period ({@code periodMillis}).
 * <ul>
 *   <li><b>Start.</b> A unit's start is the time of its first row with the start flag; its code is that row's
 *   code (among start rows of the same time, the first one given). Later start rows change nothing.</li>
 *   <li><b>Period 0</b> holds every started unit.</li>
 *   <li><b>Period k &gt;= 1</b> holds the unit when it has a return row at time {@code t} with
 *   <ul>
 *     <li>{@link RetentionMode#N_DAY}: {@code start + k*P <= t < start + (k+1)*P};</li>
 *     <li>{@link RetentionMode#UNBOUNDED}: {@code t >= start + k*P} (so period k implies periods 1..k-1).</li>
 *   </ul>
 *   So a return exactly at {@code start + P} is in period 1, exactly at {@code start + 2P} in period 2.</li>
 *   <li><b>CALENDAR.</b> Periods count calendar days (UTC) of {@code P / 1 day} days each ({@code P} must be a
 *   whole number of days): with {@code d = day(t) - day(start)} ({@code day} = days since 1970-01-01 UTC), period
 *   {@code k} holds when {@code k*D <= d < (k+1)*D} (N_DAY) or {@code d >= k*D} (UNBOUNDED), {@code D} the period
 *   in days. A return later on the start's own day is in period 0, one just after midnight in period 1 (D = 1).</li>
 *   <li>Return rows before the unit started (no start yet, the start coming later) are ignored; a row that is
 *   both a start and a return starts the unit, then counts as a return at offset 0 (period 0). Rows of a run are
 *   applied starts first, so a return at the start's own time is a return at offset 0 too.</li>
 *   <li>Only periods {@code 0..periods} are kept; a return beyond them is ignored.</li>
 * </ul>
 *
 * <h2>Eligibility</h2>
 * A report counts a unit in period k's denominator only when the period has fully elapsed by {@code end}, the
 * latest event time among the rows the query read ({@link #eligible}); period 0 is always eligible:
 * <ul>
 *   <li>N_DAY: the period's last millisecond is at most end: {@code start + (k+1)*P - 1 <= end};</li>
 *   <li>UNBOUNDED: the period has begun (it never ends): {@code start + k*P <= end};</li>
 *   <li>CALENDAR N_DAY: the period's last day is at most end's day: {@code day(start) + (k+1)*D - 1 <= day(end)};
 *   CALENDAR UNBOUNDED: its first day is: {@code day(start) + k*D <= day(end)}.</li>
 * </ul>
 */
public final class RetentionKernel {
    /** At most this many periods after period 0 (the flags of periods 0..63 are one long per unit). */
    public static final int MAX_PERIODS = 63;
    /** Bit 0 of a row's flags: the row matches the start condition. */
    public static final int START = 1;
    /** Bit 1 of a row's flags: the row matches the return condition. */
    public static final int RETURN = 2;
    /** Milliseconds of a UTC day. */
    public static final long DAY_MILLIS = 86_400_000L;

    private static final long NONE = Long.MIN_VALUE;

    private final RetentionMode mode;
    private final boolean calendar;
    private final long period;
    private final int periods;
    private final long allPeriods;
    private long[] starts;
    private long[] masks;
    private int[] codes;
    private int capacity;
    private int units;

    /**
     * @param mode          N_DAY (a return counts for the period it falls in) or UNBOUNDED (for that period and
     *                      every earlier one)
     * @param calendar      count periods in UTC calendar days ({@code periodMillis} a whole number of days)
     * @param periodMillis  the period {@code P} in milliseconds, positive (24 h when the user gives none)
     * @param periods       the number of periods after period 0, 0 to {@link #MAX_PERIODS}
     * @param expectedUnits expected number of units (dense ids {@code 0..expectedUnits-1}; grows on demand)
     * @throws IllegalArgumentException for a period that is not positive (or not whole days with CALENDAR) or a
     *                                  number of periods out of range; the message names the fix
     */
    public RetentionKernel(RetentionMode mode, boolean calendar, long periodMillis, int periods, int expectedUnits) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode is null");
        String bad = check(calendar, periodMillis, periods);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        this.calendar = calendar;
        this.period = calendar ? periodMillis / DAY_MILLIS : periodMillis;
        this.periods = periods;
        this.allPeriods = periods == 63 ? -1L : (1L << (periods + 1)) - 1;
        this.capacity = Math.max(expectedUnits, 16);
        this.starts = new long[capacity];
        Arrays.fill(starts, NONE);
        this.masks = new long[capacity];
        this.codes = new int[capacity];
    }

    /**
     * Why these arguments are refused, as a message that says what to write instead, or null when they are fine
     * (for the SQL layer to check before building a kernel).
     */
    public static String check(boolean calendar, long periodMillis, int periods) {
        if (periodMillis <= 0) {
            return "a retention period must be positive, not " + periodMillis + " ms: write e.g. INTERVAL '1' DAY";
        }
        if (calendar && periodMillis % DAY_MILLIS != 0) {
            return "a CALENDAR retention period is a whole number of days, not " + periodMillis
                    + " ms: write e.g. INTERVAL '7' DAY, or drop CALENDAR";
        }
        if (periods < 0 || periods > MAX_PERIODS) {
            return "retention has 0 to " + MAX_PERIODS + " periods after period 0, not " + periods;
        }
        return null;
    }

    public RetentionMode mode() {
        return mode;
    }

    public boolean calendar() {
        return calendar;
    }

    /** The number of periods after period 0 (flags 0..periods). */
    public int periods() {
        return periods;
    }

    /** One more than the highest unit id seen (units below it that never started have no start). */
    public int units() {
        return units;
    }

    /** Bytes held, for the query's memory accounting. */
    public long bytes() {
        return capacity * 20L;
    }

    /**
     * Rows {@code from..to-1} of the arrays, all at time {@code time} (later than or equal to every earlier run):
     * unit ids (a negative id is a row without a unit and is skipped), flags ({@link #START}, {@link #RETURN}) and
     * breakdown codes (read only on start rows; {@code codes} may be null for code 0).
     */
    public void acceptRun(int[] unitIds, int[] flags, int[] codes, int from, int to, long time) {
        for (int i = from; i < to; i++) {
            if ((flags[i] & START) != 0 && unitIds[i] >= 0) {
                start(unitIds[i], time, codes == null ? 0 : codes[i]);
            }
        }
        for (int i = from; i < to; i++) {
            if ((flags[i] & RETURN) != 0 && unitIds[i] >= 0) {
                returned(unitIds[i], time);
            }
        }
    }

    /** One row; rows must come in time order. */
    public void accept(int unit, long time, int flags, int code) {
        if (unit < 0) {
            return;
        }
        if ((flags & START) != 0) {
            start(unit, time, code);
        }
        if ((flags & RETURN) != 0) {
            returned(unit, time);
        }
    }

    private void start(int unit, long time, int code) {
        if (unit >= capacity) {
            grow(unit + 1);
        }
        units = Math.max(units, unit + 1);
        if (starts[unit] == NONE) {
            starts[unit] = time;
            codes[unit] = code;
            masks[unit] = 1L;
        }
    }

    private void returned(int unit, long time) {
        if (unit >= capacity) {
            return; // never started
        }
        long start = starts[unit];
        if (start == NONE || time < start) {
            return;
        }
        long offset = calendar ? Math.floorDiv(time, DAY_MILLIS) - Math.floorDiv(start, DAY_MILLIS) : time - start;
        long k = offset / period;
        if (mode == RetentionMode.N_DAY) {
            if (k <= periods) {
                masks[unit] |= 1L << k;
            }
        } else {
            masks[unit] |= k >= periods ? allPeriods : (1L << (k + 1)) - 1;
        }
    }

    private void grow(int needed) {
        int n = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, capacity * 2L));
        starts = Arrays.copyOf(starts, n);
        Arrays.fill(starts, capacity, n, NONE);
        masks = Arrays.copyOf(masks, n);
        codes = Arrays.copyOf(codes, n);
        capacity = n;
    }

    /** Whether the unit has a start row. */
    public boolean started(int unit) {
        return unit >= 0 && unit < capacity && starts[unit] != NONE;
    }

    /** The unit's start time; only for a started unit. */
    public long start(int unit) {
        if (!started(unit)) {
            throw new IllegalStateException("unit " + unit + " has not started");
        }
        return starts[unit];
    }

    /** The breakdown code of the unit's start row, 0 for a unit that has not started. */
    public int code(int unit) {
        return unit >= 0 && unit < capacity ? codes[unit] : 0;
    }

    /** The periods the unit was retained in: bit k for period k (bit 0 for every started unit), 0 when not started. */
    public long retainedMask(int unit) {
        return unit >= 0 && unit < capacity ? masks[unit] : 0;
    }

    /** Whether the unit was retained in period {@code period} (0..periods). */
    public boolean retained(int unit, int period) {
        return period >= 0 && period <= periods && (retainedMask(unit) & (1L << period)) != 0;
    }

    /**
     * Whether period {@code period} of a started unit had fully elapsed by {@code end} (see the class comment):
     * false for a unit that has not started and for a period outside 0..periods; true for period 0.
     */
    public boolean eligible(int unit, int period, long end) {
        if (!started(unit) || period < 0 || period > periods) {
            return false;
        }
        if (period == 0) {
            return true;
        }
        long start = starts[unit];
        if (calendar) {
            long elapsed = Math.floorDiv(end, DAY_MILLIS) - Math.floorDiv(start, DAY_MILLIS); // whole days
            return mode == RetentionMode.N_DAY ? elapsed >= (period + 1L) * this.period - 1 : elapsed >= period * this.period;
        }
        if (end < start) {
            return false;
        }
        long elapsed = end - start; // no overflow: both are event times
        long needed = mode == RetentionMode.N_DAY ? saturatedTimes(period + 1L, this.period) - 1 : saturatedTimes(period, this.period);
        return elapsed >= needed;
    }

    /**
     * The last period of the unit that is eligible by {@code end}, -1 for a unit that has not started: periods
     * 0..result are eligible (eligibility is monotone in the period).
     */
    public int lastEligible(int unit, long end) {
        if (!started(unit)) {
            return -1;
        }
        int lo = 0;
        int hi = periods;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (eligible(unit, mid, end)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static long saturatedTimes(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi == 0 && lo >= 0 ? lo : Long.MAX_VALUE;
    }
}
