package io.troupe.sql.exec.funnel;

import io.troupe.sql.parser.FunnelOrder;
import java.util.Arrays;

/**
 * The per-unit state of one {@code FUNNEL} over one time-ordered pass, for the three orders: how far each unit
 * got (its level), how long each step took to convert, and the breakdown code of the unit. Units are dense
 * {@code int} ids; all state lives in flat arrays indexed by unit id that grow on demand (no per-unit or
 * per-row objects).
 *
 * <p><b>Input.</b> The caller feeds rows in time order and gives the rows of one time together
 * ({@link #acceptRun}). Each row has a unit, a step mask (bit s: the row matches step s+1; a row may match
 * several steps), an exclusion mask (bit e: the row matches exclusion e) and a breakdown code. Within a time,
 * exclusion rows are taken first, then (STRICT only) rows matching no step, then the step rows in step order.
 * Exclusion e lies between steps {@code from[e] < to[e]} (1-based).
 *
 * <p><b>SEQUENTIAL</b> (ClickHouse {@code windowFunnel(window)}): a chain is events e1..ek matching steps 1..k
 * with non-decreasing times (one row may serve several steps) and {@code t(ek) - t(e1) <= window}. The unit
 * reaches level k when some chain of length k is not broken. Exclusion e breaks a chain that has reached its
 * step {@code from} before the exclusion row and not yet its step {@code to}: a chain e1..ek is broken when a
 * row x of the unit matching e has {@code t(e_from) < t(x) <= t(e_min(to, k))}. Broken chains are dropped but
 * levels reached stay reached, and a later step-1 event starts a clean chain.
 *
 * <p><b>STRICT</b> (ClickHouse {@code windowFunnel(window, 'strict_order')}, taking its loop literally): per
 * unit, entries sorted by (time, index) where a row matching no step has index 0 and a row matching several
 * steps gives one entry per step; walking them, a no-step entry after the unit's first step-1 entry ends the
 * unit's walk; a step-1 entry restarts level 1; a step-k entry after the first step-1 entry whose level k-1
 * holds no chain (never reached, or dropped by an exclusion) ends the walk; otherwise the entry extends as in
 * SEQUENTIAL. Exclusions drop chains as in SEQUENTIAL.
 *
 * <p><b>ANY</b> (Amplitude's any order): the unit reaches level k when some events matching steps 1..k (one per
 * step, in any time order, one row may serve several steps) span at most the window ({@code max - min <=
 * window}). Exclusions cut the unit's events into epochs: an exclusion row x of exclusion e at time t starts a
 * new epoch (forgets every step seen) when the current epoch has, before t, an event matching step {@code
 * from[e]} and has not reached level {@code to[e]}; the events of one choice all lie in one epoch, and rows at
 * time t belong to the new epoch. Forgetting everything is coarser than SEQUENTIAL's rule, but in any order
 * "between two steps" has no better streaming meaning, and it keeps the state at one time per step.
 *
 * <p><b>Time to convert and breakdown code.</b> Let T be the first time at which the unit's level became
 * {@code >= k}. SEQUENTIAL and STRICT: among the unbroken chains reaching step k at T, the chosen chain is the
 * one with the latest step-1 time; {@link #convertMillis} is T minus that time. ANY: among the choices reaching
 * k whose latest event is at T, the chosen one spans least and then has the latest step-1 event; {@code
 * convertMillis} is its span. {@link #code} is the code of the step-1 event of the chain chosen for the unit's
 * final level (first touch); step-1 rows of one unit at one time give their smallest code, so that the answer
 * does not depend on the order of rows within a time.
 */
public abstract class FunnelKernel {
    /** Nothing recorded; a time no event has, as {@code Long.MIN_VALUE} is never a funnel event's time. */
    static final long NONE = Long.MIN_VALUE;

    final int steps;
    final long window;
    /** 0-based state index of each exclusion's first step and of its last step (1-based {@code from}, {@code to} minus one). */
    final int[] exclusionFrom;
    final int[] exclusionTo;
    private final int stepBits;
    private final int exclusionBits;
    int capacity;
    private int limit;
    byte[] levels;
    private int[] codes;
    /**
     * {@code unit * steps + k - 1}: time to convert to step k for k >= 2; for k = 1 the time the unit reached
     * level 1, which settles ties between step-1 rows of that time.
     */
    private long[] converts;

