package io.troupe.sql.exec;

import io.troupe.sql.exec.funnel.FunnelKernel;
import io.troupe.sql.exec.retention.RetentionKernel;
import io.troupe.sql.exec.retention.RetentionReport;
import io.troupe.sql.parser.MicroscopeOutcome;
import io.troupe.sql.report.ReportOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows a report needs, as columns of primitives (time, unit, condition bits, breakdown code), and the report
 * computed from them by the per-unit kernels, whose flat per-unit state gives the report's rows: per breakdown and
 * step (or period) the units and conversions, or for a microscope the units themselves. A funnel's rows are put
 * in time order ({@link TimeOrder}) and walked once through {@link FunnelKernel}; a retention needs no order: one
 * pass finds each unit's earliest start, a second marks the periods of its returns ({@link RetentionKernel}).
 * Filled by {@link ReportRun} from Troupe's batches or by {@link RowReport} from any rows.
 *
 * <p>Units and breakdowns are dense codes given by the filler, which also turns them back into values
 * ({@link Labels}). With HOLDING CONSTANT the kernel's units are (unit, held value) pairs ({@link #pair}), and each
 * unit takes the pair that reached the highest level, then the shortest time to convert to it, then the first
 * seen.
 */
final class ReportRows {
    /** Values of the codes a filler gave. */
    interface Labels {
        /** Writes the breakdown values of {@code code} into {@code row[offset..]}. */
        void breakdown(int code, Object[] row, int offset);

        /** The value of unit {@code unit}. */
        Object unit(int unit);
    }

    private final ReportOptions options;
    private final QueryScope scope;
    private int size;
    private final List<Chunk> chunks = new ArrayList<>();
    private long[] times = new long[1024];
    private int[] units = new int[1024];
    /** Per row: bit c when it satisfies condition c (funnel: the steps, then the exclusions; retention: start, return). */
    private int[] bits = new int[1024];
    private int[] codes = new int[1024];
    private int[] pairUnits = new int[0];
    private long reserved;
    private long end = Long.MIN_VALUE;

    ReportRows(ReportOptions options, QueryScope scope) {
        this.options = options;
        this.scope = scope;
        reserve(times.length);
    }

    ReportOptions options() {
        return options;
    }

    /** Whether rows matching no condition matter (STRICT: another event of the unit ends its walk). */
    boolean needsAllRows() {
        return needsAllRows(options);
    }

    /** Whether a report with these options needs every row of a unit, those matching no condition too (STRICT). */
    static boolean needsAllRows(ReportOptions options) {
        return options.kind() == ReportOptions.Kind.FUNNEL && options.order() == io.troupe.sql.parser.FunnelOrder.STRICT;
    }

    private void reserve(int rows) {
        long bytes = rows * 28L;
        if (scope != null) {
            scope.reserve(bytes, "report rows");
        }
        reserved += bytes;
    }

    /** A row read (matching a condition or not): the latest time read ends a retention's periods. */
    void seen(long time) {
        end = Math.max(end, time);
    }

    /** Kernel unit {@code pair} stands for unit {@code unit} with one held value. */
    void pair(int pair, int unit) {
        if (pair >= pairUnits.length) {
            pairUnits = Arrays.copyOf(pairUnits, Math.max(pair + 1, Math.max(16, pairUnits.length * 2)));
        }
        pairUnits[pair] = unit;
    }

    private void ensure(int needed) {
        if (needed > times.length) {
            int capacity = Math.max(needed, times.length * 2);
            reserve(capacity - times.length);
            times = Arrays.copyOf(times, capacity);
            units = Arrays.copyOf(units, capacity);
            bits = Arrays.copyOf(bits, capacity);
            codes = Arrays.copyOf(codes, capacity);
        }
    }

    /** One row: its time, unit, condition bits and breakdown code. */
    void add(long time, int unit, int conditionBits, int code) {
        ensure(size + 1);
        times[size] = time;
        units[size] = unit;
        bits[size] = conditionBits;
        codes[size] = code;
        size++;
    }

