package io.troupe.sql.exec;

import java.util.Arrays;

/**
 * Row numbers in (time, arrival) order, for the kernels that walk events in time order. Batches come in time
 * order within a segment but not across segments and the tail, hence a sort: one primitive sort of packed
 * {@code (time - min) * size + row} keys when they fit a long, a comparator sort otherwise.
 */
final class TimeOrder {
    private TimeOrder() {
    }

    static int[] of(long[] times, int size) {
        int[] order = new int[size];
        if (size == 0) {
            return order;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean sorted = true;
        for (int i = 0; i < size; i++) {
            long t = times[i];
            min = Math.min(min, t);
            max = Math.max(max, t);
            sorted &= i == 0 || times[i - 1] <= t;
        }
        if (sorted) {
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            return order;
        }
        long span = max - min;
        if (span >= 0 && span < Long.MAX_VALUE / size - 1) {
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = (times[i] - min) * size + i;
            }
            Arrays.sort(keys);
            for (int i = 0; i < size; i++) {
                order[i] = (int) (keys[i] % size);
            }
            return order;
        }
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b));
        for (int i = 0; i < size; i++) {
            order[i] = boxed[i];
        }
        return order;
    }
}
