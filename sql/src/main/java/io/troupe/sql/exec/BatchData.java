package io.troupe.sql.exec;

import io.troupe.sql.schema.EventField;
import io.troupe.sql.schema.EventLayout;
import io.troupe.storage.read.EventBatch;

/**
 * The columns of one batch as primitive arrays, each loaded on first use and reused from batch to batch:
 * absolute times, widened dictionary ids ({@code -1} for null) and group property codes. Filters and
 * aggregations loop over these.
 */
final class BatchData {
    private final EventLayout layout;
    private final int[][] ids;
    private final boolean[] loaded;
    private long[] times;
    private boolean timesLoaded;
    private final java.util.Map<Output.GroupPropertyKey, int[]> codes = new java.util.HashMap<>();
    private final java.util.Set<Output.GroupPropertyKey> codesLoaded = new java.util.HashSet<>();
    private EventBatch batch;
    private final EventBatch.Scratch scratch = new EventBatch.Scratch();
    private int rows;

    BatchData(EventLayout layout) {
        this.layout = layout;
        this.ids = new int[layout.size()][];
        this.loaded = new boolean[layout.size()];
    }

    void reset(EventBatch batch) {
        this.batch = batch;
        this.rows = batch.rowCount();
        java.util.Arrays.fill(loaded, false);
        timesLoaded = false;
        codesLoaded.clear();
    }

    EventBatch batch() {
        return batch;
    }

    int rows() {
        return rows;
    }

    long[] times() {
        if (!timesLoaded) {
            if (times == null || times.length < rows) {
                times = new long[Math.max(rows, 1024)];
            }
            batch.times(times);
            timesLoaded = true;
        }
        return times;
    }

    /** {@code table[id]} of every row's id in column {@code field} (0 for null or beyond the table) into {@code out}. */
    void lookup(int field, int[] table, int[] out) {
        if (loaded[field]) {
            int[] a = ids[field];
            for (int i = 0; i < rows; i++) {
                int id = a[i];
                out[i] = id >= 0 && id < table.length ? table[id] : 0;
            }
        } else {
            batch.lookup(layout.field(field).column(), table, out, scratch);
        }
    }

    /** Times of the rows {@code rows[0..m)} into {@code out}: from the loaded column, or just those rows. */
    void times(int[] rows, int m, long[] out) {
        if (timesLoaded) {
            for (int j = 0; j < m; j++) {
                out[j] = times[rows[j]];
            }
        } else {
            batch.times(rows, m, out);
        }
    }

    /** Ids of the rows {@code rows[0..m)} into {@code out}: from the loaded column, or just those rows. */
    void ids(int field, int[] rows, int m, int[] out) {
        if (loaded[field]) {
            int[] a = ids[field];
            for (int j = 0; j < m; j++) {
                out[j] = a[rows[j]];
            }
        } else {
            batch.ids(layout.field(field).column(), rows, m, out);
        }
    }

    int[] ids(int field) {
        if (!loaded[field]) {
            EventField f = layout.field(field);
            int[] a = ids[field];
            if (a == null || a.length < rows) {
                a = new int[Math.max(rows, 1024)];
                ids[field] = a;
            }
            batch.ids(f.column(), a);
            loaded[field] = true;
        }
        return ids[field];
    }

    /** The codes of a group property output for every row of the batch, computed with {@code table} on first use. */
    int[] codes(Output.GroupPropertyKey out, GroupPropertyCodes table) {
        int[] a = codes.get(out);
        if (a != null && codesLoaded.contains(out)) {
            return a;
        }
        if (a == null || a.length < rows) {
            a = new int[Math.max(rows, 1024)];
            codes.put(out, a);
        }
        table.codes(this, out.field(), a, rows);
        codesLoaded.add(out);
        return a;
    }
}