    /** Rows {@code 0..n} of columns a filler keeps (not copied unless a funnel needs one time order), breakdown code 0. */
    void addAll(long[] rowTimes, int[] rowUnits, int[] rowBits, int n) {
        chunks.add(new Chunk(rowTimes, rowUnits, rowBits, null, n));
    }

    /** Rows held in columns: a filler's (breakdown code 0: {@code codes} null) or this object's own. */
    private record Chunk(long[] times, int[] units, int[] bits, int[] codes, int size) {
        int code(int i) {
            return codes == null ? 0 : codes[i];
        }
    }

    /** Every row: the fillers' chunks, then the rows added one by one. */
    private List<Chunk> allChunks() {
        List<Chunk> all = new ArrayList<>(chunks);
        all.add(new Chunk(times, units, bits, codes, size));
        return all;
    }

    /** Copies the chunks into this object's columns (a funnel sorts them all at once). */
    private void flatten() {
        if (chunks.isEmpty()) {
            return;
        }
        int total = size;
        for (Chunk c : chunks) {
            total += c.size();
        }
        reserve(total - times.length);
        long[] t = ArrayPool.longs(total);
        int[] u = ArrayPool.ints(total);
        int[] b = ArrayPool.ints(total);
        int[] k = ArrayPool.ints(total);
        System.arraycopy(times, 0, t, 0, size);
        System.arraycopy(units, 0, u, 0, size);
        System.arraycopy(bits, 0, b, 0, size);
        System.arraycopy(codes, 0, k, 0, size);
        for (Chunk c : chunks) {
            System.arraycopy(c.times(), 0, t, size, c.size());
            System.arraycopy(c.units(), 0, u, size, c.size());
            System.arraycopy(c.bits(), 0, b, size, c.size());
            Arrays.fill(k, size, size + c.size(), 0);
            size += c.size();
        }
        times = t;
        units = u;
        bits = b;
        codes = k;
        chunks.clear();
    }

    void release() {
        if (scope != null) {
            scope.release(reserved);
        }
        reserved = 0;
        ArrayPool.give(times);
        ArrayPool.give(units);
        ArrayPool.give(bits);
        ArrayPool.give(codes);
        times = new long[0];
        units = new int[0];
        bits = new int[0];
        codes = new int[0];
    }

    /**
     * The report's rows: breakdown values, then the report's own columns (or the unit, for a microscope).
     *
     * @param codeCount breakdown codes are below this (1 without breakdowns)
     */
    List<Object[]> compute(int codeCount, Labels labels) {
        if (options.kind() == ReportOptions.Kind.RETENTION) {
            return retention(codeCount, labels); // needs no time order
        }
        flatten();
        int[] order = TimeOrder.of(times, size);
        int steps = options.steps();
        int stepBits = steps == 32 ? -1 : (1 << steps) - 1;
        // The columns in time order, in pooled arrays (tens of megabytes per execution otherwise).
        int[] u = ArrayPool.ints(size);
        int[] m = ArrayPool.ints(size);
        int[] x = options.exclusions() == 0 ? null : ArrayPool.ints(size);
        int[] c = ArrayPool.ints(size);
        long[] t = ArrayPool.longs(size);
        for (int i = 0; i < size; i++) {
            int o = order[i];
            t[i] = times[o];
            u[i] = units[o];
            c[i] = codes[o];
            int b = bits[o];
            m[i] = b & stepBits;
            if (x != null) {
                x[i] = b >>> steps;
            }
        }
        try {
            return funnel(u, m, x, c, t, codeCount, labels);
        } finally {
            ArrayPool.give(u);
            ArrayPool.give(m);
            ArrayPool.give(x);
            ArrayPool.give(c);
            ArrayPool.give(t);
        }
    }

    private void check() {
        if (scope != null) {
            scope.check();
        }
    }

    // ---- funnels ----------------------------------------------------------------------------------------------

