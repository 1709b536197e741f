package io.troupe.sql.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code users}: one row per user with a user-level group or user properties: {@code user_id}, one VARCHAR
 * column per group type (the user-level group in force now, the first value when several), and
 * {@code user_properties}.
 */
final class UsersTable extends MetadataTable {
    UsersTable(EventStore store) {
        super(store);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
        RelDataType nullable = types.createTypeWithNullability(varchar, true);
        RelDataTypeFactory.Builder b = types.builder().add("user_id", varchar);
        for (GroupType type : store.catalog().state().groupTypes()) {
            b.add(type.name(), nullable);
        }
        return b.add("user_properties", types.createMapType(varchar, nullable)).build();
    }

    @Override
    protected List<Object[]> rows(SnapshotSource snapshots) {
        List<GroupType> types = store.catalog().state().groupTypes();
        List<Object[]> rows = new ArrayList<>();
        store.users().forEach((userId, user) -> {
            Object[] row = new Object[types.size() + 2];
            row[0] = userId;
            for (int i = 0; i < types.size(); i++) {
                List<String> values = user.groups().get(types.get(i).id());
                row[i + 1] = values == null || values.isEmpty() ? null : values.get(0);
            }
            Map<String, String> props = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = user.properties().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                props.put(e.getKey(), PropertyValues.text(e.getValue()));
            }
            row[types.size() + 1] = props;
            rows.add(row);
        });
        return rows;
    }
}
