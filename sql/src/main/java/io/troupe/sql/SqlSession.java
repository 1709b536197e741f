package io.troupe.sql;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection to a project's SQL engine. {@link #query} runs a statement and streams its rows;
 * {@link #rows} collects them. Every failure is a {@link TroupeException} from the error catalogue.
 * {@link #cancel} may be called from another thread while a statement runs.
 */
public final class SqlSession implements AutoCloseable {
    private final Connection connection;
    private volatile Statement running;
    private int timeoutSeconds;

    SqlSession(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /** Seconds a statement may run before it fails with {@link ErrorCode#QUERY_TIMEOUT}; 0 for the engine's default. */
    public void setTimeoutSeconds(int seconds) {
        this.timeoutSeconds = seconds;
    }

    /**
     * Runs a statement with positional {@code ?} parameters; the caller closes the result set. A statement
     * without rows (CREATE USER, ...) answers one row with the column {@code status}, e.g. {@code CREATE USER}.
     */
    public ResultSet query(String sql, Object... parameters) {
        return run(sql, parameters, false).resultSet();
    }

    /** Prepares {@code sql} with this session's timeout and the parameters, and runs it. */
    private Executed run(String sql, Object[] parameters, boolean columnar) {
        PreparedStatement statement = null;
        try {
            statement = prepare(connection, sql);
            if (timeoutSeconds > 0) {
                statement.setQueryTimeout(timeoutSeconds);
            }
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            running = statement;
            return execute(statement, columnar);
        } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
            closeQuietly(statement);
            throw SqlErrors.translate(e);
        }
    }

    /**
     * Runs a statement like {@link #query}, and when its plan is a plain scan of {@code events} (a filter and plain
     * columns: {@link io.troupe.sql.plan.ColumnarPlan}) hands its rows over as column chunks instead: then
     * {@link Executed#columns} is set and the result set (which gives the columns' metadata) has no rows.
     */
    public Executed execute(String sql, Object... parameters) {
        return run(sql, parameters, true);
    }

    /**
     * Runs a prepared statement ({@code executeQuery}); with {@code columnar}, a statement whose plan is a plain scan
     * gives its rows as {@link Executed#columns} (see {@link #execute(String, Object...)}).
     */
    public static Executed execute(PreparedStatement statement, boolean columnar) throws SQLException {
        return TroupePrepare.execute(statement, columnar);
    }

    /**
     * A statement that ran: its result set (the column metadata, and the rows unless {@code columns} is set), and
     * the rows as column chunks when the columnar path produced them. Closing closes both.
     */
    public record Executed(ResultSet resultSet, io.troupe.sql.exec.ColumnarResult columns) implements AutoCloseable {
        public Executed {
            java.util.Objects.requireNonNull(resultSet, "resultSet is null");
        }

        @Override
        public void close() throws SQLException {
            try {
                if (columns != null) {
                    columns.close();
                }
            } finally {
                resultSet.close();
            }
        }
    }

    /**
     * Prepares a statement that closes on completion. A statement that changes state (CREATE USER, ...) runs
     * while Calcite prepares it and has no rows; it is replaced by one that answers its status row, so every
     * statement can be run with {@code executeQuery} (the server's protocol prepares through this too).
     */
    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.closeOnCompletion();
        if (statement.getMetaData().getColumnCount() == 0) {
            String done = statusOf(sql);
            closeQuietly(statement);
            statement = connection.prepareStatement("SELECT * FROM (VALUES (CAST(? AS VARCHAR))) AS t(status)");
            statement.closeOnCompletion();
            statement.setString(1, done);
        }
        return statement;
    }

    /**
     * The status row of a statement without rows: its verb and the kind of object, without modifiers such as
     * {@code OR REPLACE}, {@code STATIC} or {@code IF NOT EXISTS}: {@code CREATE USER}, {@code CREATE COHORT},
     * {@code DROP GROUP TYPE}, {@code CREATE DYNAMIC GROUP PROPERTY}.
     */
    static String statusOf(String sql) {
        List<String> words = new ArrayList<>(List.of(sql.strip().toUpperCase(java.util.Locale.ROOT).split("\\s+")));
        StringBuilder status = new StringBuilder(words.remove(0));
        words.removeIf(w -> STATUS_MODIFIERS.contains(w));
        int kindWords = words.isEmpty() ? 0 : switch (words.get(0)) {
            case "DYNAMIC" -> 3; // DYNAMIC GROUP PROPERTY
            case "GROUP" -> 2; // GROUP TYPE
            default -> 1;
        };
        for (int i = 0; i < Math.min(kindWords, words.size()); i++) {
            status.append(' ').append(words.get(i));
        }
        return status.toString();
    }

    /** Words that modify a statement without naming its kind; no object kind uses them. */
    private static final java.util.Set<String> STATUS_MODIFIERS = java.util.Set.of("OR", "REPLACE", "STATIC");

    private static void closeQuietly(Statement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException | RuntimeException ignored) {
                // the statement's own error is the one to report
            }
        }
    }

    /** Runs a statement and returns all its rows as lists of column values (JDBC {@code getObject}). */
    public List<List<Object>> rows(String sql, Object... parameters) {
        try (ResultSet rs = query(sql, parameters)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
            throw SqlErrors.translate(e);
        } finally {
            running = null;
        }
    }

    /** The plan of a statement, as {@code EXPLAIN PLAN FOR} prints it. */
    public String explain(String sql) {
        StringBuilder sb = new StringBuilder();
        for (List<Object> row : rows("EXPLAIN PLAN FOR " + sql)) {
            sb.append(row.get(0));
        }
        return sb.toString();
    }

    /**
     * Cancels the statement running in this session, if any; it fails with {@link ErrorCode#QUERY_CANCELLED}
     * at its operators' next batch. Sets the engine's cancel flag directly: Avatica's {@code Statement.cancel()}
     * waits for the statement's monitor, which {@code executeQuery} holds while an aggregation computes.
     */
    public void cancel() {
        Statement s = running;
        if (s != null) {
            try {
                cancelFlag(connection, s).set(true);
            } catch (SQLException e) {
                throw SqlErrors.translate(e);
            }
        }
    }

    /** The flag the engine's operators check between batches to stop a statement (any thread may set it). */
    public static java.util.concurrent.atomic.AtomicBoolean cancelFlag(Connection connection, Statement statement)
            throws SQLException {
        try {
            return connection.unwrap(org.apache.calcite.avatica.AvaticaConnection.class)
                    .getCancelFlag(statement.unwrap(org.apache.calcite.avatica.AvaticaStatement.class).handle);
        } catch (org.apache.calcite.avatica.NoSuchStatementException e) {
            throw new SQLException("the statement is not registered with its connection", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new TroupeException(ErrorCode.INTERNAL, e, "closing a SQL connection: " + e.getMessage());
        }
    }
}
