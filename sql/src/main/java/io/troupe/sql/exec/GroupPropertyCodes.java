package io.troupe.sql.exec;

import io.troupe.sql.schema.PropertyValues;
import io.troupe.storage.EventStore;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.groups.GroupPropertyHistory;
import io.troupe.storage.segment.SegmentSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A group property as a dense key: the values the property takes over a group type's dictionary, numbered
 * {@code 1..n} (0 for no value). Computed once per query, so grouping by an org's plan is an array look-up
 * per event instead of a join. Two forms, one per {@link Output.GroupPropertyKey}:
 * <ul>
 *   <li>{@linkplain #current current}: one code per group id, whatever the row's time;</li>
 *   <li>{@linkplain #history at the event's time}: per group id, its change times in ascending order and the
 *       code in force from each; a row's code is that of the last change at or before its time (a value set at
 *       exactly the event's time applies), 0 before the first. Changes that keep the code are dropped, so most
 *       groups have one or two entries and the search is a comparison or two.</li>
 * </ul>
 */
final class GroupPropertyCodes {
    /** Current form: the code of each group id. */
    private final int[] codeById;
    /** History form: group id {@code g}'s changes are {@code [start[g], start[g + 1])} of the two arrays below. */
    private final int[] start;
    private final long[] changeTimes;
    private final int[] changeCodes;
    private final List<String> values;

    private GroupPropertyCodes(int[] codeById, int[] start, long[] changeTimes, int[] changeCodes, List<String> values) {
        this.codeById = codeById;
        this.start = start;
        this.changeTimes = changeTimes;
        this.changeCodes = changeCodes;
        this.values = values;
    }

    /** The codes of an output, in its form. */
    static GroupPropertyCodes build(EventStore store, String groupColumn, Output.GroupPropertyKey out) {
        return out instanceof Output.GroupPropertyAt
                ? history(store, groupColumn, out.property())
                : current(store, groupColumn, out.property());
    }

    /** The latest value of each group ({@code CURRENT_GROUP_PROPERTY}). */
    static GroupPropertyCodes current(EventStore store, String groupColumn, String property) {
        int typeId = SegmentSchema.groupTypeIdOf(groupColumn);
        Dictionary groups = store.dictionaries().groupValues(typeId);
        int n = groups.size();
        int[] codes = new int[n];
        Numbering numbering = new Numbering();
        for (int id = 0; id < n; id++) {
            codes[id] = numbering.code(PropertyValues.text(store.groupHistory().currentValue(typeId, groups.valueOf(id), property)));
        }
        return new GroupPropertyCodes(codes, null, null, null, numbering.values);
    }

    /** The value of each group over time ({@code GROUP_PROPERTY}), from the group property history. */
    static GroupPropertyCodes history(EventStore store, String groupColumn, String property) {
        int typeId = SegmentSchema.groupTypeIdOf(groupColumn);
        Dictionary groups = store.dictionaries().groupValues(typeId);
        int n = groups.size();
        int[] start = new int[n + 1];
        long[] times = new long[16];
        int[] codes = new int[16];
        int size = 0;
        Numbering numbering = new Numbering();
        for (int id = 0; id < n; id++) {
            start[id] = size;
            for (GroupPropertyHistory.Entry e : store.groupHistory().history(typeId, groups.valueOf(id), property)) {
                int code = numbering.code(PropertyValues.text(e.value()));
                boolean any = size > start[id];
                if (any && times[size - 1] == e.validFrom()) {
                    codes[size - 1] = code; // same time: the later change (in arrival order) is in force
                    continue;
                }
                if (code == (any ? codes[size - 1] : 0)) {
                    continue; // no change of value
                }
                if (size == times.length) {
                    times = Arrays.copyOf(times, size * 2);
                    codes = Arrays.copyOf(codes, size * 2);
                }
                times[size] = e.validFrom();
                codes[size] = code;
                size++;
            }
        }
        start[n] = size;
        return new GroupPropertyCodes(null, start, Arrays.copyOf(times, size), Arrays.copyOf(codes, size), numbering.values);
    }

    /** Distinct codes including 0 (no value). */
    int cardinality() {
        return values.size() + 1;
    }

    /**
     * The code of a row: its group id ({@code -1} for none) and its {@code event_time}. 0 for a null id, no value,
     * a time before the first value, or a group newer than this query.
     */
    int code(int groupId, long time) {
        if (codeById != null) {
            return groupId >= 0 && groupId < codeById.length ? codeById[groupId] : 0;
        }
        if (groupId < 0 || groupId >= start.length - 1) {
            return 0;
        }
        int lo = start[groupId];
        int hi = start[groupId + 1] - 1;
        if (hi < lo || time < changeTimes[lo]) {
            return 0;
        }
        if (time >= changeTimes[hi]) {
            return changeCodes[hi]; // the latest value: most rows of most groups
        }
        while (lo < hi) { // the last change at or before time is in [lo, hi)
            int mid = (lo + hi + 1) >>> 1;
            if (changeTimes[mid] <= time) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return changeCodes[lo];
    }

    /** The codes of rows {@code [0, n)} of a batch, for the group column {@code field}. */
    void codes(BatchData d, int field, int[] out, int n) {
        int[] ids = d.ids(field);
        if (codeById != null) {
            for (int i = 0; i < n; i++) {
                out[i] = code(ids[i], 0L);
            }
            return;
        }
        long[] t = d.times();
        for (int i = 0; i < n; i++) {
            out[i] = code(ids[i], t[i]);
        }
    }

    String value(int code) {
        return code == 0 ? null : values.get(code - 1);
    }

    /** Numbers the distinct non-null values 1, 2, ... in order of first appearance. */
    private static final class Numbering {
        final List<String> values = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();

        int code(String value) {
            if (value == null) {
                return 0;
            }
            return index.computeIfAbsent(value, k -> {
                values.add(k);
                return values.size();
            });
        }
    }
}
