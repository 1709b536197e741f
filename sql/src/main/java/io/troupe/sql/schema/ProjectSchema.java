package io.troupe.sql.schema;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.troupe.sql.functions.DateTruncFunction;
import io.troupe.sql.functions.GroupPropertyFunctions;
import io.troupe.storage.EventStore;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * One project as a SQL schema: {@code events}, {@code group_profiles}, {@code group_property_history}, {@code users},
 * {@code group_types}, {@code dynamic_group_properties}.
 */
public final class ProjectSchema extends AbstractSchema {
    private final EventStore store;
    private final String sessionUser;
    private final Map<String, Table> tables;

    public ProjectSchema(EventStore store) {
        this(store, null);
    }

    /**
     * @param sessionUser the SQL user of the connection this schema instance belongs to (each connection has
     *                    its own), or null in-process; statements that check permissions read it
     */
    public ProjectSchema(EventStore store, String sessionUser) {
        this.store = store;
        this.sessionUser = sessionUser;
        this.tables = Map.of(
                "events", new EventsTable(store),
                "group_profiles", new GroupProfilesTable(store),
                "group_property_history", new GroupPropertyHistoryTable(store),
                "users", new UsersTable(store),
                "group_types", new GroupTypesTable(store),
                "dynamic_group_properties", new DynamicGroupPropertiesTable(store));
    }

    public EventStore store() {
        return store;
    }

    /** The connection's SQL user, or null for an in-process connection. */
    public String sessionUser() {
        return sessionUser;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
        return ImmutableMultimap.of("DATE_TRUNC", DateTruncFunction.INSTANCE,
                "CURRENT_GROUP_PROPERTY", GroupPropertyFunctions.CURRENT,
                "GROUP_PROPERTY", GroupPropertyFunctions.AT);
    }
}
