package io.troupe.sql.schema;

import io.troupe.sql.lookup.GroupActivityStats;
import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.read.Snapshot;
import java.time.Clock;
import java.util.ArrayList;
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
 * properties, with its current properties, the times of its first and last events (NULL for a group
 * known only from a group identify) and its active users over the 30 days up to the engine's clock
 * ({@link GroupActivityStats}, one scan per group type).
 */
public final class GroupProfilesTable extends MetadataTable {
    private final Clock clock;

    GroupProfilesTable(EventStore store, Clock clock) {
        super(store);
        this.clock = clock;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        return rowType(types);
    }

    /** The table's columns; GROUP_SEARCH answers with the same. */
    public static RelDataType rowType(RelDataTypeFactory types) {
        RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
        RelDataType nullableText = types.createTypeWithNullability(varchar, true);
        RelDataType time = types.createTypeWithNullability(types.createSqlType(SqlTypeName.TIMESTAMP, 3), true);
        return types.builder()
                .add("group_type", varchar)
                .add("group_value", varchar)
                .add("properties", types.createMapType(varchar, nullableText))
                .add("first_seen", time)
                .add("last_seen", time)
                .add("active_users_30d", types.createSqlType(SqlTypeName.BIGINT))
                .build();
    }

    @Override
    protected List<Object[]> rows(SnapshotSource snapshots) {
        List<Object[]> rows = new ArrayList<>();
        Snapshot snapshot = snapshots.get();
        long now = clock.millis();
        for (GroupType type : snapshot.catalog().groupTypes()) {
            Dictionary values = store.dictionaries().groupValues(type.id());
            int n = values.size();
            GroupActivityStats stats = GroupActivityStats.compute(snapshots.scope(), store, snapshot, type.id(), n, now);
            Set<String> withProperties = new HashSet<>();
            Map<String, Map<String, String>> properties = new LinkedHashMap<>();
            store.groupHistory().forEachGroup(type.id(), (value, history) -> {
                withProperties.add(value);
                properties.put(value, PropertyValues.textMap(store.groupHistory().current(type.id(), value)));
            });
            for (int id = 0; id < n; id++) {
                String value = values.valueOf(id);
                boolean seen = stats.seen(id);
                if (!seen && !withProperties.contains(value)) {
                    continue;
                }
                rows.add(new Object[] {type.name(), value, properties.getOrDefault(value, Map.of()),
                        seen ? stats.firstSeen(id) : null, seen ? stats.lastSeen(id) : null,
                        (long) stats.activeUsers30d(id)});
                withProperties.remove(value);
            }
            for (String value : withProperties) {
                rows.add(new Object[] {type.name(), value, properties.get(value), null, null, 0L});
            }
        }
        return rows;
    }

}
