package io.troupe.sql.exec;

import io.troupe.sql.report.ReportOptions;
import io.troupe.sql.schema.EventLayout;
import io.troupe.storage.dictionary.Dictionaries;
import java.util.Arrays;
import java.util.List;

/**
 * A report ({@link ReportSpec}) over Troupe's batches: the rows that survive WHERE arrive batch by batch; the
 * conditions are evaluated as batch masks, the unit is the row's dictionary id, the breakdowns a dense code of
 * their key ({@link KeyCodec}) numbered in order of first appearance; the rows that matter go to {@link ReportRows}.
 */
final class ReportRun implements BatchSink, ReportRows.Labels {
    private final ReportOptions options;
    private final EventLayout layout;
    private final RowFilter[] conditions;
    private final ValueDecoder decoder;
    private final KeyCodec breakdownCodec;
    private final KeyCodec holdCodec;
    private final LongIntHashMap breakdownCodes;
    private final LongIntHashMap pairs;
    private final ReportRows rows;
    private final boolean allRows;
    private final int unitField;
    private long[] breakdownKeys;
    private boolean released;

    private boolean[] matches = new boolean[0];
    private int[] rowMasks = new int[0];
    private int[] rowExclusions = new int[0];
    private long[] composite = new long[0];
    private long[] holds = new long[0];

    ReportRun(ReportSpec spec, EventLayout layout, List<Output> outputs, RowFilter[] conditions, Dictionaries dictionaries,
              ValueDecoder decoder, long minTime, long maxTime, QueryScope scope) {
        this.options = spec.options();
        this.layout = layout;
        this.conditions = conditions;
        this.decoder = decoder;
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
        rows = new ReportRows(options, scope);
        allRows = rows.needsAllRows();
    }

    @Override
    public EventLayout layout() {
        return layout;
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
            rows.seen(t[i]);
            int unit = unitIds[i];
            if (unit < 0 || (!allRows && rowMasks[i] == 0 && rowExclusions[i] == 0)) {
                continue;
            }
            if (holdCodec != null) {
                if (holdNullable && holds[i] == 0) {
                    continue; // no value to hold constant: in no chain
                }
                int pair = pairs.slot(((long) unit << 32) | holds[i]);
                rows.pair(pair, unit);
                unit = pair;
            }
            rows.add(t[i], unit, rowMasks[i], rowExclusions[i], breakdownCodes == null ? 0 : breakdownCodes.slot(composite[i]));
        }
    }

    List<Object[]> rows() {
        breakdownKeys = breakdownCodes == null ? null : breakdownCodes.keysBySlot();
        return rows.compute(breakdownCodes == null ? 1 : breakdownCodes.size(), this);
    }

    @Override
    public void breakdown(int code, Object[] row, int offset) {
        breakdownCodec.decode(breakdownKeys[code], row, offset);
    }

    @Override
    public Object unit(int unit) {
        return decoder.idValue(unitField, unit);
    }

    void release() {
        rows.release();
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
}
