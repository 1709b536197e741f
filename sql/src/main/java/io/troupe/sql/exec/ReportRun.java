package io.troupe.sql.exec;

import io.troupe.sql.report.ReportOptions;
import io.troupe.sql.schema.EventLayout;
import io.troupe.storage.dictionary.Dictionaries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A report ({@link ReportSpec}) over Troupe's batches. The scan may run on several threads, each filling its own
 * {@link Part} with the rows that matter (a condition matched; every row of a unit for STRICT): time, unit (the
 * row's dictionary id), condition bits ({@link ConditionMasks}), and the keys of the breakdowns and of a held value
 * ({@link KeyCodec}). Then, on one thread, breakdowns are numbered in order of first appearance, (unit, held value)
 * pairs likewise, and the rows go to {@link ReportRows}, which runs the kernel.
 */
final class ReportRun implements ReportRows.Labels {
    private final ReportOptions options;
    private final EventLayout layout;
    private final List<Output> outputs;
    private final ValueDecoder decoder;
    private final QueryScope scope;
    private final KeyCodec breakdownCodec;
    private final KeyCodec holdCodec;
    private final ConditionMasks masks;
    private final int unitField;
    private final List<Part> parts = new ArrayList<>();
    private LongIntHashMap breakdownCodes;
    private long[] breakdownKeys;

    ReportRun(ReportSpec spec, EventLayout layout, List<Output> outputs, FilterBinder binder, Dictionaries dictionaries,
              ValueDecoder decoder, long minTime, long maxTime, QueryScope scope) {
        this.options = spec.options();
        this.layout = layout;
        this.outputs = outputs;
        this.decoder = decoder;
        this.scope = scope;
        this.unitField = outputs.get(0).field();
        int[] b = new int[options.breakdowns()];
        for (int i = 0; i < b.length; i++) {
            b[i] = 2 + i;
        }
        breakdownCodec = b.length == 0 ? null : new KeyCodec(layout, outputs, b, dictionaries, decoder, minTime, maxTime);
        holdCodec = options.hold() ? new KeyCodec(layout, outputs, new int[] {options.holdColumn()}, dictionaries, decoder,
                minTime, maxTime) : null;
        masks = new ConditionMasks(spec.conditions(), binder);
    }

    /**
     * A new part for one scanning thread, sized for {@code expectedRows} rows that matter (a guess from the segments'
     * event type counts; the part grows past it), so that its columns are not copied while they fill.
     */
    Part part(long expectedRows) {
        Part p = new Part(parts.isEmpty() ? masks : masks.copy(), (int) Math.min(Math.max(expectedRows, 1024), 1 << 28));
        parts.add(p);
        return p;
    }

    /** The rows that matter in these segments, from their event type counts, or -1 when they cannot tell. */
    long expectedRows(List<io.troupe.storage.read.Segment> segments, int eventTypeField) {
        if (ReportRows.needsAllRows(options)) {
            return -1;
        }
        long rows = 0;
        for (io.troupe.storage.read.Segment segment : segments) {
            long n = masks.matchingRows(segment.info(), eventTypeField);
            if (n < 0) {
                return -1;
            }
            rows += n;
        }
        return rows;
    }

    /** The rows of one scanning thread, as columns of primitives. */
    final class Part implements BatchSink {
        private final ConditionMasks conditions;
        private final boolean allRows = ReportRows.needsAllRows(options);
        private int size;
        private long[] times;
        private int[] units;
        private int[] bits;
        private long[] breakdowns;
        private long[] holds;
        private long end = Long.MIN_VALUE;
        private long reserved;
        private final boolean needsEnd = options.kind() == ReportOptions.Kind.RETENTION;
        private int[] rowBits = new int[0];
        private int[] selected = new int[0];
        private final int[] lastRow = new int[1];
        private final long[] lastTime = new long[1];
        private long[] gatheredTimes = new long[0];
        private int[] gatheredUnits = new int[0];
        private long[] rowBreakdowns = new long[0];
        private long[] rowHolds = new long[0];

        private Part(ConditionMasks conditions, int capacity) {
            this.conditions = conditions;
            reserve(capacity);
            times = ArrayPool.longs(capacity);
            units = ArrayPool.ints(capacity);
            bits = ArrayPool.ints(capacity);
            breakdowns = breakdownCodec == null ? null : new long[capacity];
            holds = holdCodec == null ? null : new long[capacity];
        }

        private void reserve(int rows) {
            long bytes = rows * 32L;
            scope.reserve(bytes, "report rows");
            reserved += bytes;
        }

        @Override
        public EventLayout layout() {
            return layout;
        }

        @Override
        public void accept(BatchData d, boolean[] where) {
            int n = d.rows();
            if (rowBits.length < n) {
                rowBits = new int[n];
                selected = new int[n];
                gatheredTimes = new long[n];
                gatheredUnits = new int[n];
            }
            conditions.eval(d, rowBits);
            int m = 0;
            int last = -1;
            if (where == null && !allRows) {
                // Branch-free compaction: the selected rows are a few to a few tens of percent, at random.
                int[] b = rowBits;
                int[] sel = selected;
                for (int i = 0; i < n; i++) {
                    sel[m] = i;
                    m += b[i] != 0 ? 1 : 0;
                }
                last = n - 1;
            } else {
                for (int i = 0; i < n; i++) {
                    if (where == null || where[i]) {
                        last = i;
                        if (allRows || rowBits[i] != 0) {
                            selected[m++] = i;
                        }
                    }
                }
            }
            if (last < 0) {
                return;
            }
            if (needsEnd) {
                end = Math.max(end, latest(d, where, last));
            }
            if (m == 0) {
                return;
            }
            // Only the selected rows' times and units are read: a report's steps are often a few percent of events.
            d.times(selected, m, gatheredTimes);
            d.ids(unitField, selected, m, gatheredUnits);
            if (breakdownCodec != null) {
                ensureKeys(n);
                breakdownCodec.keys(d, rowBreakdowns, n);
            }
            if (holdCodec != null) {
                ensureKeys(n);
                holdCodec.keys(d, rowHolds, n);
            }
            if (size + m > times.length) {
                grow(size + m);
            }
            if (breakdowns == null && holds == null) {
                int k = size;
                for (int j = 0; j < m; j++) {
                    int unit = gatheredUnits[j];
                    times[k] = gatheredTimes[j];
                    units[k] = unit;
                    bits[k] = rowBits[selected[j]];
                    k += unit >= 0 ? 1 : 0; // a row without a unit is overwritten by the next
                }
                size = k;
                return;
            }
            for (int j = 0; j < m; j++) {
                int unit = gatheredUnits[j];
                if (unit < 0) {
                    continue;
                }
                int i = selected[j];
                times[size] = gatheredTimes[j];
                units[size] = unit;
                bits[size] = rowBits[i];
                if (breakdowns != null) {
                    breakdowns[size] = rowBreakdowns[i];
                }
                if (holds != null) {
                    holds[size] = rowHolds[i];
                }
                size++;
            }
        }

        /** The latest time among the batch's rows that survive WHERE, {@code last} being the last of them. */
        private long latest(BatchData d, boolean[] where, int last) {
            if (d.batch().sortedByTime()) {
                lastRow[0] = last;
                d.times(lastRow, 1, lastTime);
                return lastTime[0];
            }
            long[] t = d.times();
            long max = Long.MIN_VALUE;
            for (int i = 0; i <= last; i++) {
                if (where == null || where[i]) {
                    max = Math.max(max, t[i]);
                }
            }
            return max;
        }

        private void ensureKeys(int n) {
            if (rowBreakdowns.length < n) {
                rowBreakdowns = new long[n];
                rowHolds = new long[n];
            }
        }

        private void grow(int needed) {
            int capacity = Math.max(needed, times.length * 2);
            reserve(capacity - times.length);
            long[] t = ArrayPool.longs(capacity);
            System.arraycopy(times, 0, t, 0, size);
            ArrayPool.give(times);
            times = t;
            int[] u = ArrayPool.ints(capacity);
            System.arraycopy(units, 0, u, 0, size);
            ArrayPool.give(units);
            units = u;
            int[] b = ArrayPool.ints(capacity);
            System.arraycopy(bits, 0, b, 0, size);
            ArrayPool.give(bits);
            bits = b;
            if (breakdowns != null) {
                breakdowns = Arrays.copyOf(breakdowns, capacity);
            }
            if (holds != null) {
                holds = Arrays.copyOf(holds, capacity);
            }
        }

        private void release() {
            scope.release(reserved);
            reserved = 0;
            ArrayPool.give(times);
            ArrayPool.give(units);
            ArrayPool.give(bits);
            times = null;
            units = null;
            bits = null;
        }
    }

    /**
     * The report over every part's rows; {@code report} may differ from the options the rows were collected for in
     * what does not decide which rows are kept (a microscope, the window, the exclusions' steps).
     */
    synchronized List<Object[]> rows(ReportOptions report) {
        ReportRows rows = new ReportRows(report, scope);
        breakdownCodes = breakdownCodec == null ? null : new LongIntHashMap(scope, 64);
        LongIntHashMap pairs = holdCodec == null ? null : new LongIntHashMap(scope, 1 << 12);
        boolean holdNullable = holdCodec != null && !(holdCodec.output(0) instanceof Output.Floor);
        try {
            for (Part p : parts) {
                rows.seen(p.end);
                if (pairs == null && breakdownCodes == null) {
                    rows.addAll(p.times, p.units, p.bits, p.size);
                    continue;
                }
                for (int i = 0; i < p.size; i++) {
                    int unit = p.units[i];
                    if (pairs != null) {
                        if (holdNullable && p.holds[i] == 0) {
                            continue; // no value to hold constant: in no chain
                        }
                        int pair = pairs.slot(((long) unit << 32) | p.holds[i]);
                        rows.pair(pair, unit);
                        unit = pair;
                    }
                    int code = breakdownCodes == null ? 0 : breakdownCodes.slot(p.breakdowns[i]);
                    rows.add(p.times[i], unit, p.bits[i], code);
                }
            }
            breakdownKeys = breakdownCodes == null ? null : breakdownCodes.keysBySlot();
            return rows.compute(breakdownCodes == null ? 1 : breakdownCodes.size(), this);
        } finally {
            rows.release();
            if (pairs != null) {
                pairs.release();
            }
            if (breakdownCodes != null) {
                breakdownCodes.release();
                breakdownCodes = null;
            }
        }
    }

    @Override
    public void breakdown(int code, Object[] row, int offset) {
        breakdownCodec.decode(breakdownKeys[code], row, offset);
    }

    @Override
    public Object unit(int unit) {
        return decoder.idValue(unitField, unit);
    }

    /** Releases the parts' memory; the scope calls it when the statement ends. */
    void release() {
        parts.forEach(Part::release);
    }

    @Override
    public String toString() {
        return "ReportRun[" + options.encode() + ", " + outputs + "]";
    }
}
