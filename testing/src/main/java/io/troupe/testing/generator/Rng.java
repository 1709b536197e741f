package io.troupe.testing.generator;

import java.util.SplittableRandom;

/**
 * The generator's source of randomness: SplitMix64 ({@link SplittableRandom#nextLong()}) plus the few
 * derived draws the generator needs, all computed here from raw 64-bit values.
 *
 * <p>Why a wrapper: SplitMix64's {@code nextLong} is a fixed, documented algorithm, while bounded and
 * Gaussian draws of the JDK may change between Java versions; deriving everything from {@code nextLong}
 * keeps a seed's output identical on Java 17 and 25. It is also cheap: no allocation, no locking.
 */
final class Rng {
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** An independent stream for one purpose, so changing one purpose's draws leaves the others unchanged. */
    static Rng forPurpose(long seed, long purpose) {
        long mixed = seed ^ (purpose * 0x9E3779B97F4A7C15L);
        mixed = (mixed ^ (mixed >>> 31)) * 0xBF58476D1CE4E5B9L;
        return new Rng(mixed ^ (mixed >>> 29));
    }

    long nextLong() {
        return random.nextLong();
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (random.nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [0, bound), bound > 0 (multiply-shift; the bias is below 2^-31 for the bounds used here). */
    int nextInt(int bound) {
        return (int) (((random.nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, bound), bound > 0. */
    long nextLong(long bound) {
        return (long) (nextDouble() * bound);
    }

    /** Uniform in [low, high]. */
    long between(long low, long high) {
        return low + nextLong(high - low + 1);
    }

    /** True with the given probability. */
    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Log-uniform in [low, high): as many values in 1..10 minutes as in 10..100 minutes. */
    long logUniform(long low, long high) {
        return (long) (low * Math.pow((double) high / low, nextDouble()));
    }

    /** A Pareto draw with scale {@code minimum} and tail index {@code alpha}: a few huge values, many small. */
    double pareto(double minimum, double alpha) {
        return minimum / Math.pow(1.0 - nextDouble(), 1.0 / alpha);
    }

    /** A skewed index in [0, size): low indexes are picked far more often (power users, busy orgs). */
    int skewedIndex(int size) {
        double u = nextDouble();
        return (int) (u * u * size);
    }

    <T> T pick(T[] items) {
        return items[nextInt(items.length)];
    }
}
