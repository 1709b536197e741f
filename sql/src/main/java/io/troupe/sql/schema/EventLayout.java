package io.troupe.sql.schema;

import io.troupe.storage.catalog.CatalogState;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.segment.SegmentSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The columns of the {@code events} table for one catalog state: the fixed columns, one VARCHAR column per
 * declared group type (in the order the types were declared), then the map columns. A plan keeps the
 * layout it was validated against, so a group type declared later does not shift its column numbers.
 */
public record EventLayout(List<EventField> fields) {
    public EventLayout {
        fields = List.copyOf(fields);
    }

    public static EventLayout of(CatalogState catalog) {
        List<EventField> fields = new ArrayList<>();
        fields.add(EventField.time());
        fields.add(EventField.id("event_type", SegmentSchema.EVENT_TYPE, Dictionaries.EVENT_TYPE));
        fields.add(EventField.id("user_id", SegmentSchema.USER_ID, Dictionaries.USER_ID));
        fields.add(EventField.id("device_id", SegmentSchema.DEVICE_ID, Dictionaries.DEVICE_ID));
        fields.add(new EventField("insert_id", EventField.Kind.TEXT, SegmentSchema.INSERT_ID, null));
        for (GroupType type : catalog.groupTypes()) {
            fields.add(EventField.group(type));
        }
        fields.add(new EventField("event_groups", EventField.Kind.GROUPS, SegmentSchema.EVENT_GROUPS, null));
        fields.add(new EventField("event_properties", EventField.Kind.PROPERTIES, SegmentSchema.EVENT_PROPERTIES, null));
        fields.add(new EventField("user_properties", EventField.Kind.PROPERTIES, SegmentSchema.USER_PROPERTIES, null));
        return new EventLayout(fields);
    }

    public EventField field(int index) {
        return fields.get(index);
    }

    public int size() {
        return fields.size();
    }

    public RelDataType rowType(RelDataTypeFactory types) {
        RelDataTypeFactory.Builder row = types.builder();
        for (EventField f : fields) {
            row.add(f.name(), type(f, types));
        }
        return row.build();
    }

    private static RelDataType type(EventField f, RelDataTypeFactory types) {
        RelDataType varchar = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true);
        return switch (f.kind()) {
            case TIME -> types.createSqlType(SqlTypeName.TIMESTAMP, 3);
            case ID -> f.name().equals("event_type")
                    ? types.createSqlType(SqlTypeName.VARCHAR)
                    : varchar;
            case TEXT -> varchar;
            case GROUPS -> types.createMapType(types.createSqlType(SqlTypeName.VARCHAR),
                    types.createArrayType(types.createSqlType(SqlTypeName.VARCHAR), -1));
            case PROPERTIES -> types.createMapType(types.createSqlType(SqlTypeName.VARCHAR), varchar);
        };
    }
}
