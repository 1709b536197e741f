package io.troupe.sql.schema;

import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.dynamic.DynamicProperty;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code group_types} (what {@code SHOW GROUP TYPES} lists): each declared group type with its id, when it was
 * declared, how many distinct group values are stored under it (the size of its value dictionary: events and user
 * assignments; a count, not a scan) and whether it is in use (stored values or dynamic properties, which make a
 * plain DROP GROUP TYPE refuse).
 */
final class GroupTypesTable extends MetadataTable {
    GroupTypesTable(EventStore store) {
        super(store);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        return types.builder()
                .add("name", SqlTypeName.VARCHAR)
                .add("id", SqlTypeName.INTEGER)
                .add("created_at", types.createSqlType(SqlTypeName.TIMESTAMP, 3))
                .add("group_values", SqlTypeName.BIGINT)
                .add("in_use", SqlTypeName.BOOLEAN)
                .build();
    }

    @Override
    protected List<Object[]> rows(SnapshotSource snapshots) {
        List<Object[]> rows = new ArrayList<>();
        List<DynamicProperty> dynamic = store.dynamicProperties().list();
        for (GroupType type : store.catalog().state().groupTypes()) {
            long values = store.dictionaries().groupValues(type.id()).size();
            boolean hasDynamic = dynamic.stream().anyMatch(p -> p.groupType().equals(type.name()));
            rows.add(new Object[] {type.name(), type.id(), type.createdAt(), values, values > 0 || hasDynamic});
        }
        return rows;
    }
}
