package io.troupe.sql.exec;

/**
 * An open-addressing set of longs (linear probing, grows at half full), for distinct counts whose
 * (group, value) pairs are too many for a bitset. {@code Long.MIN_VALUE} cannot be a member.
 */
public final class LongHashSet {
    private static final long EMPTY = Long.MIN_VALUE;

    private final QueryScope scope;
    private long[] table;
    private int mask;
    private int size;

    public LongHashSet(QueryScope scope, int expected) {
        this.scope = scope;
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    private void allocate(int capacity) {
        scope.reserve(capacity * 8L, "distinct values");
        table = new long[capacity];
        java.util.Arrays.fill(table, EMPTY);
        mask = capacity - 1;
    }

    /** Adds {@code key}; true when it was not a member. */
    public boolean add(long key) {
        int i = Hashing.mix(key) & mask;
        while (true) {
            long k = table[i];
            if (k == EMPTY) {
                table[i] = key;
                if (++size > (mask + 1) >>> 1) {
                    grow();
                }
                return true;
            }
            if (k == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        allocate((mask + 1) << 1);
        scope.release(old.length * 8L);
        for (long k : old) {
            if (k != EMPTY) {
                int i = Hashing.mix(k) & mask;
                while (table[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                table[i] = k;
            }
        }
    }

    /** Calls {@code visitor} with every member. */
    public void forEach(java.util.function.LongConsumer visitor) {
        for (long k : table) {
            if (k != EMPTY) {
                visitor.accept(k);
            }
        }
    }

    public void release() {
        scope.release(table.length * 8L);
    }
}
