package io.troupe.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.common.wire.Message;
import io.troupe.common.wire.MessageCodec;
import io.troupe.server.protocol.ProtocolMetrics.Outcome;
import io.troupe.sql.SqlErrors;
import io.troupe.sql.SqlSession;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One statement of a connection, run on the server's query pool: executes it in the connection's SQL
 * session (a plain scan's rows as column chunks, see {@link ResultBatches}), sends RESULT_SCHEMA, one RESULT_BATCH per filled batch (waiting at the {@link WritableGate}
 * while the client is behind), then RESULT_END, or ERROR when it fails, is cancelled or runs past its
 * timeout. The Arrow vectors come from a child of the project store's allocator that lives as long as the
 * statement; the result set, the vectors and the allocator are closed before the last message goes out,
 * and the connection is told the statement ended before that message too (so that a client may send its
 * next QUERY as soon as it reads it).
 */
final class QueryRun implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryRun.class);

    private final SqlConnection connection;
    private final Message.Query query;
    private final SqlSession session;
    private final BufferAllocator parentAllocator;
    private final Channel channel;
    private final WritableGate gate;
    private final ProtocolMetrics metrics;
    private final int timeoutSeconds;
    private final boolean columnar;
    private final CancellableStatement statement = new CancellableStatement();
    private long deadlineNanos = Long.MAX_VALUE;

    /**
     * @param timeoutSeconds the statement's timeout: its own, else the server's default; 0 for none
     * @param columnar       whether a plain scan's rows may come as column chunks ({@code query.columnarResults})
     */
    QueryRun(SqlConnection connection, Message.Query query, SqlSession session, BufferAllocator parentAllocator,
             Channel channel, WritableGate gate, ProtocolMetrics metrics, int timeoutSeconds, boolean columnar) {
        this.connection = connection;
        this.query = query;
        this.session = session;
        this.parentAllocator = parentAllocator;
        this.channel = channel;
        this.gate = gate;
        this.metrics = metrics;
        this.timeoutSeconds = timeoutSeconds;
        this.columnar = columnar;
    }

    long queryId() {
        return query.queryId();
    }

    /**
     * Stops the statement (from the event loop: a CANCEL, or the connection closed) without waiting for it:
     * the engine's operators stop at their next batch, the worker between batches, and a worker waiting for
     * the client wakes up.
     */
    void cancel() {
        statement.cancel();
        gate.changed();
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        if (timeoutSeconds > 0) {
            deadlineNanos = started + timeoutSeconds * 1_000_000_000L;
        }
        Message last;
        Outcome outcome;
        try {
            last = execute();
            outcome = Outcome.OK;
        } catch (Throwable t) { // every failure becomes the query's ERROR; a bug must not kill the pool thread silently
            TroupeException e = failure(t);
            last = Message.ErrorResponse.of(query.queryId(), e, false);
            outcome = !channel.isActive() ? Outcome.DISCONNECTED
                    : e.errorCode() == ErrorCode.QUERY_CANCELLED ? Outcome.CANCELLED
                    : e.errorCode() == ErrorCode.QUERY_TIMEOUT ? Outcome.TIMEOUT : Outcome.ERROR;
            if (!e.errorCode().isUserError() || !(t instanceof TroupeException || t instanceof java.sql.SQLException)) {
                // a server fault, or an exception nobody translated: possibly a bug, keep its stack
                LOG.warn("Query {} of {} failed: {}", query.queryId(), channel.remoteAddress(), e.toString(), t);
            } else {
                LOG.debug("Query {} of {} failed: {}", query.queryId(), channel.remoteAddress(), e.toString());
            }
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            connection.queryEnded(this);
        }
        metrics.queryEnded(outcome, System.nanoTime() - started);
        if (channel.isActive()) {
            send(Unpooled.wrappedBuffer(MessageCodec.encode(last)), 0);
        }
    }

    private Message.ResultEnd execute() throws Exception {
        long id = query.queryId();
        try (BufferAllocator allocator = parentAllocator.newChildAllocator("query-" + id, 0, Long.MAX_VALUE);
             statement;
             SqlSession.Executed executed = statement.execute(session.connection(), query.sql(),
                     JdbcParameters.values(query.parameters()), timeoutSeconds, columnar);
             ResultBatches batches = new ResultBatches(executed.resultSet(), executed.columns(), allocator,
                     query.options().effectiveFetchRows(), query.options().maxRows())) {
            checkGoOn();
            if (executed.columns() != null) {
                metrics.columnarResult();
            }
            send(ArrowFrames.schema(channel.alloc(), id, batches.schema()), 0);
            while (batches.next()) {
                checkGoOn();
                ByteBuf frame = ArrowFrames.batch(channel.alloc(), id, batches.root());
                gate.await(this::mustStop);
                if (mustStop()) {
                    frame.release();
                    checkGoOn();
                }
                send(frame, batches.root().getRowCount());
            }
            checkGoOn();
            return new Message.ResultEnd(id, batches.rows(), batches.truncated());
        }
    }

    private boolean mustStop() {
        return statement.cancelled() || !channel.isActive() || System.nanoTime() - deadlineNanos > 0;
    }

    /** Throws when the statement must stop: cancelled, the client gone, or past the deadline. */
    private void checkGoOn() {
        if (statement.cancelled() || !channel.isActive()) {
            throw new TroupeException(ErrorCode.QUERY_CANCELLED);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new TroupeException(ErrorCode.QUERY_TIMEOUT, timeoutSeconds * 1000L);
        }
    }

    /** The error to report: a cancel wins over whatever it made the engine throw. */
    private TroupeException failure(Throwable t) {
        if (statement.cancelled() || !channel.isActive()) {
            return t instanceof TroupeException te && te.errorCode() == ErrorCode.QUERY_CANCELLED ? te
                    : new TroupeException(ErrorCode.QUERY_CANCELLED, t);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            return t instanceof TroupeException te && te.errorCode() == ErrorCode.QUERY_TIMEOUT ? te
                    : new TroupeException(ErrorCode.QUERY_TIMEOUT, t, timeoutSeconds * 1000L);
        }
        if (t instanceof TroupeException te) {
            return te;
        }
        if (t instanceof InterruptedException) {
            return new TroupeException(ErrorCode.SERVER_SHUTTING_DOWN, t);
        }
        return SqlErrors.translate(t);
    }

    private void send(ByteBuf frame, int rows) {
        metrics.sent(frame.readableBytes(), rows);
        channel.writeAndFlush(frame, channel.voidPromise());
    }
}
