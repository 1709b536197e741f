package io.troupe.storage.columns;

import java.util.Arrays;

/**
 * A growable column of byte strings, Arrow-style: one data array and an offsets array, no object per row.
 * A null row is marked by a negative length in the offsets ({@code -offset - 1} stored as the end).
 */
public final class BytesColumn {
    private byte[] data;
    private int dataSize;
    private int[] ends;
    private int size;

    public BytesColumn(int rows, int bytes) {
        data = new byte[Math.max(64, bytes)];
        ends = new int[Math.max(16, rows)];
    }

    private BytesColumn(byte[] data, int dataSize, int[] ends, int size) {
        this.data = data;
        this.dataSize = dataSize;
        this.ends = ends;
        this.size = size;
    }

    public void add(byte[] src, int offset, int length) {
        if (dataSize + length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataSize + length));
        }
        System.arraycopy(src, offset, data, dataSize, length);
        dataSize += length;
        pushEnd(dataSize);
    }

    public void addNull() {
        pushEnd(-dataSize - 1);
    }

    private void pushEnd(int end) {
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        ends[size++] = end;
    }

    public int size() {
        return size;
    }

    public boolean isNull(int row) {
        return ends[row] < 0;
    }

    public int start(int row) {
        return row == 0 ? 0 : decode(ends[row - 1]);
    }

    public int length(int row) {
        return decode(ends[row]) - start(row);
    }

    private static int decode(int end) {
        return end < 0 ? -end - 1 : end;
    }

    /** The data array; row bytes are {@code data()[start(row) .. start(row)+length(row))}. */
    public byte[] data() {
        return data;
    }

    public byte[] get(int row) {
        if (isNull(row)) {
            return null;
        }
        int start = start(row);
        return Arrays.copyOfRange(data, start, start + length(row));
    }

    public long dataBytes() {
        return dataSize;
    }

    public BytesColumn view(int rows) {
        int bytes = rows == 0 ? 0 : decode(ends[rows - 1]);
        return new BytesColumn(data, bytes, ends, rows);
    }
}
