package io.troupe.server.protocol;

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
    private long rows;
    private boolean exhausted;
    private boolean truncated;

    /**
     * @param fetchRows rows per batch at most (at least 1)
     * @param maxRows   rows of the whole result at most; 0 for all
     */
    ResultBatches(ResultSet rs, BufferAllocator allocator, int fetchRows, long maxRows) throws SQLException {
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
        rows += n;
        if (!exhausted && maxRows > 0 && rows == maxRows) {
            truncated = rs.next();
            exhausted = true;
        }
        root.setRowCount(n);
        return n > 0;
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
