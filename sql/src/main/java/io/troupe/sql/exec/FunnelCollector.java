package io.troupe.sql.exec;

import io.troupe.sql.exec.funnel.SequentialFunnel;
import io.troupe.sql.exec.retention.RetentionKernel;
import io.troupe.sql.parser.RetentionMode;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one {@code FUNNEL_LEVEL} call: (time, group slot, matched steps) of every row that matches a
 * step, in primitive arrays; at the end sorted by time and run through the {@link SequentialFunnel} kernel,
 * with rows of equal time given together so that they are taken in step order. Batches arrive in time order
 * within a segment but not across segments and the tail, hence the sort. A {@code RETENTION_FLAGS} call collects
 * the same way (its steps, start and return, are the {@link RetentionKernel}'s flag bits) and runs that kernel.
 */
final class FunnelCollector {
    private final AggCall call;
    private final RowFilter[] steps;
    private final QueryScope scope;
    private long[] times = new long[1024];
    private int[] slots = new int[1024];
    private int[] masks = new int[1024];
    private int size;
    private long reserved;
    private boolean[] matches = new boolean[0];
    private int[] rowMasks = new int[0];

    FunnelCollector(AggCall call, RowFilter[] steps, QueryScope scope) {
        this.call = call;
        this.steps = steps;
        this.scope = scope;
        reserve(times.length);
    }

    private void reserve(int capacity) {
        long bytes = capacity * 16L;
        scope.reserve(bytes, "funnel rows");
        reserved += bytes;
    }

    /** Adds the selected rows {@code rowIndex[0..m)} of a batch, in groups {@code slots[0..m)}. */
    void accept(BatchData d, int[] rowIndex, int[] rowSlots, int m) {
        int n = d.rows();
        if (matches.length < n) {
            matches = new boolean[n];
        }
        if (rowMasks.length < m) {
            rowMasks = new int[Math.max(m, 1024)];
        }
        Arrays.fill(rowMasks, 0, m, 0);
        for (int s = 0; s < steps.length; s++) {
            steps[s].eval(d, matches);
            for (int j = 0; j < m; j++) {
                if (matches[rowIndex[j]]) {
                    rowMasks[j] |= 1 << s;
                }
            }
        }
        long[] t = d.times();
        for (int j = 0; j < m; j++) {
            if (rowMasks[j] != 0) {
                if (size == times.length) {
                    grow();
                }
                times[size] = t[rowIndex[j]];
                slots[size] = rowSlots[j];
                masks[size] = rowMasks[j];
                size++;
            }
        }
    }

    private void grow() {
        int capacity = times.length * 2;
        reserve(capacity - times.length);
        times = Arrays.copyOf(times, capacity);
        slots = Arrays.copyOf(slots, capacity);
        masks = Arrays.copyOf(masks, capacity);
    }

    /** The funnel level of every slot below {@code slotCount}. */
    int[] levels(int slotCount) {
        SequentialFunnel funnel = new SequentialFunnel(steps.length, call.window(), Math.max(slotCount, 1));
        scope.reserve(funnel.bytes(), "funnel state");
        try {
            runs((u, m, from, to, t) -> funnel.acceptRun(u, m, from, to, t));
            int[] levels = new int[slotCount];
            for (int s = 0; s < slotCount; s++) {
                levels[s] = funnel.level(s);
            }
            return levels;
        } finally {
            scope.release(funnel.bytes());
        }
    }

    /**
     * The flags of a {@code RETENTION_FLAGS} call (steps: start, return) for every slot below {@code slotCount}: a
     * list of {@code periods + 1} booleans, or null for a slot without a start (N_DAY, not CALENDAR).
     */
    List<Boolean>[] retentionFlags(int slotCount) {
        RetentionKernel kernel = new RetentionKernel(RetentionMode.N_DAY, false, call.window(), call.periods(),
                Math.max(slotCount, 1));
        long bytes = kernel.bytes();
        scope.reserve(bytes, "retention state");
        try {
            runs((u, m, from, to, t) -> kernel.acceptRun(u, m, null, from, to, t));
            @SuppressWarnings("unchecked")
            List<Boolean>[] flags = new List[slotCount];
            for (int s = 0; s < slotCount; s++) {
                if (kernel.started(s)) {
                    Boolean[] f = new Boolean[call.periods() + 1];
                    long mask = kernel.retainedMask(s);
                    for (int k = 0; k < f.length; k++) {
                        f[k] = (mask & (1L << k)) != 0;
                    }
                    flags[s] = Arrays.asList(f);
                }
            }
            return flags;
        } finally {
            scope.release(bytes);
        }
    }

    /** The rows sorted by time, given run by run of equal time: slots, step masks, [from, to), time. */
    private void runs(Run run) {
        int[] order = TimeOrder.of(times, size);
        int[] u = new int[size];
        int[] m = new int[size];
        for (int i = 0; i < size; i++) {
            u[i] = slots[order[i]];
            m[i] = masks[order[i]];
        }
        int from = 0;
        while (from < size) {
            long t = times[order[from]];
            int to = from + 1;
            while (to < size && times[order[to]] == t) {
                to++;
            }
            run.accept(u, m, from, to, t);
            from = to;
        }
    }

    private interface Run {
        void accept(int[] slots, int[] masks, int from, int to, long time);
    }

    void release() {
        scope.release(reserved);
        reserved = 0;
    }
}
