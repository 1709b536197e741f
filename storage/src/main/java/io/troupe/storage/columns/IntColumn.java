package io.troupe.storage.columns;

import java.util.Arrays;

/** A growable column of ints (dictionary ids; -1 is null). Append-only: rows below a published size never change. */
public final class IntColumn {
    public static final int NULL = -1;

    private int[] values;
    private int size;

    public IntColumn(int capacity) {
        values = new int[Math.max(16, capacity)];
    }

    private IntColumn(int[] values, int size) {
        this.values = values;
        this.size = size;
    }

    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    /** Appends nulls until the column has {@code rows} rows (a group type declared after earlier rows). */
    public void padTo(int rows) {
        while (size < rows) {
            add(NULL);
        }
    }

    public int get(int row) {
        return values[row];
    }

    public int size() {
        return size;
    }

    /** The backing array; rows {@code [0, size())} are valid. */
    public int[] array() {
        return values;
    }

    /** A view of the first {@code rows} rows that later appends do not change. */
    public IntColumn view(int rows) {
        return new IntColumn(values, rows);
    }
}
