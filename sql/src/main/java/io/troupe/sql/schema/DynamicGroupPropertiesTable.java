package io.troupe.sql.schema;

import io.troupe.storage.EventStore;
import io.troupe.storage.dynamic.DynamicProperty;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code dynamic_group_properties} (what {@code SHOW DYNAMIC GROUP PROPERTIES} lists): each definition, when it
 * was created or replaced, when its values were last written (NULL before the first refresh) and when the next
 * refresh is due (docs/dynamic-properties.md).
 */
final class DynamicGroupPropertiesTable extends MetadataTable {
    DynamicGroupPropertiesTable(EventStore store) {
        super(store);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
        RelDataType timestamp = types.createSqlType(SqlTypeName.TIMESTAMP, 3);
        return types.builder()
                .add("name", varchar)
                .add("group_type", varchar)
                .add("metric", varchar)
                .add("filter", types.createTypeWithNullability(varchar, true))
                .add("window", varchar)
                .add("created_at", timestamp)
                .add("last_refreshed_at", types.createTypeWithNullability(timestamp, true))
                .add("next_refresh_at", timestamp)
                .build();
    }

    @Override
    protected List<Object[]> rows(SnapshotSource snapshots) {
        List<Object[]> rows = new ArrayList<>();
        for (DynamicProperty p : store.dynamicProperties().list()) {
            rows.add(new Object[] {p.name(), p.groupType(), p.metric(), p.filter(), p.window().sql(), p.createdAt(),
                    p.lastRefreshedAt() < 0 ? null : p.lastRefreshedAt(), p.nextRefreshAt()});
        }
        return rows;
    }
}
