package io.troupe.jdbc;

import io.troupe.common.ErrorCode;
import io.troupe.common.wire.Parameter;
import io.troupe.common.wire.QueryOptions;
import io.troupe.jdbc.client.QueryStream;
import io.troupe.jdbc.errors.JdbcErrors;
import io.troupe.jdbc.result.StreamCursor;
import io.troupe.jdbc.result.TroupeResultSet;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A statement of a {@link TroupeConnection}. Statements that return rows (SELECT, WITH, VALUES, EXPLAIN, ...)
 * give a streamed {@link TroupeResultSet}; other statements (CREATE USER, ALTER USER, DROP USER) are updates:
 * the server answers them with one {@code status} row, which {@code execute} and {@code executeUpdate} read and
 * drop, reporting an update count of 0 ({@code executeQuery} returns that row). {@link #cancel} works from another
 * thread; {@code setQueryTimeout}, {@code setMaxRows} and {@code setFetchSize} travel with the query and the
 * server applies them.
 */
public class TroupeStatement implements Statement {
    protected final TroupeConnection connection;
    private TroupeResultSet current;
    private long updateCount = -1;
    private long maxRows;
    private int fetchSize;
    private int queryTimeout;
    private boolean closed;
    private boolean closeOnCompletion;
    private boolean poolable;
    private volatile QueryStream running;
    private SQLWarning warnings;
    private final List<String> batch = new ArrayList<>();

    TroupeStatement(TroupeConnection connection) {
        this.connection = connection;
        this.fetchSize = connection.settings().fetchSize();
    }

    /** Runs a statement and returns its result set (the previous result of this statement is closed first). */
    protected TroupeResultSet run(String sql, List<Parameter> parameters) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, "the SQL text is null");
        }
        closeCurrent();
        updateCount = -1;
        QueryOptions options = new QueryOptions(maxRows, fetchSize, queryTimeout);
        QueryStream stream = connection.send(sql, options, parameters);
        running = stream;
        try {
            stream.start();
        } finally {
            if (stream.finished()) {
                running = null;
            }
        }
        TroupeResultSet rs = new TroupeResultSet(this, new StreamCursor(stream, maxRows), this::resultSetClosed);
        current = rs;
        return rs;
    }

    /** Runs a statement without rows: its status row is read and dropped. */
    protected long runUpdate(String sql, List<Parameter> parameters) throws SQLException {
        TroupeResultSet rs = run(sql, parameters);
        try {
            while (rs.next()) {
                // the status row ("CREATE USER"): nothing to report beyond success
            }
        } finally {
            current = null;
            rs.close();
        }
        updateCount = 0;
        return 0;
    }

    /** Runs {@code sql} as {@code execute} does: true when it returned a result set. */
    protected boolean execute(String sql, List<Parameter> parameters) throws SQLException {
        if (StatementText.returnsRows(sql)) {
            run(sql, parameters);
            return true;
        }
        runUpdate(sql, parameters);
        return false;
    }

    protected long executeUpdate(String sql, List<Parameter> parameters) throws SQLException {
        if (StatementText.returnsRows(sql)) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, "executeUpdate runs statements without rows (CREATE USER, ...):"
                    + " use executeQuery or execute for a query");
        }
        return runUpdate(sql, parameters);
    }

    /** Told when a result set closes; one the user closed completes the statement (closeOnCompletion). */
    private void resultSetClosed(TroupeResultSet rs) {
        if (rs != current) {
            return; // closed by the statement itself: re-run, update, close
        }
        current = null;
        running = null;
        if (closeOnCompletion) {
            closed = true;
        }
    }

    private void closeCurrent() throws SQLException {
        TroupeResultSet rs = current;
        current = null;
        if (rs != null) {
            rs.close();
        }
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw JdbcErrors.of(ErrorCode.OBJECT_CLOSED, "statement", "create a new one");
        }
        connection.checkOpen();
    }

    /** A PreparedStatement takes its SQL when prepared; the Statement methods with SQL refuse to run on it. */
    void checkPlain(String method) throws SQLException {
        if (this instanceof TroupePreparedStatement) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, method + "(String) cannot be called on a PreparedStatement: call "
                    + method + "() to run its prepared SQL");
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        checkPlain("executeQuery");
        return run(sql, List.of());
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        checkPlain("executeUpdate");
        return (int) executeUpdate(sql, List.of());
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        checkPlain("executeLargeUpdate");
        return executeUpdate(sql, List.of());
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        checkPlain("execute");
        return execute(sql, List.of());
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw JdbcErrors.unsupported("generated keys");
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        throw JdbcErrors.unsupported("generated keys");
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw JdbcErrors.unsupported("generated keys");
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        throw JdbcErrors.unsupported("generated keys");
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        throw JdbcErrors.unsupported("generated keys");
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        throw JdbcErrors.unsupported("generated keys");
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        TroupeResultSet rs = current;
        current = null;
        if (rs != null && !connection.isClosed()) {
            rs.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed || connection.isClosed();
    }

    /**
     * Stops the statement running now, from any thread: the server cancels it and the executing thread gets
     * {@code QUERY_CANCELLED} (SQLSTATE 57014); the connection stays usable.
     */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        QueryStream stream = running;
        if (stream != null) {
            stream.cancel();
        }
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return (int) Math.min(maxRows, Integer.MAX_VALUE);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    /** The server stops the result after this many rows (0: all); the result set then carries a warning. */
    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, "maxRows is 0 or more, not " + max);
        }
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    /** Seconds the server lets the statement run (computing and sending its rows); 0 for the server's default. */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, "a query timeout is 0 or more seconds, not " + seconds);
        }
        queryTimeout = seconds;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        SQLWarning resultWarnings = current == null ? null : current.getWarnings();
        if (warnings == null) {
            return resultWarnings;
        }
        if (resultWarnings != null && warnings.getNextWarning() == null && warnings != resultWarnings) {
            warnings.setNextWarning(resultWarnings);
        }
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
        if (current != null) {
            current.clearWarnings();
        }
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        checkOpen();
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return current;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) updateCount;
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    /** Each statement has one result: this closes it and says there is no other. */
    @Override
    public boolean getMoreResults() throws SQLException {
        checkOpen();
        closeCurrent();
        updateCount = -1;
        return false;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return getMoreResults();
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw JdbcErrors.of(ErrorCode.NO_CURRENT_ROW, "fetch direction " + direction + " on forward-only results: use FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    /** Rows per batch the server sends for the next statements (0: the server's default, 65,536). */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, "a fetch size is 0 or more rows, not " + rows);
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkPlain("addBatch");
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    /** Runs the batch's statements one after the other (each without rows); a failure stops it. */
    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        return Arrays.stream(counts).mapToInt(c -> (int) c).toArray();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> statements = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[statements.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                counts[i] = executeUpdate(statements.get(i), List.of());
            } catch (SQLException e) {
                throw batchFailure(e, Arrays.copyOf(counts, i));
            }
        }
        return counts;
    }

    static BatchUpdateException batchFailure(SQLException e, long[] done) {
        return new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), done, e);
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return TroupeResultSet.of(List.of(), List.of());
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
        this.poolable = poolable;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return JdbcErrors.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
