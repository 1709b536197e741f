package io.troupe.sql.exec;

/** A set of dictionary ids as a bitset over {@code [0, max]}; membership is one shift and mask. */
final class IdSet {
    private final long[] bits;
    private final int count;

    IdSet(int[] ids) {
        int max = -1;
        for (int id : ids) {
            max = Math.max(max, id);
        }
        bits = new long[(max >> 6) + 1];
        int n = 0;
        for (int id : ids) {
            if (id >= 0 && (bits[id >> 6] & (1L << id)) == 0) {
                bits[id >> 6] |= 1L << id;
                n++;
            }
        }
        count = n;
    }

    boolean contains(int id) {
        int word = id >> 6;
        return id >= 0 && word < bits.length && (bits[word] & (1L << id)) != 0;
    }

    int size() {
        return count;
    }

    /** The only member of a one-element set. */
    int single() {
        for (int w = 0; w < bits.length; w++) {
            if (bits[w] != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits[w]);
            }
        }
        return -1;
    }
}
