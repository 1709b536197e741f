package io.troupe.storage.durability;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.StoreTestSupport;
import io.troupe.storage.event.Event;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leak checks (QuestDB's {@code assertMemoryLeak}): scans give back every Arrow buffer, {@link EventStore#close}
 * finds nothing outstanding (its {@code RootAllocator.close()} would throw), and open / ingest / flush / scan /
 * compact / close cycles leave this JVM with the file descriptors it had.
 *
 * <p>What a closed store may still hold, found by reading {@code /proc/self/fd} and {@code /proc/self/maps}:
 * Chronicle Map (dictionaries, {@code users.dat}) closes its descriptors and unmaps its files in
 * {@code close()}, and so does the WAL, so after close no descriptor and no Chronicle mapping points into the
 * store. Segment files are opened, memory-mapped and their descriptor closed at once ({@code SegmentFile.open});
 * the mapping lives until the {@code MappedByteBuffer} is garbage collected ({@code SegmentFile.close()} does
 * nothing), so right after close segment mappings remain, and they are gone after a GC if nothing references
 * the closed store's segments.
 */
class LeakTest {
    @TempDir
    Path dir;

    private static List<Event> ingestSome(EventStore store, String prefix, Random random, int batches) {
        List<Event> all = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Event> batch = Durability.batch(prefix + "-" + b, 1 + random.nextInt(8), random, 3);
            store.ingest(batch);
            all.addAll(batch);
        }
        return all;
    }

    private static void assertNoArrowMemory(EventStore store, String context) {
        assertEquals(0, store.allocator().getAllocatedMemory(), context + ": Arrow bytes still allocated");
    }

    /** Every column, so that every vector type of segments and tail is allocated and released. */
    private static long scanEverything(Snapshot s) {
        List<String> columns = new ArrayList<>(List.of(SegmentSchema.EVENT_TYPE, SegmentSchema.USER_ID,
                SegmentSchema.DEVICE_ID, SegmentSchema.INSERT_ID, SegmentSchema.EVENT_GROUPS,
                SegmentSchema.EVENT_PROPERTIES, SegmentSchema.USER_PROPERTIES, s.groupColumn("org_id")));
        long[] rows = {0};
        s.scan(columns, batch -> rows[0] += batch.rowCount());
        return rows[0];
    }

    @Test
    void scansReleaseTheirArrowBuffersAndCloseFindsNothingOutstanding() {
        Random random = new Random(Durability.seed("LeakTest.arrow"));
        EventStore store = EventStore.open(StoreTestSupport.config(dir).withBatchRows(4));
        List<Event> events = ingestSome(store, "a", random, 6);
        store.flush();
        events.addAll(ingestSome(store, "b", random, 4)); // segments and a tail, several batches each
        assertNoArrowMemory(store, "after ingest and flush");

        try (Snapshot s = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertEquals(events.size(), scanEverything(s));
        }
        assertNoArrowMemory(store, "after a full scan");
        try (Snapshot s = store.snapshot(Durability.T0 + Durability.DAY / 2, Durability.T0 + 2 * Durability.DAY)) {
            scanEverything(s);
        }
        assertNoArrowMemory(store, "after a range scan");

        // A consumer that throws in the middle of a segment scan and of a tail scan.
        for (boolean tail : new boolean[] {false, true}) {
            if (tail) {
                store.ingest(Durability.batch("c", 8, random, 1));
            } else {
                store.flush();
            }
            try (Snapshot s = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
                int[] seen = {0};
                assertThrows(IllegalStateException.class, () -> s.scan(List.of(SegmentSchema.INSERT_ID), batch -> {
                    if (++seen[0] == 2) {
                        throw new IllegalStateException("consumer failed");
                    }
                }));
            }
            assertNoArrowMemory(store, "after a scan whose consumer threw (tail " + tail + ")");
        }

        // A snapshot held across flush and compaction still reads, and gives everything back when closed.
        store.ingest(Durability.batch("d", 5, random, 3));
        Snapshot held = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE);
        long before = held.rowsUpperBound();
        store.flush();
        store.compact(1);
        StoreTestSupport.rows(store);
        assertEquals(before, scanEverything(held));
        held.close();
        assertNoArrowMemory(store, "after compaction and the held snapshot closed");
        assertDoesNotThrow(store::close, "RootAllocator.close() throws when buffers are outstanding");
        assertEquals(0, store.allocator().getAllocatedMemory());
    }

    /** One open / ingest / flush / scan / compact / close cycle, and a crash-and-recover cycle. */
    private static void cycle(StoreConfig config, Random random, int n) {
        EventStore store = EventStore.open(config);
        ingestSome(store, "c" + n, random, 3);
        store.flush();
        ingestSome(store, "t" + n, random, 2);
        StoreTestSupport.rows(store);
        Durability.insertIdCounts(store);
        store.compact(1);
        try (Snapshot s = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            scanEverything(s);
        }
        assertNoArrowMemory(store, "cycle " + n);
        store.abandon(); // recover from the WAL in the next open, in this JVM
        store.allocator().close();
        EventStore recovered = EventStore.open(config);
        ingestSome(recovered, "r" + n, random, 1);
        StoreTestSupport.rows(recovered);
        recovered.close();
    }

    @Test
    void fileDescriptorsReturnToTheirStartAfterOpenIngestFlushScanCloseCycles() throws Exception {
        assumeTrue(OpenFiles.supported(), "needs /proc/self (Linux)");
        Random random = new Random(Durability.seed("LeakTest.fds"));
        StoreConfig config = StoreTestSupport.config(dir);
        cycle(config, random, 0); // warm-up: class loading opens jars that stay open for the JVM's life
        TreeMap<Integer, String> start = OpenFiles.descriptors();
        for (int n = 1; n <= 3; n++) {
            cycle(config, random, n);
            assertEquals(List.of(), OpenFiles.descriptorsUnder(dir), "cycle " + n + ": descriptors into the closed store");
            List<String> chronicleMapped = OpenFiles.mappedUnder(dir).stream().filter(m -> !m.contains("/events/")).toList();
            assertEquals(List.of(), chronicleMapped, "cycle " + n + ": dictionary / user files still mapped after close");
            TreeMap<Integer, String> now = settledDescriptors(start.size());
            assertEquals(start.size(), now.size(), "cycle " + n + ": open descriptors, new ones: " + added(start, now));
        }
    }

    /** The descriptors, once their number is back to {@code expected} or 2 s have passed (other threads come and go). */
    private static TreeMap<Integer, String> settledDescriptors(int expected) throws InterruptedException {
        TreeMap<Integer, String> now = OpenFiles.descriptors();
        for (int i = 0; i < 20 && now.size() != expected; i++) {
            Thread.sleep(100);
            now = OpenFiles.descriptors();
        }
        return now;
    }

    private static Map<Integer, String> added(Map<Integer, String> before, Map<Integer, String> after) {
        Map<Integer, String> result = new TreeMap<>(after);
        before.forEach((fd, target) -> result.remove(fd, target));
        return result;
    }

    /** Nothing keeps a closed store's segments reachable: their mappings go with the garbage. */
    @Test
    void aClosedStoresSegmentMappingsAreReleasedByGarbageCollection() throws Exception {
        assumeTrue(OpenFiles.supported(), "needs /proc/self (Linux)");
        Random random = new Random(Durability.seed("LeakTest.maps"));
        cycle(StoreTestSupport.config(dir), random, 0);
        List<String> mapped = OpenFiles.mappedUnder(dir);
        for (int i = 0; i < 50 && !mapped.isEmpty(); i++) {
            System.gc();
            Thread.sleep(100);
            mapped = OpenFiles.mappedUnder(dir);
        }
        assertEquals(List.of(), mapped, "files of the closed store still mapped after GC");
    }

    /**
     * A segment replaced by compaction is deleted once no snapshot reads it, but its mapping stays until a GC
     * happens to collect the {@code SegmentFile}, so the disk space of compacted, retention-dropped and
     * rewritten segments is not given back for as long as the heap does not need a collection.
     */
    // Regression (was a bug): replaced segments stay mapped (their disk space held) after deletion until GC:
    // SegmentFile.close() does nothing and Segment.release() deletes without unmapping
    @Test
    void aCompactedAwaySegmentIsUnmappedWhenDeleted() {
        assumeTrue(OpenFiles.supported(), "needs /proc/self (Linux)");
        Random random = new Random(Durability.seed("LeakTest.deletedMapped"));
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            for (int flush = 0; flush < 2; flush++) {
                ingestSome(store, "f" + flush, random, 3);
                store.flush();
                StoreTestSupport.rows(store); // opens (maps) the segments
            }
            assertTrue(store.compact(1) > 0);
            List<String> deleted = OpenFiles.mappedUnder(dir).stream().filter(m -> m.endsWith("(deleted)")).toList();
            assertEquals(List.of(), deleted, "deleted segment files still mapped");
        }
    }

    /**
     * {@code close()} releases every file even when its last WAL fsync fails: the store must be openable
     * again in this JVM (Chronicle Map files stay locked and mapped otherwise).
     */
    // Regression (was a bug): EventStore.close() calls wal.close() first in its finally block; when the WAL's
    // final sync throws, partitions, users, dictionaries and the allocator are never closed (their Chronicle Map
    // files stay open and mapped)
    @Test
    void closeReleasesEveryFileEvenWhenTheLastWalSyncFails() {
        assumeTrue(OpenFiles.supported(), "needs /proc/self (Linux)");
        Random random = new Random(Durability.seed("LeakTest.closeFails"));
        FaultyFileIO io = new FaultyFileIO();
        EventStore store = EventStore.open(StoreTestSupport.config(dir).withFileIO(io));
        List<Event> events = ingestSome(store, "a", random, 3);
        store.flush(); // nothing left to flush: close() goes straight to the WAL's final sync
        io.failForce("/wal/");
        try {
            store.close();
        } catch (RuntimeException e) {
            System.out.println("LeakTest.closeFails: close() threw " + e);
        }
        assertEquals(List.of(), OpenFiles.descriptorsUnder(dir), "descriptors into the closed store");
        try (EventStore reopened = EventStore.open(StoreTestSupport.config(dir))) {
            assertEquals(Durability.rowsOf(events), StoreTestSupport.rows(reopened));
        }
    }

    /** An open that fails (here: the new WAL file cannot be written) releases what it had opened. */
    // Regression (was a bug): the EventStore constructor opens the dictionaries, the user directory and the
    // allocator before the WAL; when a later step throws, nothing closes them (their files stay open and mapped)
    @Test
    void aFailedOpenReleasesWhatItOpened() {
        assumeTrue(OpenFiles.supported(), "needs /proc/self (Linux)");
        Random random = new Random(Durability.seed("LeakTest.failedOpen"));
        List<Event> events;
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            events = ingestSome(store, "a", random, 3);
        }
        FaultyFileIO io = new FaultyFileIO().failWrite("/wal/", 1);
        assertThrows(io.troupe.common.TroupeException.class, () -> EventStore.open(StoreTestSupport.config(dir).withFileIO(io)));
        assertEquals(List.of(), OpenFiles.descriptorsUnder(dir), "descriptors left by the failed open");
        assertEquals(List.of(), OpenFiles.mappedUnder(dir), "files mapped by the failed open");
        try (EventStore reopened = EventStore.open(StoreTestSupport.config(dir))) {
            assertEquals(Durability.rowsOf(events), StoreTestSupport.rows(reopened));
        }
    }
}
