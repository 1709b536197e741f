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
        return new CohortMembers(d.name(), run(d.definition(), true).members().toArray(String[]::new));
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
            Set<String> members = new LinkedHashSet<>();
            if (execute && columns.size() == 1) {
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String value = rs.getString(1);
                        if (value != null) {
                            members.add(value);
                        }
                    }
                }
            }
            return new QueryResult(columns, members);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        }
    }
}
