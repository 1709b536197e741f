package io.troupe.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.EventStore;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import io.troupe.storage.segment.SegmentSchema;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan's aggregates match the generated events; the LZ4 reference decompresses exactly the bytes the
 * layout says the scan decompresses; the memory sum is right; and the bytes-per-event table adds up.
 */
class ScanBenchmarkTest {
    private static final long EVENTS = 20_000;
    private static final int DAYS = 3;

    @TempDir
    static Path dir;
    private static String previous;
    private static DataSet set;

    @BeforeAll
    static void buildDataSet() {
        previous = System.setProperty(Scratch.DIR_PROPERTY, dir.toString());
        set = DataSet.prepare(EVENTS, DAYS, new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void restore() {
        if (previous == null) {
            System.clearProperty(Scratch.DIR_PROPERTY);
        } else {
            System.setProperty(Scratch.DIR_PROPERTY, previous);
        }
    }

    @Test
    void dataSetIsBuiltOnceThenReused() {
        assertTrue(set.built());
        assertEquals(EVENTS, set.events());
        DataSet again = DataSet.prepare(EVENTS, DAYS, new PrintStream(PrintStream.nullOutputStream()));
        assertFalse(again.built());
        assertEquals(set.events(), again.events());
    }

    @Test
    void scanCountsAndSumsEveryEvent() {
        ScanBenchmark b = new ScanBenchmark();
        b.events = EVENTS;
        b.days = DAYS;
        b.memoryLongs = 1000;
        b.open(set, true);
        try {
            ScanBenchmark.Aggregation a = new ScanBenchmark.Aggregation();
            a.allocate(b);
            ScanBenchmark.Rates rates = new ScanBenchmark.Rates();
            long first = b.scan(rates, a);
            assertEquals(first, b.scan(rates, a), "a scan is repeatable");
            assertEquals(2 * EVENTS, rates.events);

            // Independent truth: the generated events themselves.
            Map<String, Long> expectedTypes = new TreeMap<>();
            long timeSum = 0;
            long userSum = 0;
            EventStore store = b.store();
            {
                Iterator<List<Command>> batches = Workload.stream(Workload.config(EVENTS, DAYS), 1000);
                while (batches.hasNext()) {
                    for (Command c : batches.next()) {
                        if (c instanceof Event e) {
                            expectedTypes.merge(e.eventType(), 1L, Long::sum);
                            timeSum += e.time();
                            userSum += store.dictionaries().users().idOf(e.userId());
                        }
                    }
                }
                Map<String, Long> scannedTypes = new TreeMap<>();
                for (int id = 0; id < a.typeCounts.length; id++) {
                    if (a.typeCounts[id] > 0) {
                        scannedTypes.put(store.dictionaries().eventTypes().valueOf(id), a.typeCounts[id]);
                    }
                }
                assertEquals(expectedTypes, scannedTypes);
            }
            assertEquals(EVENTS, a.rows);
            assertEquals(timeSum, a.timeSum);
            assertEquals(userSum, a.userSum);
            assertTrue(a.groupSum > 0, "events resolve to orgs");

            ScanBenchmark.Rates lz4 = new ScanBenchmark.Rates();
            b.lz4Decompress(lz4, a);
            assertEquals(b.blocks().plainBytes(), lz4.plainBytes);
            assertEquals(rates.plainBytes / 2, lz4.plainBytes, "the reference decompresses what the scan does");
            assertEquals(EVENTS, lz4.events);

            ScanBenchmark.Rates memory = new ScanBenchmark.Rates();
            assertEquals(999L * 1000 / 2, b.memorySum(memory));
            assertEquals(8000, memory.plainBytes);
        } finally {
            b.close();
        }
    }

    @Test
    void bytesPerEventAddsUp() {
        BytesPerEvent.Result result = BytesPerEvent.report(set, new PrintStream(PrintStream.nullOutputStream()));
        SegmentLayout layout = result.layout();
        assertEquals(EVENTS, layout.rows());
        long inColumns = layout.columns().values().stream().mapToLong(SegmentLayout.ColumnBytes::compressed).sum();
        assertEquals(layout.fileBytes(), inColumns + layout.overheadBytes());
        assertTrue(layout.overheadBytes() > 0);
        // Decompressed sizes are exact: 32-bit relative times plus a validity bitmap per batch.
        SegmentLayout.ColumnBytes time = layout.column(SegmentSchema.EVENT_TIME);
        assertTrue(time.uncompressed() >= 4 * EVENTS + EVENTS / 8, "time " + time.uncompressed());
        assertTrue(time.uncompressed() <= 4 * EVENTS + EVENTS / 8 + 2 * layout.batches(), "time " + time.uncompressed());
        assertTrue(result.coreBytesPerEvent() > 0 && result.coreBytesPerEvent() < 20, "core " + result.coreBytesPerEvent());
    }
}
