package io.troupe.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's sequential read bandwidth, measured once per run: sums of a large {@code long[]} (well past
 * the caches), one thread over the whole array, then {@code threads} threads over one slice each at once;
 * each the best of {@value #PASSES} passes after one warm-up pass (which also compiles the loop). Four
 * independent sums per loop, so the additions do not limit the reads. A scan that reads each value of its
 * columns once cannot go faster than the figure for the threads it uses.
 */
final class MemoryBandwidth {
    static final int PASSES = 5;
    /** 512 MiB, or an eighth of the heap when that is smaller. */
    static final long MAX_BYTES = 512L << 20;

    /** GB/s (10^9 bytes per second) with one thread and with {@code threads} threads, over {@code bytes}. */
    record Result(double oneThreadGBs, double allThreadsGBs, int threads, long bytes) {
        String summary() {
            return String.format("%.1f GB/s with 1 thread, %.1f GB/s with %d threads (sums of a %d MiB long[], best of %d)",
                    oneThreadGBs, allThreadsGBs, threads, bytes >> 20, PASSES);
        }
    }

    private MemoryBandwidth() {
    }

    static Result measure(int threads) {
        long bytes = Math.min(MAX_BYTES, Runtime.getRuntime().maxMemory() / 8) & ~((long) 8 * 4 * threads - 1);
        long[] a = new long[(int) (bytes / 8)];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        long sink = 0;
        double one = 0;
        for (int p = 0; p <= PASSES; p++) {
            long t0 = System.nanoTime();
            sink += sum(a, 0, a.length);
            double gbs = bytes / (double) (System.nanoTime() - t0);
            one = p == 0 ? 0 : Math.max(one, gbs);
        }
        double all = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int slice = a.length / threads;
            for (int p = 0; p <= PASSES; p++) {
                long t0 = System.nanoTime();
                List<Future<Long>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int from = t * slice;
                    parts.add(pool.submit(() -> sum(a, from, from + slice)));
                }
                for (Future<Long> f : parts) {
                    sink += f.get();
                }
                double gbs = (double) slice * threads * 8 / (System.nanoTime() - t0);
                all = p == 0 ? 0 : Math.max(all, gbs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the bandwidth", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("measuring the bandwidth", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (sink == 42) {
            System.out.print(""); // keeps the sums alive
        }
        return new Result(one, all, threads, bytes);
    }

    private static long sum(long[] a, int from, int to) {
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return s0 + s1 + s2 + s3;
    }
}
