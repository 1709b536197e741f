package io.troupe.sql.schema;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.troupe.sql.functions.DateTruncFunction;
import io.troupe.sql.SqlOptions;
import io.troupe.sql.functions.GroupPropertyFunctions;
import io.troupe.sql.lookup.LookupFunctions;
import io.troupe.storage.EventStore;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * One project as a SQL schema: {@code events}, {@code group_profiles}, {@code group_property_history}, {@code users},
 * {@code cohorts}, {@code cohort_members}, {@code group_types}, {@code dynamic_group_properties}; the functions
 * DATE_TRUNC, the group property functions, IN_COHORT and the account look-up's table functions.
 */
public final class ProjectSchema extends AbstractSchema {
    private final EventStore store;
    private final String sessionUser;
    private final SqlOptions options;
    private final Map<String, Table> tables;

    public ProjectSchema(EventStore store) {
        this(store, null);
    }

    public ProjectSchema(EventStore store, String sessionUser) {
        this(store, sessionUser, SqlOptions.defaults());
    }

    /**
     * @param sessionUser the SQL user of the connection this schema instance belongs to (each connection has
     *                    its own), or null in-process; statements that check permissions read it
     * @param options     the engine's settings (its clock and the account look-up's window)
     */
    public ProjectSchema(EventStore store, String sessionUser, SqlOptions options) {
        this.store = store;
        this.sessionUser = sessionUser;
        this.options = options;
        this.tables = Map.of(
                "events", new EventsTable(store),
                "group_profiles", new GroupProfilesTable(store, options.clock()),
                "group_property_history", new GroupPropertyHistoryTable(store),
                "users", new UsersTable(store),
                "cohorts", new io.troupe.sql.cohort.CohortsTable(store),
                "cohort_members", new io.troupe.sql.cohort.CohortMembersTable(store),
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

    /** The engine's settings. */
    public SqlOptions options() {
        return options;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
        return ImmutableMultimap.<String, Function>builder()
                .put("DATE_TRUNC", DateTruncFunction.INSTANCE)
                .put("CURRENT_GROUP_PROPERTY", GroupPropertyFunctions.CURRENT)
                .put("GROUP_PROPERTY", GroupPropertyFunctions.AT)
                .put("IN_COHORT", io.troupe.sql.cohort.CohortFunction.INSTANCE)
                .putAll(LookupFunctions.all())
                .build();
    }
}
