package io.troupe.sql.exec;

import io.troupe.sql.schema.PropertyValues;
import io.troupe.storage.EventStore;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.segment.SegmentSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A group property as a dense key: the current value of the property for every id of a group type's
 * dictionary, numbered {@code 1..n} (0 for no value). Computed once per query, so grouping by an org's
 * region is an array look-up per event instead of a join.
 */
final class GroupPropertyCodes {
    private final int[] codeById;
    private final List<String> values;

    private GroupPropertyCodes(int[] codeById, List<String> values) {
        this.codeById = codeById;
        this.values = values;
    }

    static GroupPropertyCodes build(EventStore store, String groupColumn, String property) {
        int typeId = SegmentSchema.groupTypeIdOf(groupColumn);
        Dictionary groups = store.dictionaries().groupValues(typeId);
        int n = groups.size();
        int[] codes = new int[n];
        List<String> values = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int id = 0; id < n; id++) {
            String v = PropertyValues.text(store.groupHistory().currentValue(typeId, groups.valueOf(id), property));
            if (v != null) {
                codes[id] = index.computeIfAbsent(v, k -> {
                    values.add(k);
                    return values.size();
                });
            }
        }
        return new GroupPropertyCodes(codes, values);
    }

    /** Distinct codes including 0 (no value). */
    int cardinality() {
        return values.size() + 1;
    }

    /** The code of a group id; 0 for a null id, no value, or a group newer than this query. */
    int code(int groupId) {
        return groupId >= 0 && groupId < codeById.length ? codeById[groupId] : 0;
    }

    String value(int code) {
        return code == 0 ? null : values.get(code - 1);
    }
}
