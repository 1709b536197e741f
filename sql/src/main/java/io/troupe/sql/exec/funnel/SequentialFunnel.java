package io.troupe.sql.exec.funnel;

/**
 * The SEQUENTIAL funnel kernel, ClickHouse's {@code windowFunnel(window)(t, c1, ..., cn)} in its default mode
 * (semantics in {@link FunnelKernel}), with the entry points {@code FUNNEL_LEVEL} uses: no exclusions and no
 * breakdown codes.
 */
public final class SequentialFunnel extends ChainFunnel {
    private static final int[] NO_EXCLUSIONS = new int[0];

    /**
     * @param steps  number of steps, 1 to 32 (a row's matches are a bit mask)
     * @param window the window in milliseconds, measured from the step-1 event, inclusive
     * @param units  expected number of units (dense ids {@code 0..units-1}; grows on demand)
     */
    public SequentialFunnel(int steps, long window, int units) {
        this(steps, window, NO_EXCLUSIONS, NO_EXCLUSIONS, units);
    }

    SequentialFunnel(int steps, long window, int[] exclusionFrom, int[] exclusionTo, int units) {
        super(false, steps, window, exclusionFrom, exclusionTo, units);
    }

    /**
     * Events {@code from..to-1} of the arrays, all at time {@code time}: unit ids and step masks (bit i set when
     * the row matches step i+1; a negative unit id is a row without a unit and is skipped).
     */
    public void acceptRun(int[] unitIds, int[] stepMasks, int from, int to, long time) {
        acceptRun(unitIds, stepMasks, null, null, from, to, time);
    }

    /** One event, alone at its time; its matched steps are taken in step order. */
    public void accept(int unit, long time, int stepMask) {
        if (unit < 0 || stepMask == 0) {
            return;
        }
        ensureUnit(unit);
        for (int mask = stepMask; mask != 0; mask &= mask - 1) {
            int step = Integer.numberOfTrailingZeros(mask);
            if (step < steps) {
                step(unit, step, time, 0);
            }
        }
    }
}
