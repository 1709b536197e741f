package io.troupe.bench.storage;

import io.troupe.storage.EventStore;
import io.troupe.storage.read.EventBatch;
import io.troupe.storage.read.Segment;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scan of the core columns ({@code event_time}, {@code event_type}, {@code user_id} and the {@code org_id}
 * group column) over the flushed segments of a {@link DataSet} (10M events by default), through the public
 * read API: {@link Snapshot#scan}, then per batch {@link EventBatch#times} and {@link EventBatch#ids} into
 * reusable arrays and a trivial aggregation (count per event type; sums of times, user ids and group ids).
 *
 * <p>Scores are in operations per second; read the secondary (aux counter) results:
 * {@code events} = events/s, {@code compressedBytes} = bytes/s of the four columns as stored (read from
 * the page cache: the files are memory-mapped and were just written or read), {@code plainBytes} = bytes/s
 * of the four columns decompressed. With {@code @Threads(2)} the counters add up both threads.
 *
 * <p>References measured in the same run, on the same machine:
 * <ul>
 *   <li>{@code lz4Decompress}: only LZ4 decompression of exactly the LZ4 blocks the scan decompresses,
 *       copied to {@code byte[]}s, with lz4-java's {@code fastestInstance().safeDecompressor()} into a
 *       reused {@code byte[]}; its counters are of the same events and bytes as one scan;</li>
 *   <li>{@code memorySum}: summing a 512 MB {@code long[]} ({@code plainBytes} = bytes summed): one core's
 *       memory bandwidth.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class ScanBenchmark extends StorageBenchmark {
    @Param("10000000")
    public long events;

    @Param("30")
    public int days;

    /** Length of the {@code long[]} of {@link #memorySum} (64M longs = 512 MB). */
    @Param("67108864")
    public int memoryLongs;

    private EventStore store;
    private String groupColumn;
    private List<String> columns;
    private int batchRows;
    private int eventTypes;
    private long scanCompressedBytes;
    private long scanPlainBytes;
    private long storedEvents;
    private SegmentLayout.Lz4Blocks blocks;
    private LZ4SafeDecompressor decompressor;
    private long[] memory;

    /** Throughput counters reported next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        public long events;
        public long compressedBytes;
        public long plainBytes;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
            compressedBytes = 0;
            plainBytes = 0;
        }
    }

    /** One thread's reusable arrays and aggregates. */
    @State(Scope.Thread)
    public static class Aggregation {
        long[] times;
        int[] types;
        int[] users;
        int[] groups;
        long[] typeCounts;
        long rows;
        long timeSum;
        long userSum;
        long groupSum;
        byte[] lz4Out;

        @Setup(Level.Trial)
        public void allocate(ScanBenchmark benchmark) {
            times = new long[benchmark.batchRows];
            types = new int[benchmark.batchRows];
            users = new int[benchmark.batchRows];
            groups = new int[benchmark.batchRows];
            typeCounts = new long[benchmark.eventTypes];
            lz4Out = benchmark.blocks == null ? new byte[0] : new byte[benchmark.blocks.maxPlainLength()];
        }

        void reset() {
            Arrays.fill(typeCounts, 0);
            rows = 0;
            timeSum = 0;
            userSum = 0;
            groupSum = 0;
        }

        /** The scan's per-batch work: widen the four columns, count and sum. */
        void accept(EventBatch batch, String groupColumn) {
            int n = batch.rowCount();
            batch.times(times);
            batch.ids(SegmentSchema.EVENT_TYPE, types);
            batch.ids(SegmentSchema.USER_ID, users);
            batch.ids(groupColumn, groups);
            long t = 0;
            long u = 0;
            long g = 0;
            for (int i = 0; i < n; i++) {
                typeCounts[types[i]]++;
                t += times[i];
                u += users[i];
                g += groups[i];
            }
            rows += n;
            timeSum += t;
            userSum += u;
            groupSum += g;
        }


        /** A value depending on every aggregate, for JMH to consume. */
        long checksum() {
            long h = rows * 31 + timeSum;
            h = h * 31 + userSum;
            h = h * 31 + groupSum;
            for (long c : typeCounts) {
                h = h * 31 + c;
            }
            return h;
        }
    }

    @Setup(Level.Trial)
    public void open() {
        open(DataSet.prepare(events, days, System.out), true);
    }

    /** Opens the data set's store; the references are built only when {@code references} is true. */
    void open(DataSet set, boolean references) {
        store = EventStore.open(set.config());
        batchRows = store.config().batchRows();
        eventTypes = Math.max(1, store.dictionaries().eventTypes().size());
        List<Path> files = new ArrayList<>();
        try (Snapshot snapshot = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            groupColumn = snapshot.groupColumn(Workload.GROUP_TYPE);
            for (Segment s : snapshot.segments()) {
                files.add(s.path());
                storedEvents += s.info().rows();
            }
        }
        columns = List.of(SegmentSchema.EVENT_TIME, SegmentSchema.EVENT_TYPE, SegmentSchema.USER_ID, groupColumn);
        SegmentLayout layout = SegmentLayout.of(files);
        for (String c : columns) {
            scanCompressedBytes += layout.column(c).compressed();
            scanPlainBytes += layout.column(c).uncompressed();
        }
        if (references) {
            blocks = layout.lz4Blocks(columns);
            decompressor = LZ4Factory.fastestInstance().safeDecompressor();
            memory = new long[memoryLongs];
            for (int i = 0; i < memory.length; i++) {
                memory[i] = i;
            }
            System.out.printf("%nScan data: %,d events in %d segments; the 4 columns: %,d bytes stored, %,d decompressed;"
                            + " LZ4 reference: %d blocks, %s%n", storedEvents, files.size(), scanCompressedBytes,
                    scanPlainBytes, blocks.count(), LZ4Factory.fastestInstance());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    /** One full scan of the four columns. */
    long scanOnce(Aggregation a) {
        a.reset();
        try (Snapshot snapshot = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            snapshot.scan(columns, batch -> a.accept(batch, groupColumn));
        }
        return a.checksum();
    }

    @Benchmark
    public long scan(Rates rates, Aggregation a) {
        long checksum = scanOnce(a);
        rates.events += a.rows;
        rates.compressedBytes += scanCompressedBytes;
        rates.plainBytes += scanPlainBytes;
        return checksum;
    }

    @Benchmark
    @Threads(2)
    public long scanTwoThreads(Rates rates, Aggregation a) {
        return scan(rates, a);
    }

    /** Raw LZ4 decompression of the same blocks, heap to heap. */
    @Benchmark
    public long lz4Decompress(Rates rates, Aggregation a) {
        byte[] out = a.lz4Out;
        long produced = 0;
        for (int i = 0; i < blocks.count(); i++) {
            byte[] in = blocks.data(i);
            if (blocks.raw(i)) {
                System.arraycopy(in, 0, out, 0, in.length);
                produced += in.length;
            } else {
                produced += decompressor.decompress(in, 0, in.length, out, 0, out.length);
            }
        }
        rates.events += storedEvents;
        rates.compressedBytes += blocks.compressedBytes();
        rates.plainBytes += produced;
        return produced + out[produced > 0 ? 1 : 0];
    }

    /** One core's memory bandwidth: the sum of a large {@code long[]}. */
    @Benchmark
    public long memorySum(Rates rates) {
        long[] m = memory;
        long sum = 0;
        for (long v : m) {
            sum += v;
        }
        rates.plainBytes += 8L * m.length;
        return sum;
    }

    EventStore store() {
        return store;
    }

    long storedEvents() {
        return storedEvents;
    }

    SegmentLayout.Lz4Blocks blocks() {
        return blocks;
    }

    List<String> columns() {
        return columns;
    }
}