    FunnelKernel(int steps, long window, int[] exclusionFrom, int[] exclusionTo, int expectedUnits) {
        if (steps < 1 || steps > 32) {
            throw new IllegalArgumentException("a funnel has 1 to 32 steps, not " + steps);
        }
        if (window < 0) {
            throw new IllegalArgumentException("negative funnel window " + window);
        }
        this.steps = steps;
        this.window = window;
        this.exclusionFrom = new int[exclusionFrom.length];
        this.exclusionTo = new int[exclusionFrom.length];
        checkExclusions(exclusionFrom, exclusionTo, steps);
        for (int e = 0; e < exclusionFrom.length; e++) {
            this.exclusionFrom[e] = exclusionFrom[e] - 1;
            this.exclusionTo[e] = exclusionTo[e] - 1;
        }
        this.stepBits = steps == 32 ? -1 : (1 << steps) - 1;
        this.exclusionBits = exclusionFrom.length == 32 ? -1 : (1 << exclusionFrom.length) - 1;
        this.capacity = Math.max(expectedUnits, 16);
        this.levels = new byte[capacity];
        this.codes = new int[capacity];
        this.converts = new long[capacity * steps];
    }

    private static void checkExclusions(int[] from, int[] to, int steps) {
        if (from.length != to.length || from.length > 32) {
            throw new IllegalArgumentException("exclusions need one first and one last step each, at most 32");
        }
        for (int e = 0; e < from.length; e++) {
            if (from[e] < 1 || from[e] >= to[e] || to[e] > steps) {
                throw new IllegalArgumentException("exclusion " + (e + 1) + " lies between step " + from[e]
                        + " and step " + to[e] + "; it needs 1 <= first < last <= " + steps);
            }
        }
    }

    /**
     * A kernel for one funnel.
     *
     * @param steps         1 to 32
     * @param windowMillis  the window, inclusive
     * @param exclusionFrom per exclusion, the 1-based step after which it applies
     * @param exclusionTo   per exclusion, the 1-based step before which it applies ({@code from < to <= steps})
     * @param expectedUnits a sizing hint; unit ids may be any {@code int >= 0}
     */
    public static FunnelKernel create(FunnelOrder order, int steps, long windowMillis, int[] exclusionFrom,
            int[] exclusionTo, int expectedUnits) {
        switch (order) {
            case SEQUENTIAL:
                return new SequentialFunnel(steps, windowMillis, exclusionFrom, exclusionTo, expectedUnits);
            case STRICT:
                return new ChainFunnel(true, steps, windowMillis, exclusionFrom, exclusionTo, expectedUnits);
            case ANY:
                return new AnyOrderFunnel(steps, windowMillis, exclusionFrom, exclusionTo, expectedUnits);
            default:
                throw new IllegalArgumentException("no funnel kernel for order " + order);
        }
    }

    public int steps() {
        return steps;
    }

    /**
     * Rows {@code from..to-1}, all at {@code time}: unit ids (negative: skip the row), step masks (0: the row
     * matches no step, which only STRICT looks at), exclusion masks and breakdown codes. {@code exclusionMasks}
     * may be null when there are no exclusions, {@code codes} when there is no breakdown (every code is 0).
     */
    public final void acceptRun(int[] units, int[] stepMasks, int[] exclusionMasks, int[] codes, int from, int to,
            long time) {
        int maxUnit = -1;
        int anyStep = 0;
        int anyExclusion = 0;
        for (int i = from; i < to; i++) {
            maxUnit = Math.max(maxUnit, units[i]);
            anyStep |= stepMasks[i];
            if (exclusionMasks != null) {
                anyExclusion |= exclusionMasks[i];
            }
        }
        if (maxUnit < 0) {
            return;
        }
        ensureUnit(maxUnit);
        if ((anyExclusion & exclusionBits) != 0) {
            for (int i = from; i < to; i++) {
                int mask = exclusionMasks[i] & exclusionBits;
                if (mask != 0 && units[i] >= 0) {
                    exclude(units[i], mask);
                }
            }
        }
        if (needsUnmatchedRows()) {
            for (int i = from; i < to; i++) {
                if ((stepMasks[i] & stepBits) == 0 && units[i] >= 0) {
                    unmatched(units[i]);
                }
            }
        }
        // Step-major: every row's step 1 before any row's step 2, which is the (time, step) order across rows.
        for (int pending = anyStep & stepBits; pending != 0; pending &= pending - 1) {
            int bit = pending & -pending;
            int step = Integer.numberOfTrailingZeros(bit);
            for (int i = from; i < to; i++) {
                if ((stepMasks[i] & bit) != 0 && units[i] >= 0) {
                    step(units[i], step, time, codes == null ? 0 : codes[i]);
                }
            }
        }
        afterRun(units, stepMasks, from, to, time);
    }

