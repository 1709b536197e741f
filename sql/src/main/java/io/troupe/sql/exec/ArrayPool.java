package io.troupe.sql.exec;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Large primitive arrays kept between statements: a report's columns are tens of megabytes per execution, and
 * allocating them afresh each time made the collector run (and pause) every few statements. Arrays below
 * {@link #MIN_LENGTH} are not pooled; the pool holds at most {@link #MAX_BYTES} and hands out an array at least as
 * long as asked (not zeroed: callers overwrite what they use).
 */
final class ArrayPool {
    static final int MIN_LENGTH = 1 << 16;
    static final long MAX_BYTES = 256L << 20;

    private static final ArrayDeque<long[]> LONGS = new ArrayDeque<>();
    private static final ArrayDeque<int[]> INTS = new ArrayDeque<>();
    private static long bytes;

    private ArrayPool() {
    }

    static synchronized long[] longs(int length) {
        if (length >= MIN_LENGTH) {
            for (Iterator<long[]> it = LONGS.iterator(); it.hasNext(); ) {
                long[] a = it.next();
                if (a.length >= length) {
                    it.remove();
                    bytes -= a.length * 8L;
                    return a;
                }
            }
        }
        return new long[length];
    }

    static synchronized int[] ints(int length) {
        if (length >= MIN_LENGTH) {
            for (Iterator<int[]> it = INTS.iterator(); it.hasNext(); ) {
                int[] a = it.next();
                if (a.length >= length) {
                    it.remove();
                    bytes -= a.length * 4L;
                    return a;
                }
            }
        }
        return new int[length];
    }

    static synchronized void give(long[] a) {
        if (a != null && a.length >= MIN_LENGTH && bytes + a.length * 8L <= MAX_BYTES) {
            LONGS.push(a);
            bytes += a.length * 8L;
        }
    }

    static synchronized void give(int[] a) {
        if (a != null && a.length >= MIN_LENGTH && bytes + a.length * 4L <= MAX_BYTES) {
            INTS.push(a);
            bytes += a.length * 4L;
        }
    }
}
