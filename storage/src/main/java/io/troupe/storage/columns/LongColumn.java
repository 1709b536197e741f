package io.troupe.storage.columns;

import java.util.Arrays;

/** A growable column of longs (event times). Append-only like {@link IntColumn}. */
public final class LongColumn {
    private long[] values;
    private int size;

    public LongColumn(int capacity) {
        values = new long[Math.max(16, capacity)];
    }

    private LongColumn(long[] values, int size) {
        this.values = values;
        this.size = size;
    }

    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    public long get(int row) {
        return values[row];
    }

    public int size() {
        return size;
    }

    public long[] array() {
        return values;
    }

    public LongColumn view(int rows) {
        return new LongColumn(values, rows);
    }
}
