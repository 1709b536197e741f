package io.troupe.sql.exec;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Calcite's per-execution context with the {@link QueryScope} of the execution attached, so that every
 * Troupe operator of one statement finds the same snapshot, deadline and memory budget.
 */
public final class ScopedDataContext implements DataContext {
    private final DataContext delegate;
    private final QueryScope scope;

    public ScopedDataContext(DataContext delegate, QueryScope scope) {
        this.delegate = delegate;
        this.scope = scope;
    }

    public QueryScope scope() {
        return scope;
    }

    @Override
    public SchemaPlus getRootSchema() {
        return delegate.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return delegate.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
        return delegate.getQueryProvider();
    }

    /** The name under which generated code finds the project's store (for group property look-ups). */
    public static final String STORE = "troupe.store";

    /** The name under which generated code finds the statement's {@link QueryScope} (for cohort membership). */
    public static final String SCOPE = "troupe.scope";

    @Override
    public Object get(String name) {
        if (STORE.equals(name)) {
            return scope.store();
        }
        if (SCOPE.equals(name)) {
            return scope;
        }
        return delegate.get(name);
    }
}
