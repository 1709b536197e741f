package io.troupe.sql.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.SqlErrors;
import io.troupe.sql.exec.CohortMembers;
import io.troupe.storage.EventStore;
import io.troupe.storage.cohort.CohortDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Computes cohorts' members: a static or imported cohort's from its stored file, a behavioral cohort's by running
 * its query as a statement of its own (its own snapshot, taken when the using statement first needs the cohort).
 * The using statement's {@link io.troupe.sql.exec.QueryScope} keeps the result, so that is once per statement.
 */
public final class CohortEvaluator implements CohortMembers.Source {
    private final EventStore store;
    private final Supplier<Connection> connections;
    private final CohortReferences references = new CohortReferences();
    /** Prepared behavioral cohort queries not in use, by query text (concurrent statements each take their own). */
    private final java.util.concurrent.ConcurrentMap<String, java.util.Deque<Prepared>> idle =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int IDLE_PER_QUERY = 4;
    private static final int IDLE_QUERIES = 64;

    /** @param connections opens a connection of the project's engine (for behavioral cohorts' queries) */
    public CohortEvaluator(EventStore store, Supplier<Connection> connections) {
        this.store = store;
        this.connections = connections;
    }

    EventStore store() {
        return store;
    }

    CohortReferences references() {
        return references;
    }

    @Override
    public CohortMembers members(String cohort) {
        CohortDefinition d = store.cohorts().get(cohort);
        if (d == null) {
            throw new TroupeException(ErrorCode.UNKNOWN_COHORT, cohort);
        }
        if (d.kind().storesMembers()) {
            return new CohortMembers(d.name(), store.cohorts().members(d));
        }
        references.checkStored(d, store.cohorts());
        return new CohortMembers(d.name(), evaluate(d.definition()).toArray(String[]::new));
    }

    /**
     * A behavioral cohort's members now: its query runs on a statement prepared earlier when there is one (planning
     * a statement costs more than running a cohort query over millions of events), each execution on its own
     * snapshot. A statement prepared under another catalog (a group type created or dropped since) is not reused.
     */
    private Set<String> evaluate(String sql) {
        Prepared prepared = idle.computeIfAbsent(sql, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).pollFirst();
        while (prepared != null && prepared.catalog != store.catalog().state()) {
            prepared.close();
            prepared = idle.get(sql).pollFirst();
        }
        if (prepared == null) {
            prepared = prepare(sql);
        }
        boolean reusable = false;
        try {
            Set<String> members = members(prepared.statement);
            reusable = true;
            return members;
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        } finally {
            park(sql, prepared, reusable);
        }
    }

    /**
     * Prepares a cohort query as {@code SELECT DISTINCT} of its one column, so that Troupe's aggregation reduces an
     * event-level query (one row per matching event) to its members before any row leaves the engine. When that
     * fails, the query as written is prepared instead, so that its error points into the text the user wrote.
     */
    private Prepared prepare(String sql) {
        Connection connection = connections.get();
        try {
            PreparedStatement statement;
            try {
                statement = connection.prepareStatement("SELECT DISTINCT * FROM (" + sql + "\n) AS cohort_query");
            } catch (SQLException | RuntimeException e) {
                statement = connection.prepareStatement(sql);
            }
            return new Prepared(connection, statement, store.catalog().state());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw SqlErrors.translate(e);
        }
    }

    /** Keeps a statement for the next evaluation, within bounds; closes it otherwise. */
    private void park(String sql, Prepared prepared, boolean reusable) {
        java.util.Deque<Prepared> queue = idle.get(sql);
        if (reusable && queue != null && queue.size() < IDLE_PER_QUERY && idle.size() <= IDLE_QUERIES) {
            queue.addFirst(prepared);
        } else {
            prepared.close();
        }
    }

    /** Closes the statements kept for reuse (the engine is closing). */
    public void close() {
        for (java.util.Deque<Prepared> queue : idle.values()) {
            for (Prepared p = queue.pollFirst(); p != null; p = queue.pollFirst()) {
                p.close();
            }
        }
        idle.clear();
    }

    /** Runs a cohort query: its first column's distinct non-NULL values as text, in order of first appearance. */
    private static Set<String> members(PreparedStatement statement) throws SQLException {
        Set<String> members = new LinkedHashSet<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String value = rs.getString(1);
                if (value != null) {
                    members.add(value);
                }
            }
        }
        return members;
    }

    /** A cohort query prepared on a connection of its own, and the catalog it was planned against. */
    private record Prepared(Connection connection, PreparedStatement statement, Object catalog) {
        void close() {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // nothing to do: the statement is dropped either way
        }
    }

    /**
     * What a cohort query gives.
     *
     * @param columns     its column labels
     * @param members     its first column's distinct non-NULL values as text, in order of first appearance (empty
     *                    when only prepared)
     */
    record QueryResult(List<String> columns, Set<String> members) {
    }

    /**
     * Runs (or, with {@code execute} false, only prepares) a cohort query on a connection of its own.
     *
     * @throws TroupeException the query's own error, with its position in {@code sql}
     */
    QueryResult run(String sql, boolean execute) {
        try (Connection connection = connections.get(); PreparedStatement statement = connection.prepareStatement(sql)) {
            ResultSetMetaData md = statement.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
            }
            Set<String> members = execute && columns.size() == 1 ? members(statement) : Set.of();
            return new QueryResult(columns, members);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }
}
