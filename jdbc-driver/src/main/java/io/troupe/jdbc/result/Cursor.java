package io.troupe.jdbc.result;

import io.troupe.jdbc.values.Column;
import io.troupe.jdbc.values.ColumnVector;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;

/** Where a result set's rows come from, one batch at a time: the wire ({@link StreamCursor}) or memory ({@link RowsCursor}). */
public interface Cursor {
    List<Column> columns();

    /** Loads the next batch: its row count (maybe 0), or -1 once there are no more rows. */
    int nextBatch() throws SQLException;

    /** The vector of column {@code index} (0-based) for the batch loaded last. */
    ColumnVector vector(int index);

    /** Warnings about the result known so far (e.g. cut at the statement's maxRows). */
    SQLWarning warnings();

    /** Stops the result; for the wire, cancels the query if it has not ended. */
    void close() throws SQLException;
}
