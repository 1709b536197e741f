package io.troupe.bench.storage;

import io.troupe.storage.dedup.DedupIndex;
import io.troupe.storage.io.FileIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 * What every {@link io.troupe.storage.EventStore#flush} spends on the dedup checkpoint, as a function of
 * the insert ids the store remembers: {@code EventStore.freeze} copies the live {@link DedupIndex} (all ids
 * since the process started: it is never pruned) keeping those of the last 7 days, and
 * {@code writeFlush} serialises the copy and writes it atomically (write, fsync, rename, directory fsync),
 * whatever the size of the tail being flushed. Milliseconds per flush. {@link #copyUnderIngestLock} is the
 * part done while every writer waits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class DedupCheckpointBenchmark extends StorageBenchmark {
    /** Insert ids in the live index. */
    @Param({"1000000", "10000000"})
    public int ids;

    private DedupIndex index;
    private Path dir;

    @Setup(Level.Trial)
    public void fill() {
        index = new DedupIndex();
        for (int i = 0; i < ids; i++) {
            index.add("0f3a-" + Integer.toHexString(i) + "-" + i, 1_767_225_600_000L + i);
        }
        dir = Scratch.newDirectory("dedup");
    }

    /** The flush's share: copy of the table, the ids in the window streamed to a new file, fsync. Returns the bytes written. */
    @Benchmark
    public long checkpoint() {
        DedupIndex copy = index.copy();
        Path file = dir.resolve("dedup.bin");
        try {
            FileIO.local().delete(file);
            try (io.troupe.storage.io.WritableFile out = FileIO.local().create(file)) {
                copy.writeTo(out, 0);
                out.force();
                return out.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The part {@code EventStore.freeze} does while holding the ingest lock (every writer waits): an exact
     * copy of the table (serialising it and dropping expired ids happen after the lock). Returns the ids copied.
     */
    @Benchmark
    public int copyUnderIngestLock() {
        return index.copy().size();
    }

    @TearDown(Level.Trial)
    public void delete() {
        Scratch.delete(dir);
    }
}
