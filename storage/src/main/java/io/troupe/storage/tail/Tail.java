package io.troupe.storage.tail;

import io.troupe.storage.columns.EventColumns;

/**
 * The in-memory tail: events appended since the last flush, in WAL order, as columns of dictionary ids.
 *
 * <p>Rows are appended under the store's ingest lock as soon as their WAL record is written, but a reader
 * sees only the first {@link #visibleRows()} rows: the store raises that mark once the rows' WAL record
 * is durable, so what a query sees is always acknowledged (durable) data.
 */
public final class Tail {
    private final EventColumns columns;
    private final Object lock = new Object();
    private volatile int visibleRows;

    public Tail(int capacity) {
        columns = new EventColumns(capacity);
    }

    /** The columns for appending; only the store's ingest path writes, under its lock. */
    public EventColumns columns() {
        return columns;
    }

    public Object appendLock() {
        return lock;
    }

    public int visibleRows() {
        return visibleRows;
    }

    /** Makes rows {@code [0, rows)} visible (the mark only rises). */
    public void publish(int rows) {
        synchronized (lock) {
            if (rows > visibleRows) {
                visibleRows = rows;
            }
        }
    }

    /** An immutable view of the visible rows for a snapshot. */
    public EventColumns view() {
        synchronized (lock) {
            return columns.view(visibleRows);
        }
    }

    public int rows() {
        synchronized (lock) {
            return columns.rows();
        }
    }
}
