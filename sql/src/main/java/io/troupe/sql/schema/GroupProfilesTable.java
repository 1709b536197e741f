package io.troupe.sql.schema;

import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.read.EventBatch;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code group_profiles}: one row per (group type, group value) that appears as an event's group or has
 * properties, with its current properties and the times of its first and last events (NULL for a group
 * known only from a group identify).
 */
public final class GroupProfilesTable extends MetadataTable {
    GroupProfilesTable(EventStore store) {
        super(store);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
        RelDataType nullableText = types.createTypeWithNullability(varchar, true);
        RelDataType time = types.createTypeWithNullability(types.createSqlType(SqlTypeName.TIMESTAMP, 3), true);
        return types.builder()
                .add("group_type", varchar)
                .add("group_value", varchar)
                .add("properties", types.createMapType(varchar, nullableText))
                .add("first_seen", time)
                .add("last_seen", time)
                .build();
    }

    @Override
    protected List<Object[]> rows(SnapshotSource snapshots) {
        List<Object[]> rows = new ArrayList<>();
        Snapshot snapshot = snapshots.get();
        for (GroupType type : snapshot.catalog().groupTypes()) {
            Dictionary values = store.dictionaries().groupValues(type.id());
            int n = values.size();
            long[] first = new long[n];
            long[] last = new long[n];
            Arrays.fill(first, Long.MAX_VALUE);
            Arrays.fill(last, Long.MIN_VALUE);
            String column = SegmentSchema.groupColumn(type.id());
            int[] ids = new int[0];
            long[] times = new long[0];
            try (Snapshot.Batches batches = snapshot.batches(List.of(column))) {
                while (batches.hasNext()) {
                    EventBatch b = batches.next();
                    int rowsInBatch = b.rowCount();
                    if (ids.length < rowsInBatch) {
                        ids = new int[rowsInBatch];
                        times = new long[rowsInBatch];
                    }
                    b.ids(column, ids);
                    b.times(times);
                    for (int i = 0; i < rowsInBatch; i++) {
                        int id = ids[i];
                        if (id >= 0 && id < n) {
                            first[id] = Math.min(first[id], times[i]);
                            last[id] = Math.max(last[id], times[i]);
                        }
                    }
                }
            }
            Set<String> withProperties = new HashSet<>();
            Map<String, Map<String, String>> properties = new LinkedHashMap<>();
            store.groupHistory().forEachGroup(type.id(), (value, history) -> {
                withProperties.add(value);
                properties.put(value, PropertyValues.textMap(store.groupHistory().current(type.id(), value)));
            });
            for (int id = 0; id < n; id++) {
                String value = values.valueOf(id);
                boolean seen = first[id] != Long.MAX_VALUE;
                if (!seen && !withProperties.contains(value)) {
                    continue;
                }
                rows.add(new Object[] {type.name(), value, properties.getOrDefault(value, Map.of()),
                        seen ? first[id] : null, seen ? last[id] : null});
                withProperties.remove(value);
            }
            for (String value : withProperties) {
                rows.add(new Object[] {type.name(), value, properties.get(value), null, null});
            }
        }
        return rows;
    }

}
