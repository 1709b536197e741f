package io.troupe.sql.lookup;

import io.troupe.sql.schema.GroupProfilesTable;
import io.troupe.sql.schema.PropertyValues;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.groups.GroupPropertyHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * One call of {@code GROUP_SEARCH(group_type, search)}: the groups of the type with an event at most the engine's
 * look-up window before now ({@code SqlOptions.lookupActiveWindowDays}), whose property history matches the
 * {@link AccountSearch}, newest last event first (then by value). One scan of the group column (shared with
 * {@code group_profiles}: {@link GroupActivityStats}), then a history look-up per active group.
 */
final class GroupSearchTable extends AbstractTable implements ScannableTable {
    private static final long DAY_MILLIS = 86_400_000L;

    private final String groupType;
    private final String search;

    GroupSearchTable(String groupType, String search) {
        this.groupType = groupType;
        this.search = search;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        return rowType(types);
    }

    /** The columns of {@code group_profiles}: a search result is a list of group profiles. */
    static RelDataType rowType(RelDataTypeFactory types) {
        return GroupProfilesTable.rowType(types);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        String typeName = LookupContext.required(groupType, "group_type", LookupFunctions.GROUP_SEARCH);
        AccountSearch parsed = AccountSearch.parse(LookupContext.required(search, "search", LookupFunctions.GROUP_SEARCH), null);
        LookupContext context = LookupContext.of(root);
        GroupType type = context.groupType(typeName);
        Dictionary values = context.store().dictionaries().groupValues(type.id());
        long now = context.now();
        GroupActivityStats stats = GroupActivityStats.compute(context.scope(), context.store(), context.snapshot(),
                type.id(), values.size(), now);
        long activeFrom = now - context.options().lookupActiveWindowDays() * DAY_MILLIS;
        GroupPropertyHistory history = context.store().groupHistory();
        List<Object[]> rows = new ArrayList<>();
        for (int id = 0; id < stats.size(); id++) {
            if ((id & 1023) == 0) {
                context.scope().check();
            }
            if (!stats.seen(id) || stats.lastSeen(id) < activeFrom) {
                continue;
            }
            String value = values.valueOf(id);
            if (!parsed.isEmpty() && !parsed.matches(history.history(type.id(), value))) {
                continue;
            }
            rows.add(new Object[] {type.name(), value, PropertyValues.textMap(history.current(type.id(), value)),
                    stats.firstSeen(id), stats.lastSeen(id), (long) stats.activeUsers30d(id)});
        }
        rows.sort(Comparator.<Object[]>comparingLong(r -> -(Long) r[4]).thenComparing(r -> (String) r[1]));
        return Linq4j.asEnumerable(rows);
    }
}
