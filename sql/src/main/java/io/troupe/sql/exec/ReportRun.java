package io.troupe.sql.exec;

import io.troupe.sql.exec.funnel.FunnelKernel;
import io.troupe.sql.exec.retention.RetentionKernel;
import io.troupe.sql.exec.retention.RetentionReport;
import io.troupe.sql.parser.MicroscopeOutcome;
import io.troupe.sql.report.ReportOptions;
import io.troupe.sql.schema.EventLayout;
import io.troupe.storage.dictionary.Dictionaries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One execution of a {@link ReportSpec}: the rows that survive WHERE arrive batch by batch; those that matter
 * (a step, an exclusion or a retention condition; every row of a unit for STRICT) are kept as columns of
 * primitives (time, unit, condition bits, breakdown code); at the end they are put in time order and run through
 * the per-unit kernel ({@link FunnelKernel}, {@link RetentionKernel}), whose flat per-unit state gives the
 * report's rows: per breakdown and step (or period) the units and conversions, or for a microscope the units
 * themselves.
 *
 * <p>Breakdowns are coded densely in order of first appearance; a row's code is that of its breakdown values, and
 * a unit's is that of the row that started its chain (first touch). With HOLDING CONSTANT, the kernel's units are
 * (unit, held value) pairs, and each unit takes the pair that reached the highest level (then the shortest time to
 * convert to it, then the first seen).
 */
final class ReportRun implements BatchSink {
    private final ReportSpec spec;
    private final ReportOptions options;
    private final EventLayout layout;
    private final List<Output> outputs;
    private final RowFilter[] conditions;
    private final ValueDecoder decoder;
    private final QueryScope scope;
    private final KeyCodec breakdownCodec;
    private final KeyCodec holdCodec;
    private final LongIntHashMap breakdownCodes;
    private final LongIntHashMap pairs;
    private final boolean allRows;
    private final int unitField;

    private int size;
    private long[] times = new long[1024];
    private int[] units = new int[1024];
    private int[] masks = new int[1024];
    private int[] exclusionMasks = new int[1024];
    private int[] codes = new int[1024];
    private int[] pairUnits = new int[1024];
    private long reserved;
    private long end = Long.MIN_VALUE;
    private boolean released;

    private boolean[] matches = new boolean[0];
    private int[] rowMasks = new int[0];
    private int[] rowExclusions = new int[0];
    private long[] composite = new long[0];
    private long[] holds = new long[0];

    ReportRun(ReportSpec spec, EventLayout layout, List<Output> outputs, RowFilter[] conditions, Dictionaries dictionaries,
              ValueDecoder decoder, long minTime, long maxTime, QueryScope scope) {
        this.spec = spec;
        this.options = spec.options();
        this.layout = layout;
        this.outputs = outputs;
        this.conditions = conditions;
        this.decoder = decoder;
        this.scope = scope;
        this.unitField = outputs.get(0).field();
        int[] b = new int[options.breakdowns()];
        for (int i = 0; i < b.length; i++) {
            b[i] = 2 + i;
        }
        breakdownCodec = b.length == 0 ? null : new KeyCodec(layout, outputs, b, dictionaries, decoder, minTime, maxTime);
        breakdownCodes = b.length == 0 ? null : new LongIntHashMap(scope, 64);
        holdCodec = options.hold() ? new KeyCodec(layout, outputs, new int[] {options.holdColumn()}, dictionaries, decoder,
                minTime, maxTime) : null;
        pairs = options.hold() ? new LongIntHashMap(scope, 1 << 12) : null;
        allRows = options.kind() == ReportOptions.Kind.FUNNEL && options.order() == io.troupe.sql.parser.FunnelOrder.STRICT;
        reserve(times.length);
    }

    private void reserve(int rows) {
        long bytes = rows * 28L;
        scope.reserve(bytes, "report rows");
        reserved += bytes;
    }

