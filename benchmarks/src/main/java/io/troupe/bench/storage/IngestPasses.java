package io.troupe.bench.storage;

import com.sun.management.OperatingSystemMXBean;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Command;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers send {@link IngestBenchmark}'s pool again and again (new insert ids each pass, group commit; with
 * several writers each takes the next batch of the pass) and print, per pass, events/s, the CPU time the writers'
 * threads spent per event, and the CPU time the whole process spent per event (the writers, group-commit fsyncs,
 * background flushes, the WAL spare, GC, JIT). CPU time is the steadier figure on a shared VM (time the VM takes
 * away is not counted), so A/B comparisons of the ingest path use the writers' figure: put one build's
 * {@code storage/target/classes} first on the class path, then the other's, alternating. The process figure is
 * what "events per second per core" means: 10^9 divided by it is the events one fully used core ingests per
 * second. The store is flushed between passes, untimed; passes 0 and 1 (cold dictionaries, JIT) are left out of
 * the means.
 *
 * <p>{@code java @benchmarks/target/classes/jvm.flags -Xms6g -Xmx6g -cp benchmarks/target/benchmarks.jar
 * io.troupe.bench.storage.IngestPasses [passes=8] [poolEvents=300000] [writers=1]}
 */
public final class IngestPasses {
    private IngestPasses() {
    }

    public static void main(String[] args) throws InterruptedException {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int poolEvents = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int writers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        if (passes < 3) {
            throw new IllegalArgumentException("at least 3 passes: the first two are warm-up");
        }
        if (writers < 1) {
            throw new IllegalArgumentException("at least one writer");
        }
        List<List<Command>> pool = Workload.batches(Workload.config(poolEvents, 30), IngestBenchmark.BATCH_EVENTS);
        long events = (long) pool.size() * IngestBenchmark.BATCH_EVENTS;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path dir = Scratch.newDirectory("ingest-passes");
        double rateSum = 0;
        double writerCpuSum = 0;
        double processCpuSum = 0;
        try (EventStore store = EventStore.open(StoreConfig.defaults(DataSet.PROJECT, dir))) {
            for (int pass = 0; pass < passes; pass++) {
                long process0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                long writerCpu = runPass(store, pool, "~" + pass, writers);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double writerNanos = writerCpu / (double) events;
                double processNanos = (os.getProcessCpuTime() - process0) / (double) events;
                System.out.printf("pass %d: %,.0f events/s, writer CPU %,.0f ns/event, process CPU %,.0f ns/event%n",
                        pass, events / seconds, writerNanos, processNanos);
                if (pass >= 2) {
                    rateSum += events / seconds;
                    writerCpuSum += writerNanos;
                    processCpuSum += processNanos;
                }
                store.flush();
            }
        } finally {
            Scratch.delete(dir);
        }
        int warm = passes - 2;
        System.out.printf("passes 2-%d, %d writer%s: %,.0f events/s, writer CPU %,.0f ns/event, process CPU %,.0f "
                        + "ns/event (%,.0f events/s per core)%n", passes - 1, writers, writers == 1 ? "" : "s",
                rateSum / warm, writerCpuSum / warm, processCpuSum / warm, 1e9 / (processCpuSum / warm));
    }

    /** Sends the pool once with {@code writers} threads taking batches in turn; returns their CPU time in ns. */
    private static long runPass(EventStore store, List<List<Command>> pool, String suffix, int writers)
            throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicInteger next = new AtomicInteger();
        AtomicLong cpu = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        Runnable writer = () -> {
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = next.getAndIncrement(); i < pool.size(); i = next.getAndIncrement()) {
                store.ingest(Workload.withInsertIdSuffix(pool.get(i), suffix));
            }
            cpu.addAndGet(threads.getCurrentThreadCpuTime() - cpu0);
        };
        if (writers == 1) {
            writer.run();
            return cpu.get();
        }
        List<Thread> started = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread t = new Thread(writer, "ingest-writer-" + w);
            t.setUncaughtExceptionHandler((thread, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
            });
            t.start();
            started.add(t);
        }
        for (Thread t : started) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a writer failed", failures.get(0));
        }
        return cpu.get();
    }
}
