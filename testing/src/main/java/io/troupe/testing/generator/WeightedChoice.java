package io.troupe.testing.generator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Picks items with probability proportional to a weight in constant time (Walker's alias method: one
 * random 64-bit draw picks a column and decides between its item and the column's alias).
 *
 * <p>Why: the generator picks event types, workflows and, millions of times, orgs weighted by size; an
 * immutable table per choice keeps each pick cheap and allocation-free.
 *
 * @param <T> the item type
 */
final class WeightedChoice<T> {
    private static final double UNIT_32 = 0x1.0p-32;

    private final List<T> items;
    /** Probability of keeping column i's own item rather than its alias. */
    private final double[] keep;
    private final int[] alias;

    private WeightedChoice(List<T> items, double[] keep, int[] alias) {
        this.items = items;
        this.keep = keep;
        this.alias = alias;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    int size() {
        return items.size();
    }

    T pick(Rng rng) {
        long bits = rng.nextLong();
        int column = (int) (((bits >>> 32) * items.size()) >>> 32);
        double u = (bits & 0xFFFF_FFFFL) * UNIT_32;
        return items.get(u < keep[column] ? column : alias[column]);
    }

    /** Collects items and weights; items of weight zero or less are left out. */
    static final class Builder<T> {
        private final List<T> items = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T item, double weight) {
            if (weight > 0) {
                items.add(item);
                weights.add(weight);
            }
            return this;
        }

        WeightedChoice<T> build() {
            int n = items.size();
            double total = 0;
            for (double weight : weights) {
                total += weight;
            }
            double[] scaled = new double[n];
            double[] keep = new double[n];
            int[] alias = new int[n];
            Deque<Integer> small = new ArrayDeque<>();
            Deque<Integer> large = new ArrayDeque<>();
            for (int i = 0; i < n; i++) {
                scaled[i] = weights.get(i) * n / total;
                alias[i] = i;
                (scaled[i] < 1.0 ? small : large).add(i);
            }
            while (!small.isEmpty() && !large.isEmpty()) {
                int under = small.poll();
                int over = large.peek();
                keep[under] = scaled[under];
                alias[under] = over;
                scaled[over] -= 1.0 - scaled[under];
                if (scaled[over] < 1.0) {
                    small.add(large.poll());
                }
            }
            for (int i : large) {
                keep[i] = 1.0;
            }
            for (int i : small) {
                keep[i] = 1.0;
            }
            return new WeightedChoice<>(List.copyOf(items), keep, alias);
        }
    }
}
