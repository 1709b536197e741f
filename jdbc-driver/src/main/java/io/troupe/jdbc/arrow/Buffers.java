package io.troupe.jdbc.arrow;

/**
 * Where one field's buffers of the current record batch are: offsets into the frame's byte array (absolute) and
 * lengths, in the order of the Arrow layout (validity first). Reused for every batch.
 */
final class Buffers {
    byte[] data;
    final int[] offset = new int[3];
    final int[] length = new int[3];
    int rows;
    long nullCount;

    /** True when the validity bitmap says the row is null (no bitmap, or no nulls: every row is valid). */
    boolean isNull(int row) {
        if (nullCount == 0 || length[0] == 0) {
            return false;
        }
        return (data[offset[0] + (row >>> 3)] & (1 << (row & 7))) == 0;
    }
}