    /** True when rows matching no step must be fed too (STRICT: such a row ends a unit's walk). */
    public boolean needsUnmatchedRows() {
        return false;
    }

    /** Exclusions {@code mask} (bits below the exclusion count) meet unit {@code unit}, before this time's steps. */
    abstract void exclude(int unit, int mask);

    /** A row of the unit that matches no step (called only when {@link #needsUnmatchedRows()}). */
    void unmatched(int unit) {
    }

    /** The unit's row matches step {@code step} (0-based); called in step order within a time. */
    abstract void step(int unit, int step, long time, int code);

    /** After all rows of a time. */
    void afterRun(int[] units, int[] stepMasks, int from, int to, long time) {
    }

    /**
     * The unit's level rose to {@code level} by a chain whose step-1 event has {@code code}; {@code convert} is
     * the time to convert, or for level 1 the time.
     */
    final void reached(int unit, int level, long convert, int code) {
        levels[unit] = (byte) level;
        codes[unit] = code;
        converts[unit * steps + level - 1] = convert;
    }

    /**
     * A step-1 row at {@code time}: the unit reaches level 1, or when it reached it at this very time through
     * another row, keeps the smaller code (so that the order of rows within a time does not matter).
     */
    final void started(int unit, long time, int code) {
        if (levels[unit] == 0) {
            reached(unit, 1, time, code);
        } else if (levels[unit] == 1 && converts[unit * steps] == time) {
            codes[unit] = Math.min(codes[unit], code);
        }
    }

    /** Makes room for unit id {@code unit} (a long count, as the id may be {@code Integer.MAX_VALUE}). */
    final void ensureUnit(int unit) {
        long needed = unit + 1L;
        if (needed > limit) {
            if (needed > capacity) {
                long n = Math.max(needed, capacity * 2L);
                if (n * steps > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("funnel unit id " + unit + " is too large for " + steps + " steps");
                }
                grow((int) n);
                capacity = (int) n;
            }
            limit = (int) needed;
        }
    }

    /** Widens every per-unit array to {@code n} units; subclasses add theirs. */
    void grow(int n) {
        levels = Arrays.copyOf(levels, n);
        codes = Arrays.copyOf(codes, n);
        converts = Arrays.copyOf(converts, n * steps);
    }

    static long[] grown(long[] a, int length) {
        long[] b = Arrays.copyOf(a, length);
        Arrays.fill(b, a.length, length, NONE);
        return b;
    }

    /** The highest step the unit reached, 0 for none. */
    public final int level(int unit) {
        return unit >= 0 && unit < capacity ? levels[unit] : 0;
    }

    /**
     * Time from the chosen chain's start to step {@code step} (1-based, see the class comment), -1 when the unit
     * did not reach it; 0 for step 1 when reached.
     */
    public final long convertMillis(int unit, int step) {
        if (step < 1 || step > steps) {
            throw new IllegalArgumentException("step " + step + " of a funnel of " + steps + " steps");
        }
        if (level(unit) < step) {
            return -1;
        }
        return step == 1 ? 0 : converts[unit * steps + step - 1];
    }

    /** The code of the step-1 event of the chain that first reached the unit's level; 0 when the level is 0. */
    public final int code(int unit) {
        return level(unit) > 0 ? codes[unit] : 0;
    }

    /** Unit ids seen are below this. */
    public final int units() {
        return limit;
    }

    /** Units reaching at least each step: {@code result[k]} for step k+1. */
    public final long[] unitsPerStep() {
        long[] perStep = new long[steps];
        for (int u = 0; u < limit; u++) {
            for (int k = 0; k < levels[u]; k++) {
                perStep[k]++;
            }
        }
        return perStep;
    }

    /** Bytes held, for the query's memory accounting. */
    public long bytes() {
        return levels.length + codes.length * 4L + converts.length * 8L;
    }
}