    @Override
    public void accept(BatchData d, boolean[] where) {
        int n = d.rows();
        if (matches.length < n) {
            matches = new boolean[n];
            rowMasks = new int[n];
            rowExclusions = new int[n];
            composite = new long[n];
            holds = new long[n];
        }
        Arrays.fill(rowMasks, 0, n, 0);
        Arrays.fill(rowExclusions, 0, n, 0);
        int steps = options.kind() == ReportOptions.Kind.FUNNEL ? options.steps() : 2;
        for (int c = 0; c < conditions.length; c++) {
            conditions[c].eval(d, matches);
            int[] target = c < steps ? rowMasks : rowExclusions;
            int bit = 1 << (c < steps ? c : c - steps);
            for (int i = 0; i < n; i++) {
                if (matches[i]) {
                    target[i] |= bit;
                }
            }
        }
        int[] unitIds = d.ids(unitField);
        long[] t = d.times();
        if (breakdownCodec != null) {
            breakdownCodec.keys(d, composite, n);
        }
        if (holdCodec != null) {
            holdCodec.keys(d, holds, n);
        }
        boolean holdNullable = holdCodec != null && !(holdCodec.output(0) instanceof Output.Floor);
        for (int i = 0; i < n; i++) {
            if (where != null && !where[i]) {
                continue;
            }
            end = Math.max(end, t[i]);
            int unit = unitIds[i];
            if (unit < 0 || (!allRows && rowMasks[i] == 0 && rowExclusions[i] == 0)) {
                continue;
            }
            if (holdCodec != null) {
                if (holdNullable && holds[i] == 0) {
                    continue; // no value to hold constant: in no chain
                }
                int pair = pairs.slot(((long) unit << 32) | holds[i]);
                if (pair >= pairUnits.length) {
                    pairUnits = Arrays.copyOf(pairUnits, Math.max(pair + 1, pairUnits.length * 2));
                }
                pairUnits[pair] = unit;
                unit = pair;
            }
            if (size == times.length) {
                grow();
            }
            times[size] = t[i];
            units[size] = unit;
            masks[size] = rowMasks[i];
            exclusionMasks[size] = rowExclusions[i];
            codes[size] = breakdownCodes == null ? 0 : breakdownCodes.slot(composite[i]);
            size++;
        }
    }

    private void grow() {
        int capacity = times.length * 2;
        reserve(capacity - times.length);
        times = Arrays.copyOf(times, capacity);
        units = Arrays.copyOf(units, capacity);
        masks = Arrays.copyOf(masks, capacity);
        exclusionMasks = Arrays.copyOf(exclusionMasks, capacity);
        codes = Arrays.copyOf(codes, capacity);
    }

    @Override
    public EventLayout layout() {
        return layout;
    }

    /** The report's rows: breakdown values, then the report's own columns (or the unit, for a microscope). */
    List<Object[]> rows() {
        int[] order = TimeOrder.of(times, size);
        int[] u = permute(units, order);
        int[] m = permute(masks, order);
        int[] x = permute(exclusionMasks, order);
        int[] c = permute(codes, order);
        long[] t = new long[size];
        for (int i = 0; i < size; i++) {
            t[i] = times[order[i]];
        }
        return options.kind() == ReportOptions.Kind.FUNNEL ? funnel(u, m, x, c, t) : retention(u, m, c, t);
    }

