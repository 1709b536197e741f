package io.troupe.sql.exec.funnel;

import java.util.Arrays;

/**
 * The per-unit kernel of a SEQUENTIAL funnel, ClickHouse's {@code windowFunnel(window)(t, c1, ..., cn)} in its
 * default mode, over one time-ordered pass: per unit, for each step, the start time of the chain that has
 * reached it, in flat arrays indexed by dense unit id (no per-unit collections, no sorting per unit).
 *
 * <p>Semantics, as ClickHouse: events are taken in (time, step) order; an event matching step 1 starts a
 * chain (a later step-1 event replaces the start, which only widens what can follow); an event matching step
 * k > 1 extends the chain that reached step k-1 when its time is at most that chain's start plus the window
 * (inclusive); a row matching several steps counts for each of them, in step order; rows matching no step are
 * ignored. A unit's level is the highest step a chain reached.
 *
 * <p>Callers feed events in time order and give events of equal time together ({@link #acceptRun}), so that
 * equal times are taken in step order across rows (B and A at the same time: A first).
 */
public final class SequentialFunnel {
    private static final long NONE = Long.MIN_VALUE;

    private final int steps;
    private final long window;
    private long[] starts;
    private byte[] levels;
    private int units;

    /**
     * @param steps  number of steps, 1 to 32 (a row's matches are a bit mask)
     * @param window the window in milliseconds, measured from the step-1 event, inclusive
     * @param units  expected number of units (dense ids {@code 0..units-1}; grows on demand)
     */
    public SequentialFunnel(int steps, long window, int units) {
        if (steps < 1 || steps > 32) {
            throw new IllegalArgumentException("a funnel has 1 to 32 steps, not " + steps);
        }
        if (window < 0) {
            throw new IllegalArgumentException("negative funnel window " + window);
        }
        this.steps = steps;
        this.window = window;
        this.units = Math.max(units, 16);
        this.starts = new long[this.units * steps];
        Arrays.fill(starts, NONE);
        this.levels = new byte[this.units];
    }

    public int steps() {
        return steps;
    }

    /** Bytes held, for the query's memory accounting. */
    public long bytes() {
        return starts.length * 8L + levels.length;
    }

    /**
     * Events {@code from..to-1} of the arrays, all at time {@code time}: unit ids and step masks (bit i set when
     * the row matches step i+1; a negative unit id is a row without a unit and is skipped).
     */
    public void acceptRun(int[] unitIds, int[] stepMasks, int from, int to, long time) {
        if (to - from == 1) {
            accept(unitIds[from], time, stepMasks[from]);
            return;
        }
        int any = 0;
        for (int i = from; i < to; i++) {
            any |= stepMasks[i];
        }
        for (int step = 0; step < steps; step++) {
            if ((any & (1 << step)) == 0) {
                continue;
            }
            for (int i = from; i < to; i++) {
                if ((stepMasks[i] & (1 << step)) != 0 && unitIds[i] >= 0) {
                    apply(unitIds[i], step, time);
                }
            }
        }
    }

    /** One event; its matched steps are taken in step order. */
    public void accept(int unit, long time, int stepMask) {
        if (unit < 0 || stepMask == 0) {
            return;
        }
        for (int mask = stepMask; mask != 0; mask &= mask - 1) {
            apply(unit, Integer.numberOfTrailingZeros(mask), time);
        }
    }

    private void apply(int unit, int step, long time) {
        if (step >= steps) {
            return;
        }
        if (unit >= units) {
            grow(unit + 1);
        }
        int base = unit * steps;
        if (step == 0) {
            starts[base] = time;
            if (levels[unit] == 0) {
                levels[unit] = 1;
            }
            return;
        }
        long start = starts[base + step - 1];
        if (start != NONE && time - start <= window) {
            starts[base + step] = start;
            if (levels[unit] < step + 1) {
                levels[unit] = (byte) (step + 1);
            }
        }
    }

    private void grow(int needed) {
        int n = Math.max(needed, units * 2);
        long[] s = Arrays.copyOf(starts, n * steps);
        Arrays.fill(s, units * steps, s.length, NONE);
        starts = s;
        levels = Arrays.copyOf(levels, n);
        units = n;
    }

    /** The highest step unit {@code unit} reached, 0 for none. */
    public int level(int unit) {
        return unit >= 0 && unit < units ? levels[unit] : 0;
    }

    /** Units reaching at least each step: {@code result[k]} for step k+1. */
    public long[] unitsPerStep() {
        long[] perStep = new long[steps];
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < levels[u]; k++) {
                perStep[k]++;
            }
        }
        return perStep;
    }
}
