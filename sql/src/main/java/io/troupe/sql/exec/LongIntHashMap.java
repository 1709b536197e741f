package io.troupe.sql.exec;

/**
 * An open-addressing map from long keys to dense int slots {@code 0, 1, 2, ...} in insertion order: the
 * hash aggregation's key table (no boxing, linear probing, grows at half full). Memory is accounted to the
 * query's scope.
 */
final class LongIntHashMap {
    private static final int EMPTY = -1;

    private final QueryScope scope;
    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    LongIntHashMap(QueryScope scope, int expected) {
        this.scope = scope;
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        scope.reserve(capacity * 12L, "hash aggregation keys");
        keys = new long[capacity];
        values = new int[capacity];
        java.util.Arrays.fill(values, EMPTY);
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The slot of {@code key}, assigning the next slot when the key is new. */
    int slot(long key) {
        int i = Hashing.mix(key) & mask;
        while (true) {
            int v = values[i];
            if (v == EMPTY) {
                keys[i] = key;
                values[i] = size;
                if (++size > (mask + 1) >>> 1) {
                    grow();
                }
                return size - 1;
            }
            if (keys[i] == key) {
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate((mask + 1) << 1);
        scope.release(oldKeys.length * 12L);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != EMPTY) {
                int i = Hashing.mix(oldKeys[j]) & mask;
                while (values[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    /** Keys indexed by slot. */
    long[] keysBySlot() {
        long[] out = new long[size];
        for (int j = 0; j < keys.length; j++) {
            if (values[j] != EMPTY) {
                out[values[j]] = keys[j];
            }
        }
        return out;
    }

    void release() {
        scope.release(keys.length * 12L);
    }
}