    private static int[] permute(int[] a, int[] order) {
        int[] b = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            b[i] = a[order[i]];
        }
        return b;
    }

    private int codeCount() {
        return breakdownCodes == null ? 1 : breakdownCodes.size();
    }

    // ---- funnels ----------------------------------------------------------------------------------------------

    private List<Object[]> funnel(int[] u, int[] m, int[] x, int[] c, long[] t) {
        int steps = options.steps();
        FunnelKernel kernel = FunnelKernel.create(options.order(), steps, options.window(), options.exclusionFrom(),
                options.exclusionTo(), 1024);
        int from = 0;
        while (from < size) {
            long time = t[from];
            int to = from + 1;
            while (to < size && t[to] == time) {
                to++;
            }
            kernel.acceptRun(u, m, options.exclusions() == 0 ? null : x, c, from, to, time);
            scope.check();
            from = to;
        }
        scope.reserve(kernel.bytes(), "funnel state");
        try {
            Units best = bestPerUnit(kernel);
            return options.microscope() ? funnelMicroscope(kernel, best) : funnelRows(kernel, best);
        } finally {
            scope.release(kernel.bytes());
        }
    }

    /** Per unit, the kernel unit that stands for it: itself, or with HOLDING CONSTANT its best (unit, value) pair. */
    private record Units(int count, int[] unitIds, int[] kernelIds) {
    }

    private Units bestPerUnit(FunnelKernel kernel) {
        int n = kernel.units();
        if (pairs == null) {
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
        LongIntHashMap byUnit = new LongIntHashMap(scope, 1 << 10);
        int[] unitIds = new int[16];
        int[] best = new int[16];
        int count = 0;
        for (int p = 0; p < n; p++) {
            int level = kernel.level(p);
            if (level == 0) {
                continue;
            }
            int slot = byUnit.slot(pairUnits[p]);
            if (slot == count) {
                if (count == best.length) {
                    best = Arrays.copyOf(best, count * 2);
                    unitIds = Arrays.copyOf(unitIds, count * 2);
                }
                unitIds[count] = pairUnits[p];
                best[count++] = p;
                continue;
            }
            int q = best[slot];
            int lq = kernel.level(q);
            if (level > lq || (level == lq && kernel.convertMillis(p, level) < kernel.convertMillis(q, level))) {
                best[slot] = p;
            }
        }
        byUnit.release();
        return new Units(count, Arrays.copyOf(unitIds, count), Arrays.copyOf(best, count));
    }

    private List<Object[]> funnelRows(FunnelKernel kernel, Units units) {
        int steps = options.steps();
        int codes = codeCount();
        long[] reached = new long[codes * steps];
        for (int i = 0; i < units.count(); i++) {
            int k = units.kernelIds()[i];
            int level = kernel.level(k);
            int base = kernel.code(k) * steps;
            for (int s = 0; s < level; s++) {
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
            int level = kernel.level(k);
            int base = kernel.code(k) * steps;
            for (int s = 0; s < level; s++) {
                millis[fill[base + s]++] = kernel.convertMillis(k, s + 1);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        long[] keys = breakdownCodes == null ? null : breakdownCodes.keysBySlot();
        int b = options.breakdowns();
        for (int code = 0; code < codes; code++) {
            if (reached[code * steps] == 0 && b > 0) {
                continue;
            }
            for (int s = 0; s < steps; s++) {
                Object[] row = new Object[b + 6];
                if (b > 0) {
                    breakdownCodec.decode(keys[code], row, 0);
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

    private List<Object[]> funnelMicroscope(FunnelKernel kernel, Units units) {
        int step = options.microscopeIndex();
        boolean dropped = options.outcome() == MicroscopeOutcome.DROPPED;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < units.count(); i++) {
            int k = units.kernelIds()[i];
            int level = kernel.level(k);
            if (dropped ? level == step : level >= step) {
                rows.add(unitRow(units.unitIds()[i], kernel.code(k)));
            }
        }
        return rows;
    }

    private Object[] unitRow(int unit, int code) {
        int b = options.breakdowns();
        Object[] row = new Object[b + 1];
        if (b > 0) {
            breakdownCodec.decode(breakdownCodes.keysBySlot()[code], row, 0);
        }
        row[b] = decoder.idValue(unitField, unit);
        return row;
    }

    // ---- retention --------------------------------------------------------------------------------------------

    private List<Object[]> retention(int[] u, int[] flags, int[] c, long[] t) {
        RetentionKernel kernel = new RetentionKernel(options.mode(), options.calendar(), options.period(),
                options.periods(), 1024);
        int from = 0;
        while (from < size) {
            long time = t[from];
            int to = from + 1;
            while (to < size && t[to] == time) {
                to++;
            }
            kernel.acceptRun(u, flags, c, from, to, time);
            scope.check();
            from = to;
        }
        scope.reserve(kernel.bytes(), "retention state");
        try {
            return options.microscope() ? retentionMicroscope(kernel) : retentionRows(kernel);
        } finally {
            scope.release(kernel.bytes());
        }
    }

    private List<Object[]> retentionRows(RetentionKernel kernel) {
        int codes = codeCount();
        RetentionReport report = RetentionReport.count(kernel, end, codes);
        long[] keys = breakdownCodes == null ? null : breakdownCodes.keysBySlot();
        int b = options.breakdowns();
        List<Object[]> rows = new ArrayList<>();
        for (int code = 0; code < codes; code++) {
            if (b > 0 && report.eligible(code, 0) == 0) {
                continue;
            }
            for (int p = 0; p <= options.periods(); p++) {
                Object[] row = new Object[b + 4];
                if (b > 0) {
                    breakdownCodec.decode(keys[code], row, 0);
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

    private List<Object[]> retentionMicroscope(RetentionKernel kernel) {
        int period = options.microscopeIndex();
        boolean lost = options.outcome() == MicroscopeOutcome.LOST;
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < kernel.units(); k++) {
            if (kernel.started(k) && kernel.eligible(k, period, end) && kernel.retained(k, period) != lost) {
                rows.add(unitRow(k, kernel.code(k)));
            }
        }
        return rows;
    }

    void release() {
        scope.release(reserved);
        reserved = 0;
        if (released) {
            return;
        }
        released = true;
        if (breakdownCodes != null) {
            breakdownCodes.release();
        }
        if (pairs != null) {
            pairs.release();
        }
    }

    @Override
    public String toString() {
        return "ReportRun[" + spec + ", " + layout.size() + " columns]";
    }
}
