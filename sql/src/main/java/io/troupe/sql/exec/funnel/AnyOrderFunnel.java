package io.troupe.sql.exec.funnel;

import java.util.Arrays;

/**
 * ANY (see {@link FunnelKernel}): per unit and step, the latest time of a row matching the step in the current
 * epoch, and that row's code. After each time t with rows of the unit, the unit is at level k when steps 1..k
 * were all seen and {@code t - min(latest[1..k]) <= window}: the latest events are the tightest choice that ends
 * by t, and a choice whose last event is earlier than t was already counted at its own last time.
 */
final class AnyOrderFunnel extends FunnelKernel {
    /** {@code unit * steps + k}: latest time of a row matching step k+1 in the unit's current epoch. */
    private long[] latest;
    /** The code of that row (the smallest among rows of that time). */
    private int[] latestCodes;
    /** The highest level reached within the current epoch, which an exclusion consults. */
    private byte[] epochLevels;

    AnyOrderFunnel(int steps, long window, int[] exclusionFrom, int[] exclusionTo, int expectedUnits) {
        super(steps, window, exclusionFrom, exclusionTo, expectedUnits);
        this.latest = grown(new long[0], capacity * steps);
        this.latestCodes = new int[capacity * steps];
        this.epochLevels = new byte[capacity];
    }

    @Override
    void exclude(int unit, int mask) {
        int base = unit * steps;
        for (int m = mask; m != 0; m &= m - 1) {
            int e = Integer.numberOfTrailingZeros(m);
            if (latest[base + exclusionFrom[e]] != NONE && epochLevels[unit] <= exclusionTo[e]) {
                Arrays.fill(latest, base, base + steps, NONE);
                epochLevels[unit] = 0;
                return;
            }
        }
    }

    @Override
    void step(int unit, int step, long time, int code) {
        int at = unit * steps + step;
        latestCodes[at] = latest[at] == time ? Math.min(latestCodes[at], code) : code;
        latest[at] = time;
    }

    @Override
    void afterRun(int[] units, int[] stepMasks, int from, int to, long time) {
        for (int i = from; i < to; i++) {
            if (stepMasks[i] != 0 && units[i] >= 0) {
                settle(units[i], time); // a unit with several rows settles more than once, to the same result
            }
        }
    }

    private void settle(int unit, long time) {
        int base = unit * steps;
        long min = Long.MAX_VALUE;
        for (int k = 0; k < steps; k++) {
            long t = latest[base + k];
            if (t == NONE) {
                return;
            }
            min = Math.min(min, t);
            if (time - min > window) {
                return;
            }
            if (k + 1 > epochLevels[unit]) {
                epochLevels[unit] = (byte) (k + 1);
            }
            if (k + 1 > levels[unit]) {
                reached(unit, k + 1, k == 0 ? time : time - min, latestCodes[base]);
            }
        }
    }

    @Override
    void grow(int n) {
        super.grow(n);
        latest = grown(latest, n * steps);
        latestCodes = Arrays.copyOf(latestCodes, n * steps);
        epochLevels = Arrays.copyOf(epochLevels, n);
    }

    @Override
    public long bytes() {
        return super.bytes() + latest.length * 8L + latestCodes.length * 4L + epochLevels.length;
    }
}
