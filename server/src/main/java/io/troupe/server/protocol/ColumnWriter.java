package io.troupe.server.protocol;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies one column of the current row of a JDBC {@link ResultSet} into its Arrow vector, with the
 * column's typed getter ({@code getLong}, {@code getDouble}, ... then {@code wasNull}) so that no value is
 * boxed where JDBC allows it. Writers of fixed-width vectors write without bounds checks: the vector is
 * allocated once for a whole batch ({@link #allocate}) and reused for every batch ({@link #reset}).
 */
abstract class ColumnWriter {
    /** The 1-based column of the result set. */
    protected final int column;

    protected ColumnWriter(int column) {
        this.column = column;
    }

    /** The vector this writer fills. */
    abstract FieldVector vector();

    /** Writes the current row's value at {@code row} of the vector. */
    abstract void write(ResultSet rs, int row) throws SQLException;

    /** Bytes per row in the vector's fixed-width buffers (values, offsets, validity rounded up). */
    abstract int fixedBytesPerRow();

    /** Bytes of variable-width data written since the last {@link #reset} (0 for fixed-width vectors). */
    long variableBytes() {
        return 0;
    }

    /** Allocates the vector for {@code rows} rows; called once, before the first batch. */
    void allocate(int rows) {
        vector().setInitialCapacity(rows);
        vector().allocateNew();
    }

    /** Empties the vector for the next batch, keeping its buffers. */
    void reset() {
        vector().reset();
    }
}
