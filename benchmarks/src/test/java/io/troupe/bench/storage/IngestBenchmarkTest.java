package io.troupe.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One writer and four writers each store every event they send, in both WAL modes, with tiny data. */
class IngestBenchmarkTest extends ScratchDirectoryTest {

    private static IngestBenchmark benchmark(long syncMillis) {
        IngestBenchmark b = new IngestBenchmark();
        b.walSyncEveryMillis = syncMillis;
        b.poolEvents = 3_000;
        b.days = 1;
        b.openStore(); // ingests the pool once: 3,000 events
        return b;
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 10})
    void everyEventSentIsStoredByOneAndByFourWriters(long syncMillis) throws Exception {
        IngestBenchmark b = benchmark(syncMillis);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            b.startIteration();
            for (int i = 0; i < 4; i++) { // 3 pool batches, then the first again with other insert ids
                assertEquals(IngestBenchmark.BATCH_EVENTS, b.oneWriter());
            }
            assertEquals(4_000, b.storedThisIteration());
            b.flushTail(); // checks nothing was dropped as a duplicate

            b.startIteration(); // the same events again, with new insert ids
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(b::fourWriters));
            }
            for (Future<Integer> r : results) {
                assertEquals(IngestBenchmark.BATCH_EVENTS, r.get());
            }
            b.flushTail();
            assertEquals(3_000 + 4_000 + 8_000, b.store().rowCount());
        } finally {
            pool.shutdown();
            b.closeStore();
        }
    }
}
