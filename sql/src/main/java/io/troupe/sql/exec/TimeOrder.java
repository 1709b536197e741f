package io.troupe.sql.exec;

import java.util.Arrays;

/**
 * Row numbers in (time, arrival) order, for the kernels that walk events in time order. Rows arrive as runs
 * already in time order (a segment's batches are; segments and the tail are not ordered among themselves), so
 * the order is a merge of those runs: packed {@code (time - min) * size + row} keys, sorted within each run by
 * construction, merged pairwise bottom up, {@code log2(runs)} passes instead of a full sort. Keys that do not fit
 * a long fall back to a comparator sort.
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
        int runs = 1;
        for (int i = 0; i < size; i++) {
            long t = times[i];
            min = Math.min(min, t);
            max = Math.max(max, t);
            if (i > 0 && times[i - 1] > t) {
                runs++;
            }
        }
        if (runs == 1) {
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            return order;
        }
        long span = max - min;
        if (span < 0 || span >= Long.MAX_VALUE / size - 1) {
            return boxedSort(times, size);
        }
        long[] keys = new long[size];
        int[] starts = new int[runs + 1];
        int r = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || times[i - 1] > times[i]) {
                starts[r++] = i;
            }
            keys[i] = (times[i] - min) * size + i;
        }
        starts[runs] = size;
        long[] sorted = runs > 64 ? sortAll(keys) : merge(keys, starts, runs);
        for (int i = 0; i < size; i++) {
            order[i] = (int) (sorted[i] % size);
        }
        return order;
    }

    /** Many short runs (rows from the unsorted tail): a plain sort is as good. */
    private static long[] sortAll(long[] keys) {
        Arrays.sort(keys);
        return keys;
    }

    /** Merges the sorted runs {@code keys[starts[k]..starts[k+1])} pairwise until one is left. */
    private static long[] merge(long[] keys, int[] starts, int runs) {
        long[] from = keys;
        long[] to = new long[keys.length];
        int[] bounds = starts;
        int count = runs;
        while (count > 1) {
            int merged = (count + 1) / 2;
            int[] next = new int[merged + 1];
            for (int k = 0; k < merged; k++) {
                int lo = bounds[2 * k];
                int mid = bounds[Math.min(2 * k + 1, count)];
                int hi = bounds[Math.min(2 * k + 2, count)];
                next[k] = lo;
                int i = lo;
                int j = mid;
                int o = lo;
                while (i < mid && j < hi) {
                    to[o++] = from[i] <= from[j] ? from[i++] : from[j++];
                }
                System.arraycopy(from, i, to, o, mid - i);
                o += mid - i;
                System.arraycopy(from, j, to, o, hi - j);
            }
            next[merged] = bounds[count];
            long[] swap = from;
            from = to;
            to = swap;
            bounds = next;
            count = merged;
        }
        return from;
    }

    private static int[] boxedSort(long[] times, int size) {
        Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b));
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = boxed[i];
        }
        return order;
    }
}
