package io.troupe.server.protocol;

import io.troupe.sql.exec.ColumnarResult;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a JDBC result set into Arrow record batches, one {@link VectorSchemaRoot} reused for every batch: each
 * {@link #next} empties the vectors and fills them with up to {@code fetchRows} rows, fewer when the batch's
 * variable-width bytes (strings, binaries) reach {@link #BATCH_BYTES} (so that one frame stays far below the frame limit whatever the rows hold)
 * or the result's {@code maxRows} is reached. Not thread-safe; closing frees the vectors (not the result set).
 *
 * <p>The rows come from the result set row by row, or, for a statement the engine ran as a plain scan, from its
 * {@link ColumnarResult} a block of rows at a time ({@link ColumnarCopier}); the schema (from the result set's
 * metadata), the values and where batches end are the same either way, so a client cannot tell which path ran.
 */
final class ResultBatches implements AutoCloseable {
    /** A batch holds at most about this many bytes of fixed-width buffers, and of variable-width data. */
    static final long BATCH_BYTES = 16L << 20;
    /** Rows between two checks of the variable-width bytes. */
    private static final int CHECK_EVERY = 64;

    private final ResultSet rs;
    private final VectorSchemaRoot root;
    private final ColumnWriter[] writers;
    private final ColumnWriter[] variableWidth;
    private final int batchRows;
    private final long maxRows;
    private final ColumnarCopier columns;
    private long rows;
    private boolean exhausted;
    private boolean truncated;

    /**
     * @param fetchRows rows per batch at most (at least 1)
     * @param maxRows   rows of the whole result at most; 0 for all
     */
    ResultBatches(ResultSet rs, BufferAllocator allocator, int fetchRows, long maxRows) throws SQLException {
        this(rs, null, allocator, fetchRows, maxRows);
    }

    /**
     * @param rs      the statement's result set: its metadata, and its rows unless {@code columnar} is given
     * @param columnar the statement's rows as column chunks, or null
     */
    ResultBatches(ResultSet rs, ColumnarResult columnar, BufferAllocator allocator, int fetchRows, long maxRows)
            throws SQLException {
        this.rs = rs;
        this.maxRows = maxRows;
        ResultSetMetaData md = rs.getMetaData();
        Schema schema = ResultSchemas.schema(md);
        this.root = VectorSchemaRoot.create(schema, allocator);
        try {
            List<FieldVector> vectors = root.getFieldVectors();
            writers = new ColumnWriter[vectors.size()];
            int fixedPerRow = 1;
            for (int c = 0; c < writers.length; c++) {
                writers[c] = ResultSchemas.writer(c + 1, md.getColumnType(c + 1), vectors.get(c));
                fixedPerRow += writers[c].fixedBytesPerRow();
            }
            variableWidth = java.util.Arrays.stream(writers).filter(w -> w.vector() instanceof BaseVariableWidthVector)
                    .toArray(ColumnWriter[]::new);
            this.batchRows = (int) Math.max(1, Math.min(fetchRows, BATCH_BYTES / fixedPerRow));
            for (ColumnWriter w : writers) {
                w.allocate(batchRows);
            }
            columns = columnar == null ? null : new ColumnarCopier(columnar, vectors);
        } catch (RuntimeException | SQLException e) {
            root.close();
            throw e;
        }
    }

    Schema schema() {
        return root.getSchema();
    }

    /** The current batch (valid until the next call of {@link #next}). */
    VectorSchemaRoot root() {
        return root;
    }

    /** Rows per batch at most, after the byte bound. */
    int batchRows() {
        return batchRows;
    }

    /** Fills the next batch; false (and no batch) once the result has no more rows. */
    boolean next() throws SQLException {
        if (exhausted) {
            return false;
        }
        for (ColumnWriter w : writers) {
            w.reset();
        }
        int limit = maxRows > 0 ? (int) Math.min(batchRows, maxRows - rows) : batchRows;
        int n = columns == null ? fillRows(limit) : fillColumns(limit);
        rows += n;
        if (!exhausted && maxRows > 0 && rows == maxRows) {
            truncated = columns == null ? rs.next() : columns.available() > 0;
            exhausted = true;
        }
        root.setRowCount(n);
        return n > 0;
    }

    /** Fills the batch from the result set, row by row; returns its rows. */
    private int fillRows(int limit) throws SQLException {
        int n = 0;
        while (n < limit) {
            if (!rs.next()) {
                exhausted = true;
                break;
            }
            for (ColumnWriter w : writers) {
                w.write(rs, n);
            }
            n++;
            if (n % CHECK_EVERY == 0 && variableBytes() >= BATCH_BYTES) {
                break;
            }
        }
        return n;
    }

    /**
     * Fills the batch from the columnar result, in blocks that end where the row path checks the variable-width bytes
     * (every {@link #CHECK_EVERY} rows), so that the batch ends at the same row; returns its rows.
     */
    private int fillColumns(int limit) {
        columns.startBatch();
        int n = 0;
        while (n < limit) {
            int available = columns.available();
            if (available == 0) {
                exhausted = true;
                break;
            }
            int block = Math.min(Math.min(available, limit - n), CHECK_EVERY - n % CHECK_EVERY);
            columns.copy(n, block);
            n += block;
            if (n % CHECK_EVERY == 0 && columns.variableBytes() >= BATCH_BYTES) {
                break;
            }
        }
        return n;
    }

    private long variableBytes() {
        long bytes = 0;
        for (ColumnWriter w : variableWidth) {
            bytes += w.variableBytes();
        }
        return bytes;
    }

    /** Rows read so far. */
    long rows() {
        return rows;
    }

    /** True when {@code maxRows} stopped the result before its end. */
    boolean truncated() {
        return truncated;
    }

    @Override
    public void close() {
        root.close();
    }
}