    private List<Object[]> funnel(int[] u, int[] m, int[] x, int[] c, long[] t, int codeCount, Labels labels) {
        FunnelKernel kernel = FunnelKernel.create(options.order(), options.steps(), options.window(),
                options.exclusionFrom(), options.exclusionTo(), 1024);
        int from = 0;
        while (from < size) {
            long time = t[from];
            int to = from + 1;
            while (to < size && t[to] == time) {
                to++;
            }
            kernel.acceptRun(u, m, x, c, from, to, time);
            if ((from & 0xFFFF) == 0) {
                check();
            }
            from = to;
        }
        long bytes = kernel.bytes();
        if (scope != null) {
            scope.reserve(bytes, "funnel state");
        }
        try {
            Units best = bestPerUnit(kernel);
            return options.microscope() ? funnelMicroscope(kernel, best, labels) : funnelRows(kernel, best, codeCount, labels);
        } finally {
            if (scope != null) {
                scope.release(bytes);
            }
        }
    }

    /** Per unit that reached step 1, the kernel unit that stands for it (itself, or its best held-value pair). */
    private record Units(int count, int[] unitIds, int[] kernelIds) {
    }

    private Units bestPerUnit(FunnelKernel kernel) {
        int n = kernel.units();
        if (!options.hold()) {
            int count = 0;
            int[] ids = new int[n];
            for (int k = 0; k < n; k++) {
                if (kernel.level(k) > 0) {
                    ids[count++] = k;
                }
            }
            int[] unitIds = Arrays.copyOf(ids, count);
            return new Units(count, unitIds, unitIds);
        }
        int maxUnit = 0;
        for (int p = 0; p < n; p++) {
            maxUnit = Math.max(maxUnit, pairUnits[p]);
        }
        int[] best = new int[maxUnit + 1];
        Arrays.fill(best, -1);
        int count = 0;
        for (int p = 0; p < n; p++) {
            int level = kernel.level(p);
            if (level == 0) {
                continue;
            }
            int unit = pairUnits[p];
            int q = best[unit];
            if (q < 0) {
                best[unit] = p;
                count++;
                continue;
            }
            int lq = kernel.level(q);
            if (level > lq || (level == lq && kernel.convertMillis(p, level) < kernel.convertMillis(q, level))) {
                best[unit] = p;
            }
        }
        int[] unitIds = new int[count];
        int[] kernelIds = new int[count];
        int k = 0;
        for (int unit = 0; unit < best.length; unit++) {
            if (best[unit] >= 0) {
                unitIds[k] = unit;
                kernelIds[k++] = best[unit];
            }
        }
        return new Units(count, unitIds, kernelIds);
    }

