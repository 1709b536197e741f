package io.troupe.jdbc.result;

import io.troupe.common.wire.Message;
import io.troupe.jdbc.arrow.ArrowField;
import io.troupe.jdbc.arrow.BatchReader;
import io.troupe.jdbc.client.QueryStream;
import io.troupe.jdbc.values.Column;
import io.troupe.jdbc.values.ColumnVector;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;

/**
 * A statement's result read from the wire batch by batch: the driver holds one batch at a time, so a result of any
 * size streams in constant memory.
 */
public final class StreamCursor implements Cursor {
    private final QueryStream stream;
    private final BatchReader batches;
    private final List<Column> columns;
    private final long maxRows;
    private SQLWarning warnings;

    /** @param maxRows the statement's maxRows (for the warning when the result was cut there); 0 for none */
    public StreamCursor(QueryStream stream, long maxRows) {
        this.stream = stream;
        this.batches = new BatchReader(stream.fields());
        this.columns = stream.fields().stream().map(ArrowField::column).toList();
        this.maxRows = maxRows;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public int nextBatch() throws SQLException {
        int rows = stream.next(batches);
        if (rows < 0) {
            Message.ResultEnd end = stream.end();
            if (end != null && end.truncated() && warnings == null) {
                warnings = new SQLWarning("The result has more rows than the statement's maxRows of " + maxRows
                        + ": the rest was not sent", "01000");
            }
        }
        return rows;
    }

    @Override
    public ColumnVector vector(int index) {
        return batches.vector(index);
    }

    @Override
    public SQLWarning warnings() {
        return warnings;
    }

    /** Asks the server to stop the query; from any thread. */
    public void cancel() {
        stream.cancel();
    }

    @Override
    public void close() throws SQLException {
        stream.close();
    }
}
