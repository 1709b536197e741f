package io.troupe.sql.schema;

import io.troupe.sql.exec.QueryScope;
import io.troupe.sql.exec.ScopedDataContext;
import io.troupe.storage.EventStore;
import io.troupe.storage.read.Snapshot;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A small table computed from the store's metadata when scanned (profiles, property history, users): the
 * rows are materialised, which is right for tables whose size is the number of groups or users.
 */
public abstract class MetadataTable extends AbstractTable implements ScannableTable {
    protected final EventStore store;

    MetadataTable(EventStore store) {
        this.store = store;
    }

    @Override
    public abstract RelDataType getRowType(RelDataTypeFactory typeFactory);

    /** The rows, computed from the store (and, for tables that need events, the query's snapshot). */
    protected abstract List<Object[]> rows(SnapshotSource snapshots);

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        if (root instanceof ScopedDataContext scoped) {
            QueryScope scope = scoped.scope();
            return Linq4j.asEnumerable(rows(new SnapshotSource() {
                @Override
                public Snapshot get() {
                    return scope.snapshot(store);
                }

                @Override
                public QueryScope scope() {
                    return scope;
                }
            }));
        }
        try (Snapshot own = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return Linq4j.asEnumerable(rows(() -> own));
        }
    }

    /** Supplies the query's snapshot of events, taken on first use. */
    protected interface SnapshotSource {
        Snapshot get();

        /** The statement's scope (cancel flag, deadline, memory budget), or null outside a statement. */
        default QueryScope scope() {
            return null;
        }
    }

}
