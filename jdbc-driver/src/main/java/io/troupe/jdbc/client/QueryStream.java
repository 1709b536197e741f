package io.troupe.jdbc.client;

import io.troupe.common.ErrorCode;
import io.troupe.common.wire.Message;
import io.troupe.jdbc.arrow.ArrowField;
import io.troupe.jdbc.arrow.BatchReader;
import io.troupe.jdbc.arrow.SchemaReader;
import io.troupe.jdbc.errors.JdbcErrors;
import java.sql.SQLException;
import java.util.List;

/**
 * The result of one statement as it arrives: its schema, then one batch at a time on demand ({@link #next}), so a
 * result of any size is read in the memory of one batch. {@link #close} before the end sends CANCEL and reads
 * what the server sent meanwhile up to the query's last message, which leaves the connection ready for the next
 * statement.
 */
public final class QueryStream {
    private final ProtocolClient client;
    private final long queryId;
    private List<ArrowField> fields;
    private Message.ResultEnd end;
    private volatile boolean finished;

    QueryStream(ProtocolClient client, long queryId) {
        this.client = client;
        this.queryId = queryId;
    }

    public long queryId() {
        return queryId;
    }

    /**
     * Waits for the statement's RESULT_SCHEMA: as long as the statement computes before its first row.
     *
     * @throws SQLException the statement's error as the server reports it (syntax, cancelled, timeout, ...), or the
     *                      connection's
     */
    public void start() throws SQLException {
        client.conversation().lock();
        try {
            Message m = client.read(queryId);
            if (m instanceof Message.ErrorResponse e) {
                finished = true;
                throw JdbcErrors.server(e);
            }
            if (!(m instanceof Message.ResultSchema)) {
                finished = true;
                throw JdbcErrors.of(ErrorCode.PROTOCOL_ERROR, "query " + queryId + " began with " + m.type() + ", not RESULT_SCHEMA");
            }
            FrameReader r = client.reader();
            fields = SchemaReader.read(r.buffer(), r.arrowOffset(), r.arrowLength());
        } catch (SQLException e) {
            finished = true;
            throw e;
        } finally {
            client.conversation().unlock();
        }
    }

    /** The result's columns and their Arrow layout. */
    public List<ArrowField> fields() {
        return fields;
    }

    /**
     * Reads the next batch into {@code batches}.
     *
     * @return its row count, or -1 once the result has ended (then {@link #end()} is set)
     * @throws SQLException the query's error (cancelled, timed out, failed while running) or the connection's
     */
    public int next(BatchReader batches) throws SQLException {
        if (finished) {
            return -1;
        }
        client.conversation().lock();
        try {
            while (true) {
                Message m = client.read(queryId);
                if (m instanceof Message.ResultBatch) {
                    FrameReader r = client.reader();
                    return batches.load(r.buffer(), r.arrowOffset(), r.arrowLength());
                }
                if (m instanceof Message.ResultEnd e) {
                    end = e;
                    finished = true;
                    return -1;
                }
                if (m instanceof Message.ErrorResponse e) {
                    finished = true;
                    throw JdbcErrors.server(e);
                }
                finished = true;
                throw JdbcErrors.of(ErrorCode.PROTOCOL_ERROR, "a second " + m.type() + " for query " + queryId);
            }
        } catch (SQLException e) {
            finished = true;
            throw e;
        } finally {
            client.conversation().unlock();
        }
    }

    /** RESULT_END once read; null before, and for a result that ended with an error or was closed early. */
    public Message.ResultEnd end() {
        return end;
    }

    /** True once the query's last message was read (or the connection broke): the connection is free. */
    public boolean finished() {
        return finished;
    }

    /** Asks the server to stop the query (from any thread); its error or end still has to be read. */
    public void cancel() {
        if (!finished) {
            client.cancel(queryId);
        }
    }

    /**
     * Stops reading: when the result has not ended, sends CANCEL and skips frames up to the query's RESULT_END or
     * ERROR. Errors of the query itself are not reported (the caller gave up on it); a broken connection is.
     */
    public void close() throws SQLException {
        if (finished) {
            return;
        }
        client.conversation().lock();
        try {
            client.cancel(queryId);
            while (!finished) {
                Message m = client.read(queryId);
                if (m instanceof Message.ResultEnd e) {
                    end = e;
                    finished = true;
                } else if (m instanceof Message.ErrorResponse) {
                    finished = true;
                }
            }
        } catch (SQLException e) {
            finished = true;
            if (client.isClosed()) {
                throw e;
            }
        } finally {
            client.conversation().unlock();
        }
    }
}
