package io.troupe.bench.storage;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.IngestResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable ingest through {@link EventStore#ingest}: batches of 1,000 generated events (with the identifies
 * and group changes that fall between them), mapped before the run, by one writer and by four concurrent
 * writers; the score is events per second (one operation = one event).
 *
 * <p>{@code walSyncEveryMillis = 0} is the default config: a batch returns once its WAL record is fsynced,
 * concurrent writers sharing fsyncs (group commit). A positive value is the periodic mode: the WAL is
 * fsynced every that many ms and batches return at once.
 *
 * <p>The data: a pool of generated batches sent again and again, each pass with its insert ids suffixed
 * (so dedup keeps them all; see {@link #nextBatch} for the cost of the copy, about 1%). The trial
 * set-up sends the pool once, untimed, so every user, event type and property value already has its
 * dictionary id: this is steady-state ingest of known values. Cold ingest (every dictionary empty) is what
 * {@link DataSet} reports. The tail is flushed after every iteration, untimed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class IngestBenchmark extends StorageBenchmark {
    /** Events per ingest call. */
    public static final int BATCH_EVENTS = 1000;


    @Param({"0", "10"})
    public long walSyncEveryMillis;

    /** The store's {@code walPreallocate} setting (zero-filled WAL files prepared ahead; on by default). */
    @Param("true")
    public boolean walPreallocate;

    /** Distinct generated events sent in rotation. */
    @Param("300000")
    public int poolEvents;

    @Param("30")
    public int days;

    private List<List<Command>> pool;
    private final AtomicInteger cursor = new AtomicInteger();
    private final AtomicLong stored = new AtomicLong();
    private int iteration;
    private Path dir;
    private EventStore store;

    @Setup(Level.Trial)
    public void openStore() {
        pool = Workload.batches(Workload.config(poolEvents, days), BATCH_EVENTS);
        if (pool.isEmpty()) {
            throw new IllegalStateException("the generator gave no full batch for " + poolEvents + " events");
        }
        dir = Scratch.newDirectory("ingest");
        store = EventStore.open(StoreConfig.defaults(DataSet.PROJECT, dir).withWalSyncEveryMillis(walSyncEveryMillis)
                .withWalPreallocation(walPreallocate));
        // One untimed pass: every user, event type and property value of the pool gets its dictionary id.
        for (List<Command> batch : pool) {
            store.ingest(batch);
        }
        store.flush();
        iteration = 0;
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        iteration++;
        cursor.set(0);
        stored.set(0);
    }

    /**
     * The next batch: a pool batch with its insert ids suffixed by iteration and pass. The copy is made here,
     * inside the timed loop, on purpose: it dies young. (Copies prepared ahead, about 2M events per
     * iteration, lived long enough to be copied by every young collection and cost the measured code more
     * than making them: a 1,000-event copy costs about 40 us, 1% of an ingest call.)
     */
    List<Command> nextBatch() {
        int i = cursor.getAndIncrement();
        return Workload.withInsertIdSuffix(pool.get(i % pool.size()), "~" + iteration + "." + i / pool.size());
    }

    int ingestNext() {
        IngestResult result = store.ingest(nextBatch());
        stored.addAndGet(result.eventsStored());
        return result.eventsStored();
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH_EVENTS)
    public int oneWriter() {
        return ingestNext();
    }

    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(BATCH_EVENTS)
    public int fourWriters() {
        return ingestNext();
    }

    /** Checks nothing was dropped as a duplicate, then flushes the tail (untimed). */
    @TearDown(Level.Iteration)
    public void flushTail() {
        int batches = cursor.get();
        if (stored.get() != (long) batches * BATCH_EVENTS) {
            throw new IllegalStateException("stored " + stored.get() + " events of " + (long) batches * BATCH_EVENTS
                    + " sent: the benchmark's insert ids collided");
        }
        store.flush();
    }

    @TearDown(Level.Trial)
    public void closeStore() {
        store.close();
        Scratch.delete(dir);
    }

    /** Events stored in the current iteration (for tests). */
    long storedThisIteration() {
        return stored.get();
    }

    EventStore store() {
        return store;
    }
}
