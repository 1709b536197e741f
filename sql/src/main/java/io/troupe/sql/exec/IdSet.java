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

    private IdSet(long[] bits) {
        this.bits = bits;
        int n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        this.count = n;
    }

    IdSet intersect(IdSet other) {
        long[] out = new long[Math.min(bits.length, other.bits.length)];
        for (int w = 0; w < out.length; w++) {
            out[w] = bits[w] & other.bits[w];
        }
        return new IdSet(out);
    }

    IdSet union(IdSet other) {
        long[] out = java.util.Arrays.copyOf(bits, Math.max(bits.length, other.bits.length));
        for (int w = 0; w < other.bits.length; w++) {
            out[w] |= other.bits[w];
        }
        return new IdSet(out);
    }

    /** Calls {@code visitor} with each member, ascending. */
    void forEach(java.util.function.IntConsumer visitor) {
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                visitor.accept((w << 6) + Long.numberOfTrailingZeros(word));
                word &= word - 1;
            }
        }
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
