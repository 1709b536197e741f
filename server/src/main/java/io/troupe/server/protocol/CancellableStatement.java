package io.troupe.server.protocol;

import io.troupe.sql.SqlErrors;
import io.troupe.sql.SqlSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One statement on a project's SQL connection that another thread can stop at any moment.
 *
 * <p>Why not {@code Statement.cancel()} (nor {@code SqlSession.cancel()}, which calls it): Avatica's
 * {@code cancel()} is synchronized on the statement, and Avatica holds that monitor through
 * {@code executeQuery}, inside which a blocking operator (an aggregation, a sort) computes its whole
 * input. A cancel would wait for the very work it should stop. Instead this sets the statement's cancel
 * flag directly ({@link io.troupe.sql.SqlSession#cancelFlag}, the flag the engine's operators check between
 * batches). A cancel that comes before the statement exists is remembered and applied as soon as it does.
 */
final class CancellableStatement implements AutoCloseable {
    private volatile boolean cancelled;
    private volatile AtomicBoolean engineFlag;
    private PreparedStatement statement;

    /**
     * Prepares and runs the statement; the result set closes the statement with it. With {@code columnar}, a
     * statement the engine runs as a plain scan gives its rows as column chunks ({@link SqlSession#execute}).
     *
     * @throws io.troupe.common.TroupeException the engine's error, translated to the catalogue
     */
    SqlSession.Executed execute(Connection connection, String sql, Object[] parameters, int timeoutSeconds,
                                boolean columnar) {
        try {
            statement = io.troupe.sql.SqlSession.prepare(connection, sql);
            engineFlag = io.troupe.sql.SqlSession.cancelFlag(connection, statement);
            if (cancelled) {
                engineFlag.set(true); // cancelled while the statement was being planned
            }
            if (timeoutSeconds > 0) {
                statement.setQueryTimeout(timeoutSeconds);
            }
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return SqlSession.execute(statement, columnar);
        } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
            close();
            throw SqlErrors.translate(e);
        }
    }

    /** Stops the statement: its operators fail with QUERY_CANCELLED at their next batch. Any thread, any time. */
    void cancel() {
        cancelled = true;
        AtomicBoolean flag = engineFlag;
        if (flag != null) {
            flag.set(true);
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void close() {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException | RuntimeException ignored) {
                // the statement's own outcome is what the client hears about
            }
        }
    }
}