    private List<Object[]> funnelRows(FunnelKernel kernel, Units units, int codes, Labels labels) {
        int steps = options.steps();
        long[] reached = new long[codes * steps];
        for (int i = 0; i < units.count(); i++) {
            int k = units.kernelIds()[i];
            int base = kernel.code(k) * steps;
            for (int s = 0; s < kernel.level(k); s++) {
                reached[base + s]++;
            }
        }
        // Times to convert, grouped by (code, step) with a counting sort, for medians.
        int[] offsets = new int[codes * steps + 1];
        for (int i = 0; i < reached.length; i++) {
            offsets[i + 1] = offsets[i] + (int) reached[i];
        }
        long[] millis = new long[offsets[codes * steps]];
        int[] fill = Arrays.copyOf(offsets, offsets.length - 1);
        for (int i = 0; i < units.count(); i++) {
            int k = units.kernelIds()[i];
            int base = kernel.code(k) * steps;
            for (int s = 0; s < kernel.level(k); s++) {
                millis[fill[base + s]++] = kernel.convertMillis(k, s + 1);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        int b = options.breakdowns();
        for (int code = 0; code < codes; code++) {
            if (reached[code * steps] == 0 && b > 0) {
                continue;
            }
            for (int s = 0; s < steps; s++) {
                Object[] row = new Object[b + 6];
                if (b > 0) {
                    labels.breakdown(code, row, 0);
                }
                long n = reached[code * steps + s];
                long first = reached[code * steps];
                long previous = s == 0 ? n : reached[code * steps + s - 1];
                row[b] = s + 1;
                row[b + 1] = n;
                row[b + 2] = first == 0 ? null : (double) n / first;
                row[b + 3] = previous == 0 ? null : (double) n / previous;
                int lo = offsets[code * steps + s];
                int hi = offsets[code * steps + s + 1];
                if (s > 0 && hi > lo) {
                    Arrays.sort(millis, lo, hi);
                    int mid = lo + (hi - lo) / 2;
                    double median = (hi - lo) % 2 == 1 ? millis[mid] : (millis[mid - 1] + millis[mid]) / 2.0;
                    long sum = 0;
                    for (int i = lo; i < hi; i++) {
                        sum += millis[i];
                    }
                    row[b + 4] = median / 1000.0;
                    row[b + 5] = sum / 1000.0 / (hi - lo);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private List<Object[]> funnelMicroscope(FunnelKernel kernel, Units units, Labels labels) {
        int step = options.microscopeIndex();
        boolean dropped = options.outcome() == MicroscopeOutcome.DROPPED;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < units.count(); i++) {
            int k = units.kernelIds()[i];
            int level = kernel.level(k);
            if (dropped ? level == step : level >= step) {
                rows.add(unitRow(units.unitIds()[i], kernel.code(k), labels));
            }
        }
        return rows;
    }

    private Object[] unitRow(int unit, int code, Labels labels) {
        int b = options.breakdowns();
        Object[] row = new Object[b + 1];
        if (b > 0) {
            labels.breakdown(code, row, 0);
        }
        row[b] = labels.unit(unit);
        return row;
    }

    // ---- retention --------------------------------------------------------------------------------------------

    /**
     * Retention in two passes over the rows as they came: starts (the earliest per unit), then returns. The
     * result is the time-ordered kernel's; no sort is needed.
     */
    private List<Object[]> retention(int codeCount, Labels labels) {
        RetentionKernel kernel = new RetentionKernel(options.mode(), options.calendar(), options.period(),
                options.periods(), 1024);
        List<Chunk> all = allChunks();
        for (Chunk c : all) {
            for (int i = 0; i < c.size(); i++) {
                if ((c.bits()[i] & RetentionKernel.START) != 0) {
                    kernel.startAnyOrder(c.units()[i], c.times()[i], c.code(i));
                }
            }
        }
        check();
        for (Chunk c : all) {
            for (int i = 0; i < c.size(); i++) {
                if ((c.bits()[i] & RetentionKernel.RETURN) != 0) {
                    kernel.returnedAnyOrder(c.units()[i], c.times()[i]);
                }
            }
        }
        long bytes = kernel.bytes();
        if (scope != null) {
            scope.reserve(bytes, "retention state");
        }
        try {
            return options.microscope() ? retentionMicroscope(kernel, labels) : retentionRows(kernel, codeCount, labels);
        } finally {
            if (scope != null) {
                scope.release(bytes);
            }
        }
    }

    private List<Object[]> retentionRows(RetentionKernel kernel, int codes, Labels labels) {
        RetentionReport report = RetentionReport.count(kernel, end, codes);
        int b = options.breakdowns();
        List<Object[]> rows = new ArrayList<>();
        for (int code = 0; code < codes; code++) {
            if (b > 0 && report.eligible(code, 0) == 0) {
                continue;
            }
            for (int p = 0; p <= options.periods(); p++) {
                Object[] row = new Object[b + 4];
                if (b > 0) {
                    labels.breakdown(code, row, 0);
                }
                row[b] = p;
                row[b + 1] = report.retained(code, p);
                row[b + 2] = report.eligible(code, p);
                row[b + 3] = report.retention(code, p);
                rows.add(row);
            }
        }
        return rows;
    }

    private List<Object[]> retentionMicroscope(RetentionKernel kernel, Labels labels) {
        int period = options.microscopeIndex();
        boolean lost = options.outcome() == MicroscopeOutcome.LOST;
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < kernel.units(); k++) {
            if (kernel.started(k) && kernel.eligible(k, period, end) && kernel.retained(k, period) != lost) {
                rows.add(unitRow(k, kernel.code(k), labels));
            }
        }
        return rows;
    }
}
