package io.troupe.storage;

import static io.troupe.storage.StoreTestSupport.config;
import static io.troupe.storage.StoreTestSupport.event;
import static io.troupe.storage.StoreTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.event.Event;
import io.troupe.storage.event.Identify;
import io.troupe.storage.partition.Manifest;
import io.troupe.storage.partition.Partitioning;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;

    private static List<Event> day(int day, int count, String user) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(T0 + day * DAY + (count - i) * 1000L, "E" + (i % 3), user, user + "-" + day + "-" + i,
                    Map.of("org_id", List.of("org" + (i % 2)))));
        }
        return events;
    }

    @Test
    void compactionMergesSegmentsKeepingEveryRowInTimeOrder() {
        try (EventStore store = EventStore.open(config(dir))) {
            for (int flush = 0; flush < 4; flush++) {
                store.ingest(day(0, 50, "u" + flush));
                store.flush();
            }
            List<String> before = rows(store, "org_id");
            Manifest manifest = store.manifests().firstEntry().getValue();
            assertEquals(4, manifest.segments().size());
            try (Snapshot reader = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertEquals(1, store.compact(1));
                // a snapshot taken before compaction still reads the old segments
                long[] count = {0};
                reader.scan(List.of(SegmentSchema.EVENT_TYPE), b -> count[0] += b.rowCount());
                assertEquals(200, count[0]);
            }
            assertEquals(1, store.manifests().firstEntry().getValue().segments().size());
            assertEquals(before, rows(store, "org_id"));
            assertEquals(1, segmentFiles(), "replaced segments were deleted once no reader held them");
            long[] previous = {Long.MIN_VALUE};
            try (Snapshot s = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
                s.scan(List.of(), batch -> {
                    long[] times = new long[batch.rowCount()];
                    batch.times(times);
                    for (long t : times) {
                        assertTrue(t >= previous[0]);
                        previous[0] = t;
                    }
                });
            }
        }
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(200, rows(store).size());
        }
    }

    @Test
    void theStoreFlushesByItselfPastTheThreshold() throws Exception {
        try (EventStore store = EventStore.open(config(dir).withFlushThresholdRows(100))) {
            for (int b = 0; b < 20; b++) {
                store.ingest(day(b % 3, 50, "u" + b));
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (store.manifests().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(store.manifests().isEmpty(), "a background flush wrote segments");
            assertEquals(1000, rows(store).size());
        }
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(1000, rows(store).size());
        }
    }

    @Test
    void retentionDropsWholeOldPartitions() {
        try (EventStore store = EventStore.open(config(dir))) {
            for (int d = 0; d < 5; d++) {
                store.ingest(day(d, 10, "u1"));
            }
            assertEquals(2, store.dropPartitionsBefore(T0 + 2 * DAY + 1));
            assertEquals(3, store.manifests().size());
            assertEquals(30, rows(store).size());
            assertFalse(Files.exists(dir.resolve("events/2026-01-01/manifest.json")));
        }
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(30, rows(store).size());
        }
    }

    @Test
    void deletingAUserRewritesOnlyTheSegmentsHoldingTheirEvents() {
        try (EventStore store = EventStore.open(config(dir))) {
            store.ingest(List.of(new Identify("gone", T0, Map.of("org_id", List.of("acme")), null)));
            store.ingest(day(0, 20, "gone"));
            store.ingest(day(0, 20, "stays"));
            store.ingest(day(1, 20, "stays"));
            store.flush();
            Manifest untouched = store.manifests().lastEntry().getValue();
            store.ingest(day(2, 5, "gone")); // in the tail: flushed first, then deleted too
            assertEquals(25, store.deleteUser("gone"));
            assertEquals(40, rows(store).size());
            assertTrue(rows(store).stream().noneMatch(r -> r.contains(" gone")));
            assertEquals(untouched.segments(), store.manifests().get(T0 + DAY).segments());
            assertNull(store.users().get("gone"));
            assertEquals(0, store.deleteUser("never-seen"));
        }
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(40, rows(store).size());
        }
    }

    @Test
    void hourAndMonthPartitionsHoldTheirRanges() {
        for (Partitioning p : Partitioning.values()) {
            Path folder = dir.resolve(p.name());
            try (EventStore store = EventStore.open(config(folder).withPartitioning(p))) {
                store.ingest(List.of(event(T0 + 40 * DAY + 5, "A", "u1", null, Map.of()),
                        event(T0 + 2 * 3_600_000L, "B", "u1", null, Map.of()),
                        event(T0, "C", "u1", null, Map.of())));
                store.flush();
                int expected = switch (p) {
                    case HOUR -> 3;
                    case DAY -> 2;
                    case MONTH -> 2;
                };
                assertEquals(expected, store.manifests().size(), p.name());
                try (Snapshot s = store.snapshot(T0 + 3_600_000L, T0 + 41 * DAY)) {
                    List<Long> times = new ArrayList<>();
                    s.scan(List.of(), b -> {
                        long[] t = new long[b.rowCount()];
                        b.times(t);
                        for (long x : t) {
                            times.add(x);
                        }
                    });
                    assertEquals(List.of(T0 + 2 * 3_600_000L, T0 + 40 * DAY + 5), times, p.name());
                }
            }
            try (EventStore store = EventStore.open(config(folder).withPartitioning(p))) {
                assertEquals(3, rows(store).size());
            }
        }
        assertEquals("2026-02", Partitioning.MONTH.key(Partitioning.MONTH.startOf(T0 + 40 * DAY)));
        assertEquals("2026-01-01T02", Partitioning.HOUR.key(Partitioning.HOUR.startOf(T0 + 2 * 3_600_000L + 5)));
    }

    private long segmentFiles() {
        try (Stream<Path> files = Files.walk(dir.resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".arrow")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
