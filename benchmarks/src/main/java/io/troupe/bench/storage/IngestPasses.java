package io.troupe.bench.storage;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Command;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * One writer sends {@link IngestBenchmark}'s pool again and again (new insert ids each pass, group commit) and
 * prints, per pass, events/s and the CPU time the writer's thread spent per event. The CPU time is the steadier
 * figure on a shared VM (time the VM takes away is not counted), so A/B comparisons of the ingest path use it:
 * put one build's {@code storage/target/classes} first on the class path, then the other's, alternating.
 * The store is flushed between passes, untimed; passes 0 and 1 (cold dictionaries, JIT) are left out of the means.
 *
 * <p>{@code java @benchmarks/target/classes/jvm.flags -Xms6g -Xmx6g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar
 * io.troupe.bench.storage.IngestPasses [passes=8] [poolEvents=300000]}
 */
public final class IngestPasses {
    private IngestPasses() {
    }

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int poolEvents = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        if (passes < 3) {
            throw new IllegalArgumentException("at least 3 passes: the first two are warm-up");
        }
        List<List<Command>> pool = Workload.batches(Workload.config(poolEvents, 30), IngestBenchmark.BATCH_EVENTS);
        long events = (long) pool.size() * IngestBenchmark.BATCH_EVENTS;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path dir = Scratch.newDirectory("ingest-passes");
        double rateSum = 0;
        double cpuSum = 0;
        try (EventStore store = EventStore.open(StoreConfig.defaults(DataSet.PROJECT, dir))) {
            for (int pass = 0; pass < passes; pass++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (List<Command> batch : pool) {
                    store.ingest(Workload.withInsertIdSuffix(batch, "~" + pass));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuNanosPerEvent = (threads.getCurrentThreadCpuTime() - cpu0) / (double) events;
                System.out.printf("pass %d: %,.0f events/s, writer CPU %,.0f ns/event%n", pass, events / seconds,
                        cpuNanosPerEvent);
                if (pass >= 2) {
                    rateSum += events / seconds;
                    cpuSum += cpuNanosPerEvent;
                }
                store.flush();
            }
        } finally {
            Scratch.delete(dir);
        }
        System.out.printf("passes 2-%d: %,.0f events/s, writer CPU %,.0f ns/event%n", passes - 1,
                rateSum / (passes - 2), cpuSum / (passes - 2));
    }
}
