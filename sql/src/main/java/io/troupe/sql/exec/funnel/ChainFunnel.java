package io.troupe.sql.exec.funnel;

import java.util.Arrays;

/**
 * SEQUENTIAL and STRICT (see {@link FunnelKernel}): per unit and per step k, the start time and code of the
 * latest-started unbroken chain that reached step k. Keeping only the latest start is enough: a later start
 * leaves more of the window, and an exclusion drops every chain at a level alike, whatever its start.
 *
 * <p>Starts never increase with the step (a level is set from the level below, and clearing keeps the order of
 * what remains), so extending a chain may overwrite the level above: it can only move its start later.
 */
class ChainFunnel extends FunnelKernel {
    private static final byte STARTED = 1;
    private static final byte STOPPED = 2;

    private final boolean strict;
    /** {@code unit * steps + k}: start of the latest-started unbroken chain that reached step k+1. */
    private long[] starts;
    /** The code of that chain's step-1 event. */
    private int[] startCodes;
    /** STRICT: whether the unit saw step 1 and whether its walk ended (ClickHouse's first_event and break). */
    private byte[] flags;

    ChainFunnel(boolean strict, int steps, long window, int[] exclusionFrom, int[] exclusionTo, int expectedUnits) {
        super(steps, window, exclusionFrom, exclusionTo, expectedUnits);
        this.strict = strict;
        this.starts = grown(new long[0], capacity * steps);
        this.startCodes = new int[capacity * steps];
        this.flags = new byte[strict ? capacity : 0];
    }

    @Override
    public final boolean needsUnmatchedRows() {
        return strict;
    }

    @Override
    final void exclude(int unit, int mask) {
        int base = unit * steps;
        for (int m = mask; m != 0; m &= m - 1) {
            int e = Integer.numberOfTrailingZeros(m);
            Arrays.fill(starts, base + exclusionFrom[e], base + exclusionTo[e], NONE);
        }
    }

    @Override
    final void unmatched(int unit) {
        if ((flags[unit] & STARTED) != 0) {
            flags[unit] |= STOPPED;
        }
    }

    @Override
    final void step(int unit, int step, long time, int code) {
        if (strict && (flags[unit] & STOPPED) != 0) {
            return;
        }
        int at = unit * steps + step;
        if (step == 0) {
            startCodes[at] = starts[at] == time ? Math.min(startCodes[at], code) : code;
            starts[at] = time;
            if (strict) {
                flags[unit] |= STARTED;
            }
            started(unit, time, code);
            return;
        }
        long start = starts[at - 1];
        if (start == NONE) {
            if (strict && (flags[unit] & STARTED) != 0) {
                flags[unit] |= STOPPED;
            }
            return;
        }
        if (time - start > window) {
            return;
        }
        starts[at] = start;
        startCodes[at] = startCodes[at - 1];
        if (levels[unit] == step) {
            reached(unit, step + 1, time - start, startCodes[at]);
        }
    }

    @Override
    void grow(int n) {
        super.grow(n);
        starts = grown(starts, n * steps);
        startCodes = Arrays.copyOf(startCodes, n * steps);
        if (strict) {
            flags = Arrays.copyOf(flags, n);
        }
    }

    @Override
    public long bytes() {
        return super.bytes() + starts.length * 8L + startCodes.length * 4L + flags.length;
    }
}
