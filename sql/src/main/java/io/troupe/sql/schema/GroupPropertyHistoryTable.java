package io.troupe.sql.schema;

import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.groups.GroupPropertyHistory;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code group_property_history}: one row per value a group property has had, in force during
 * {@code [valid_from, valid_to)}; {@code valid_to} is NULL while the value is current, and an unset
 * property has a row with a NULL value.
 */
final class GroupPropertyHistoryTable extends MetadataTable {
    GroupPropertyHistoryTable(EventStore store) {
        super(store);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
        return types.builder()
                .add("group_type", varchar)
                .add("group_value", varchar)
                .add("property_name", varchar)
                .add("property_value", types.createTypeWithNullability(varchar, true))
                .add("valid_from", types.createSqlType(SqlTypeName.TIMESTAMP, 3))
                .add("valid_to", types.createTypeWithNullability(types.createSqlType(SqlTypeName.TIMESTAMP, 3), true))
                .build();
    }

    @Override
    protected List<Object[]> rows(SnapshotSource snapshots) {
        List<Object[]> rows = new ArrayList<>();
        for (GroupType type : store.catalog().state().groupTypes()) {
            store.groupHistory().forEachGroup(type.id(), (value, history) -> {
                for (GroupPropertyHistory.Entry e : history) {
                    rows.add(new Object[] {type.name(), value, e.property(), PropertyValues.text(e.value()),
                            e.validFrom(), e.validTo() == Long.MAX_VALUE ? null : e.validTo()});
                }
            });
        }
        return rows;
    }
}
