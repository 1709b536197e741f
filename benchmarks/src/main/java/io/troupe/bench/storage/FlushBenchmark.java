package io.troupe.bench.storage;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Command;
import io.troupe.storage.partition.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link EventStore#flush}: a tail of about 1M events written as segments (one per day partition: sort by
 * time, fill Arrow vectors, LZ4, write, fsync), plus the dedup checkpoint, the checkpoint and the WAL
 * trim. The score is milliseconds per flush; events/s = {@code tailEvents} / time.
 *
 * <p>Each invocation flushes a fresh store into which the set-up (untimed) ingested the same generated
 * events with the default config. {@code days = 1}: the tail of a live store (one partition);
 * {@code days = 30}: a back-fill spread over 30 partitions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class FlushBenchmark extends StorageBenchmark {
    @Param("1000000")
    public int tailEvents;

    @Param({"1", "30"})
    public int days;

    private List<List<Command>> batches;
    private long events;
    private Path dir;
    private EventStore store;

    @Setup(Level.Trial)
    public void generate() {
        batches = Workload.batches(Workload.config(tailEvents, days), 1000);
        events = batches.stream().mapToLong(Workload::events).sum();
    }

    @Setup(Level.Invocation)
    public void fillTail() {
        dir = Scratch.newDirectory("flush");
        store = EventStore.open(StoreConfig.defaults(DataSet.PROJECT, dir));
        for (List<Command> batch : batches) {
            store.ingest(batch);
        }
        if (store.tailRows() != events) {
            throw new IllegalStateException("tail has " + store.tailRows() + " rows, expected " + events);
        }
    }

    @Benchmark
    public int flush() {
        store.flush();
        return store.tailRows();
    }

    @TearDown(Level.Invocation)
    public void closeStore() {
        long rows = store.manifests().values().stream().mapToLong(Manifest::rows).sum();
        store.close();
        Scratch.delete(dir);
        if (rows != events) {
            throw new IllegalStateException("segments hold " + rows + " rows, expected " + events);
        }
    }

    /** Events in the tail each invocation flushes. */
    public long events() {
        return events;
    }

    EventStore store() {
        return store;
    }
}
