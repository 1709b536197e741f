package io.troupe.sql.lookup;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.SqlOptions;
import io.troupe.sql.exec.QueryScope;
import io.troupe.sql.exec.ScopedDataContext;
import io.troupe.sql.schema.ProjectSchema;
import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.read.Snapshot;
import org.apache.calcite.DataContext;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What a look-up function needs from the statement running it: its {@link QueryScope} (the snapshot every scan of
 * the statement reads, the cancel flag, the deadline, the memory budget), the project's store and the engine's
 * settings (clock, window), found through the execution's context.
 */
record LookupContext(QueryScope scope, EventStore store, Snapshot snapshot, SqlOptions options) {

    static LookupContext of(DataContext root) {
        if (!(root instanceof ScopedDataContext scoped) || scoped.scope().store() == null) {
            throw new TroupeException(ErrorCode.INTERNAL, "a look-up function ran outside a Troupe statement");
        }
        QueryScope scope = scoped.scope();
        EventStore store = scope.store();
        SchemaPlus project = root.getRootSchema().getSubSchema(store.config().project());
        ProjectSchema schema = project == null ? null : project.unwrap(ProjectSchema.class);
        SqlOptions options = schema == null ? SqlOptions.defaults() : schema.options();
        return new LookupContext(scope, store, scope.snapshot(store), options);
    }

    /** The engine clock's now (ms). */
    long now() {
        return options.clock().millis();
    }

    /** The declared group type of that name (as the snapshot's catalog has it). */
    GroupType groupType(String name) {
        GroupType type = snapshot.catalog().groupType(name);
        if (type == null) {
            throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE, name);
        }
        return type;
    }

    /** An argument that must not be NULL (a NULL literal, or a parameter bound to NULL). */
    static <T> T required(T value, String argument, String function) {
        if (value == null) {
            throw new TroupeException(ErrorCode.LOOKUP_NULL_ARGUMENT, argument, function);
        }
        return value;
    }
}
