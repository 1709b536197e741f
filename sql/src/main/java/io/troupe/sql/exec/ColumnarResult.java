package io.troupe.sql.exec;

import io.troupe.sql.schema.EventField;
import io.troupe.sql.schema.EventLayout;
import io.troupe.storage.read.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The rows of a plain scan of {@code events} (a filter and plain columns, see
 * {@link io.troupe.sql.plan.ColumnarPlan}) as column chunks instead of JDBC rows: each {@link #next} moves to the
 * rows one stored batch contributes (after the filter, OFFSET and FETCH), and each column of the chunk is read at
 * once as primitive arrays: times as milliseconds, dictionary columns as ids whose UTF-8 bytes are decoded once per
 * distinct id and statement ({@link #utf8}), text columns straight from the stored vector. The values are the ones
 * Calcite's row enumerator gives for the same statement (the same scan, in the same order).
 *
 * <p>Owns its statement's {@link QueryScope} (snapshot, deadline, cancel flag, memory budget): {@link #next} fails
 * with {@code QUERY_CANCELLED} or {@code QUERY_TIMEOUT} like the row path, and {@link #close} releases the scope.
 * A chunk's arrays are valid until the next call of {@link #next}. Not thread-safe.
 */
public final class ColumnarResult implements AutoCloseable {
    /** How a column's values are read. */
    public enum Kind {
        /** A TIMESTAMP(3) column: {@link #times}, UTC milliseconds (never null). */
        TIME,
        /** A VARCHAR column of dictionary ids: {@link #ids}, -1 for null, and {@link #utf8} of each id. */
        DICTIONARY,
        /** A VARCHAR column stored as text: {@link #texts} at the rows {@link #sourceRows}. */
        TEXT
    }

    /** Bytes of cached id strings accounted to the scope at once (not one reservation per id). */
    private static final long RESERVE_STEP = 1L << 20;
    /** What a cached id string costs besides its bytes: the array, its header and the slot. */
    private static final int CACHE_OVERHEAD = 24;

    private final QueryScope scope;
    private final EventLayout layout;
    private final Output[] outputs;
    private final Kind[] kinds;
    private final Snapshot.Batches batches;
    private final RowFilter rowFilter;
    private final ValueDecoder decoder;
    private final BatchData data;
    private long skip;
    private long left;
    private boolean[] mask = new boolean[0];
    /** The chunk's rows (relative to the batch's first row in range) when not {@link #identity}. */
    private int[] selected = new int[0];
    /** The chunk's rows are the batch's rows {@code [first, first + rows)}; else {@code selected[first..]}. */
    private boolean identity;
    private int first;
    private int rows;
    private final long[][] times;
    private final boolean[] timesReady;
    private final int[][] ids;
    private final boolean[] idsReady;
    private int[] sourceRows = new int[0];
    private boolean sourceRowsReady;
    private final byte[][][] utf8;
    private long cachedBytes;
    private long reservedBytes;
    private boolean closed;

    /**
     * @param outputs the scan's output of each result column
     * @param offset  rows to skip (OFFSET), 0 for none
     * @param fetch   rows to produce at most (FETCH/LIMIT), -1 for all
     */
    ColumnarResult(QueryScope scope, EventLayout layout, List<Output> outputs, Snapshot.Batches batches,
                   RowFilter rowFilter, ValueDecoder decoder, long offset, long fetch) {
        this.scope = scope;
        this.layout = layout;
        this.outputs = outputs.toArray(new Output[0]);
        this.kinds = new Kind[this.outputs.length];
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = kindOf(layout, this.outputs[c]);
            if (kinds[c] == null) {
                throw new IllegalArgumentException("not a column of a columnar result: " + this.outputs[c]);
            }
        }
        this.batches = batches;
        this.rowFilter = rowFilter;
        this.decoder = decoder;
        this.data = new BatchData(layout);
        this.skip = offset;
        this.left = fetch < 0 ? Long.MAX_VALUE : fetch;
        this.times = new long[kinds.length][];
        this.timesReady = new boolean[kinds.length];
        this.ids = new int[kinds.length][];
        this.idsReady = new boolean[kinds.length];
        this.utf8 = new byte[kinds.length][][];
    }

    /** The kind of an output in a columnar result, or null when only the row path produces it. */
    public static Kind kindOf(EventLayout layout, Output output) {
        if (output instanceof Output.Floor) {
            return Kind.TIME;
        }
        if (!(output instanceof Output.Field f)) {
            return null; // group properties: codes of computed tables
        }
        return switch (layout.field(f.field()).kind()) {
            case TIME -> Kind.TIME;
            case ID -> Kind.DICTIONARY;
            case TEXT -> Kind.TEXT;
            default -> null; // maps: the row path's JSON text
        };
    }

    public int columnCount() {
        return kinds.length;
    }

    public Kind kind(int column) {
        return kinds[column];
    }

    /**
     * Moves to the next chunk that has rows; false at the end of the result (then nothing more is read).
     *
     * @throws io.troupe.common.TroupeException {@code QUERY_CANCELLED} or {@code QUERY_TIMEOUT}
     */
    public boolean next() {
        rows = 0;
        while (left > 0 && !closed) {
            scope.check();
            if (!batches.hasNext()) {
                break;
            }
            data.reset(batches.next());
            int n = data.rows();
            int m = n;
            identity = true;
            first = 0;
            if (rowFilter != null) {
                if (mask.length < n) {
                    mask = new boolean[n];
                    selected = new int[n];
                } else if (selected.length < n) {
                    selected = new int[n];
                }
                rowFilter.eval(data, mask);
                m = 0;
                for (int i = 0; i < n; i++) {
                    if (mask[i]) {
                        selected[m++] = i;
                    }
                }
                identity = false;
            }
            if (skip > 0) {
                int s = (int) Math.min(skip, m);
                skip -= s;
                first = s;
                m -= s;
            }
            m = (int) Math.min(m, left);
            left -= m;
            java.util.Arrays.fill(timesReady, false);
            java.util.Arrays.fill(idsReady, false);
            sourceRowsReady = false;
            if (m > 0) {
                rows = m;
                return true;
            }
        }
        batches.close();
        return false;
    }

    /** Rows of the current chunk. */
    public int rows() {
        return rows;
    }

    /** The {@link Kind#TIME} column's values of the chunk's rows, in {@code [0, rows())}. */
    public long[] times(int column) {
        if (timesReady[column]) {
            return times[column];
        }
        long[] all = data.times();
        Output out = outputs[column];
        TimeBucket unit = out instanceof Output.Floor f ? f.unit() : null;
        if (identity && first == 0 && unit == null) {
            times[column] = all; // the batch's own array: no copy
        } else {
            long[] a = times[column];
            if (a == null || a.length < rows || a == all) {
                a = new long[Math.max(rows, 1024)];
            }
            for (int j = 0; j < rows; j++) {
                long t = all[row(j)];
                a[j] = unit == null ? t : unit.truncate(t);
            }
            times[column] = a;
        }
        timesReady[column] = true;
        return times[column];
    }

    /** The {@link Kind#DICTIONARY} column's ids of the chunk's rows ({@code -1} for null), in {@code [0, rows())}. */
    public int[] ids(int column) {
        if (idsReady[column]) {
            return ids[column];
        }
        int[] all = data.ids(outputs[column].field());
        if (identity && first == 0) {
            ids[column] = all;
        } else {
            int[] a = ids[column];
            if (a == null || a.length < rows || a == all) {
                a = new int[Math.max(rows, 1024)];
            }
            for (int j = 0; j < rows; j++) {
                a[j] = all[row(j)];
            }
            ids[column] = a;
        }
        idsReady[column] = true;
        return ids[column];
    }

    /**
     * The UTF-8 bytes of a {@link Kind#DICTIONARY} column's id (not -1), decoded on first use in this statement;
     * the caller must not change them.
     */
    public byte[] utf8(int column, int id) {
        byte[][] cache = utf8[column];
        if (cache == null || id >= cache.length) {
            int size = cache == null ? 1024 : cache.length;
            while (size <= id) {
                size *= 2;
            }
            cache = cache == null ? new byte[size][] : java.util.Arrays.copyOf(cache, size);
            utf8[column] = cache;
        }
        byte[] b = cache[id];
        if (b == null) {
            b = decoder.idValue(outputs[column].field(), id).getBytes(StandardCharsets.UTF_8);
            cache[id] = b;
            cachedBytes += b.length + CACHE_OVERHEAD;
            if (cachedBytes > reservedBytes) {
                scope.reserve(RESERVE_STEP, "the strings of a streamed result");
                reservedBytes += RESERVE_STEP;
            }
        }
        return b;
    }

    /**
     * The stored vector of a {@link Kind#TEXT} column in the current chunk's batch (index it with
     * {@link #sourceRows}), or null when the batch has no such column (every value null).
     */
    public BaseVariableWidthVector texts(int column) {
        EventField f = layout.field(outputs[column].field());
        FieldVector v = data.batch().vector(f.column());
        return v instanceof BaseVariableWidthVector b ? b : null;
    }

    /** The rows of the chunk as indices into the batch's stored vectors ({@link #texts}), in {@code [0, rows())}. */
    public int[] sourceRows() {
        if (!sourceRowsReady) {
            if (sourceRows.length < rows) {
                sourceRows = new int[Math.max(rows, 1024)];
            }
            int start = data.batch().startRow();
            for (int j = 0; j < rows; j++) {
                sourceRows[j] = start + row(j);
            }
            sourceRowsReady = true;
        }
        return sourceRows;
    }

    /** The batch row (relative to its first row in range) of the chunk's row {@code j}. */
    private int row(int j) {
        return identity ? first + j : selected[first + j];
    }

    /** Stops reading and releases the statement's snapshot; safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            batches.close();
        } finally {
            scope.release(reservedBytes);
            reservedBytes = 0;
            scope.close();
        }
    }
}
