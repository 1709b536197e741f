package io.troupe.storage.read;

import io.troupe.storage.segment.SegmentSchema;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A batch of events from one segment or the tail, as Arrow vectors of the projected columns. Only rows
 * {@code [startRow(), endRow())} are in the scanned time range. Id columns are 8, 16 or 32-bit integers
 * (dictionary ids, null for none); {@link #ids} widens them into a reusable int array; times are stored
 * relative to {@link #timeBase()} ({@link #times} gives absolute milliseconds).
 *
 * <p>A batch is valid only inside the scan callback that receives it: its buffers are released after.
 */
public final class EventBatch {
    private final VectorSchemaRoot root;
    private final long timeBase;
    private final int startRow;
    private final int endRow;
    private final boolean sortedByTime;

    EventBatch(VectorSchemaRoot root, long timeBase, int startRow, int endRow, boolean sortedByTime) {
        this.root = root;
        this.timeBase = timeBase;
        this.startRow = startRow;
        this.endRow = endRow;
        this.sortedByTime = sortedByTime;
    }

    public int startRow() {
        return startRow;
    }

    public int endRow() {
        return endRow;
    }

    /** Rows in range. */
    public int rowCount() {
        return endRow - startRow;
    }

    public long timeBase() {
        return timeBase;
    }

    /** True for segment batches (sorted by time); tail batches are sorted too, see {@link Snapshot}. */
    public boolean sortedByTime() {
        return sortedByTime;
    }

    public VectorSchemaRoot root() {
        return root;
    }

    /** The vector of a column, or null when this batch has no such column (e.g. a group type absent here). */
    public FieldVector vector(String column) {
        return root.getVector(column);
    }

    /**
     * Absolute times (ms) of rows {@code [startRow, endRow)} into {@code out[0..rowCount)}. Like {@link #ids},
     * a plain loop over a view of the data buffer: Arrow's per-value {@code get} checks bounds and nulls
     * every time, which made scans 3 times slower.
     */
    public void times(long[] out) {
        FieldVector v = root.getVector(SegmentSchema.EVENT_TIME);
        int n = rowCount();
        ByteBuffer data = view(v.getDataBuffer());
        if (v instanceof IntVector) {
            for (int i = 0; i < n; i++) {
                out[i] = timeBase + data.getInt((startRow + i) << 2);
            }
        } else if (v instanceof BigIntVector) {
            for (int i = 0; i < n; i++) {
                out[i] = timeBase + data.getLong((startRow + i) << 3);
            }
        } else {
            throw new IllegalStateException("event_time is " + v.getField().getType());
        }
    }

    /**
     * Absolute times of the rows {@code rows[0..m)} (relative to {@link #startRow}, ascending) into
     * {@code out[0..m)}: for a scan that needs only a few rows' times, reading just those.
     */
    public void times(int[] rows, int m, long[] out) {
        FieldVector v = root.getVector(SegmentSchema.EVENT_TIME);
        ByteBuffer data = view(v.getDataBuffer());
        if (v instanceof IntVector) {
            for (int j = 0; j < m; j++) {
                out[j] = timeBase + data.getInt((startRow + rows[j]) << 2);
            }
        } else if (v instanceof BigIntVector) {
            for (int j = 0; j < m; j++) {
                out[j] = timeBase + data.getLong((startRow + rows[j]) << 3);
            }
        } else {
            throw new IllegalStateException("event_time is " + v.getField().getType());
        }
    }

    /** Dictionary ids of the rows {@code rows[0..m)} (relative, ascending) into {@code out[0..m)}, -1 for null. */
    public void ids(String column, int[] rows, int m, int[] out) {
        FieldVector v = root.getVector(column);
        if (v == null) {
            java.util.Arrays.fill(out, 0, m, -1);
            return;
        }
        ByteBuffer data = view(v.getDataBuffer());
        if (v instanceof TinyIntVector) {
            for (int j = 0; j < m; j++) {
                out[j] = data.get(startRow + rows[j]);
            }
        } else if (v instanceof SmallIntVector) {
            for (int j = 0; j < m; j++) {
                out[j] = data.getShort((startRow + rows[j]) << 1);
            }
        } else if (v instanceof IntVector) {
            for (int j = 0; j < m; j++) {
                out[j] = data.getInt((startRow + rows[j]) << 2);
            }
        } else {
            throw new IllegalStateException(column + " is " + v.getField().getType() + ", not a dictionary id column");
        }
        if (v.getNullCount() > 0) {
            ByteBuffer validity = view(v.getValidityBuffer());
            for (int j = 0; j < m; j++) {
                int row = startRow + rows[j];
                if ((validity.get(row >>> 3) & (1 << (row & 7))) == 0) {
                    out[j] = -1;
                }
            }
        }
    }

    /**
     * {@code table[id]} of every row in range into {@code out[0..rowCount)} (0 for a null, an absent column or an id
     * beyond the table): a per-id property of the rows, such as the report steps an event type matches, in one pass
     * over the column's buffer.
     */
    public void lookup(String column, int[] table, int[] out, Scratch scratch) {
        FieldVector v = root.getVector(column);
        int n = rowCount();
        if (v == null) {
            java.util.Arrays.fill(out, 0, n, 0);
            return;
        }
        ByteBuffer data = view(v.getDataBuffer());
        int size = table.length;
        if (v instanceof TinyIntVector) {
            // One bulk copy out of the buffer, then a plain loop: per-element ByteBuffer reads check bounds each time.
            byte[] ids = scratch.bytes(n);
            data.get(startRow, ids, 0, n);
            for (int i = 0; i < n; i++) {
                int id = ids[i];
                out[i] = id >= 0 && id < size ? table[id] : 0;
            }
        } else if (v instanceof SmallIntVector) {
            short[] ids = scratch.shorts(n);
            data.asShortBuffer().get(startRow, ids, 0, n);
            for (int i = 0; i < n; i++) {
                int id = ids[i];
                out[i] = id >= 0 && id < size ? table[id] : 0;
            }
        } else if (v instanceof IntVector) {
            for (int i = 0; i < n; i++) {
                int id = data.getInt((startRow + i) << 2);
                out[i] = id >= 0 && id < size ? table[id] : 0;
            }
        } else {
            throw new IllegalStateException(column + " is " + v.getField().getType() + ", not a dictionary id column");
        }
        nullsTo(v, out, n, 0);
    }

    /** Reusable buffers for {@link #lookup}, one per reading thread, so that a scan allocates nothing per batch. */
    public static final class Scratch {
        private byte[] bytes = new byte[0];
        private short[] shorts = new short[0];

        byte[] bytes(int n) {
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, 1024)];
            }
            return bytes;
        }

        short[] shorts(int n) {
            if (shorts.length < n) {
                shorts = new short[Math.max(n, 1024)];
            }
            return shorts;
        }
    }

    /** Dictionary ids of rows in range into {@code out[0..rowCount)}, -1 for null or an absent column. */
    public void ids(String column, int[] out) {
        FieldVector v = root.getVector(column);
        int n = rowCount();
        if (v == null) {
            java.util.Arrays.fill(out, 0, n, -1);
            return;
        }
        ByteBuffer data = view(v.getDataBuffer());
        if (v instanceof TinyIntVector) {
            for (int i = 0; i < n; i++) {
                out[i] = data.get(startRow + i);
            }
        } else if (v instanceof SmallIntVector) {
            for (int i = 0; i < n; i++) {
                out[i] = data.getShort((startRow + i) << 1);
            }
        } else if (v instanceof IntVector) {
            for (int i = 0; i < n; i++) {
                out[i] = data.getInt((startRow + i) << 2);
            }
        } else {
            throw new IllegalStateException(column + " is " + v.getField().getType() + ", not a dictionary id column");
        }
        nullsTo(v, out, n, -1);
    }

    /** Sets {@code out[i]} to {@code value} for the null rows among rows {@code [startRow, startRow + n)}. */
    private void nullsTo(FieldVector v, int[] out, int n, int value) {
        if (v.getNullCount() > 0) {
            ByteBuffer validity = view(v.getValidityBuffer());
            for (int i = 0; i < n; i++) {
                int row = startRow + i;
                if ((validity.get(row >>> 3) & (1 << (row & 7))) == 0) {
                    out[i] = value;
                }
            }
        }
    }

    private static ByteBuffer view(ArrowBuf buffer) {
        return buffer.nioBuffer(0, Math.toIntExact(buffer.capacity())).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The bytes of a binary or text column at an absolute row, or null. */
    public byte[] bytes(String column, int row) {
        FieldVector v = root.getVector(column);
        if (v == null || v.isNull(row)) {
            return null;
        }
        if (v instanceof VarBinaryVector b) {
            return b.get(row);
        }
        return ((VarCharVector) v).get(row);
    }
}
