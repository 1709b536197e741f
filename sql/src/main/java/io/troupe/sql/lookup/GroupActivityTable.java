package io.troupe.sql.lookup;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.catalog.GroupType;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One call of {@code GROUP_ACTIVITY(group_type, group_value [, page_size [, before_timestamp]])}: the events whose
 * group column of that type holds the value, newest first, streamed by an {@link ActivityCursor} (so a LIMIT or a
 * page size stops the scan early).
 */
final class GroupActivityTable extends AbstractTable implements ScannableTable {
    /** The largest page: a page is held in memory before it is returned. */
    static final int MAX_PAGE_SIZE = 100_000;

    private final String groupType;
    private final String groupValue;
    private final Integer pageSize;
    private final Long before;

    GroupActivityTable(String groupType, String groupValue, Integer pageSize, Long before) {
        this.groupType = groupType;
        this.groupValue = groupValue;
        this.pageSize = pageSize;
        this.before = before;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        return rowType(types);
    }

    /** The function's columns. */
    static RelDataType rowType(RelDataTypeFactory types) {
        RelDataType varchar = types.createSqlType(SqlTypeName.VARCHAR);
        RelDataType text = types.createTypeWithNullability(varchar, true);
        RelDataType properties = types.createMapType(varchar, text);
        return types.builder()
                .add("event_time", types.createSqlType(SqlTypeName.TIMESTAMP, 3))
                .add("event_type", varchar)
                .add("user_id", text)
                .add("device_id", text)
                .add("insert_id", text)
                .add("event_properties", properties)
                .add("user_properties", properties)
                .add("event_groups", types.createMapType(varchar, types.createArrayType(varchar, -1)))
                .add("group_properties", properties)
                .build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        String typeName = LookupContext.required(groupType, "group_type", LookupFunctions.GROUP_ACTIVITY);
        String value = LookupContext.required(groupValue, "group_value", LookupFunctions.GROUP_ACTIVITY);
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
            throw new TroupeException(ErrorCode.LOOKUP_INVALID_PAGE_SIZE, pageSize, MAX_PAGE_SIZE);
        }
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                LookupContext context = LookupContext.of(root);
                GroupType type = context.groupType(typeName);
                return new ActivityCursor(context, type, value, pageSize == null ? 0 : pageSize,
                        before == null ? Long.MAX_VALUE : before);
            }
        };
    }
}
