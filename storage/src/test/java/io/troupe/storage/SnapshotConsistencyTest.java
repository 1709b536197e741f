package io.troupe.storage;

import static io.troupe.storage.StoreTestSupport.config;
import static io.troupe.storage.StoreTestSupport.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.event.Event;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers see each acknowledged event exactly once while writers ingest and flushes and compactions run:
 * every snapshot holds at least the events acknowledged before it was taken, at most those ingested, and
 * no insert id twice.
 */
class SnapshotConsistencyTest {
    @TempDir
    Path dir;

    @Test
    void snapshotsStayExactUnderConcurrentIngestFlushAndCompaction() throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong started = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // A slow checkpoint write widens the moment a flush has published segments but not yet dropped its
        // frozen tail: a snapshot taken then must not read those events twice.
        ForwardingFileIO slowCheckpoint = new ForwardingFileIO() {
            @Override
            public void writeAtomically(Path target, byte[] content) throws java.io.IOException {
                if (target.getFileName().toString().equals("checkpoint.json")) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.writeAtomically(target, content);
            }
        };
        try (EventStore store = EventStore.open(config(dir).withFlushThresholdRows(0).withFileIO(slowCheckpoint))) {
            Thread writer = new Thread(() -> {
                try {
                    for (int b = 0; b < 300; b++) {
                        List<Event> batch = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            long n = b * 50L + i;
                            batch.add(event(1_767_225_600_000L + (n % 5) * 86_400_000L + n, "E", "u" + (n % 97), "id" + n, Map.of()));
                        }
                        started.addAndGet(50);
                        store.ingest(batch);
                        acknowledged.addAndGet(50);
                        Thread.sleep(2); // spread ingest over many flushes
                    }
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    done.set(true);
                }
            });
            Thread maintainer = new Thread(() -> {
                try {
                    int round = 0;
                    while (!done.get()) {
                        store.flush();
                        if (++round % 4 == 0) {
                            store.compact(1);
                        }
                        Thread.sleep(5);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            maintainer.start();
            int snapshots = 0;
            while (!done.get() || snapshots < 5) {
                long before = acknowledged.get();
                Set<String> ids = new HashSet<>();
                long[] rows = {0};
                try (Snapshot s = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
                    s.scan(List.of(SegmentSchema.INSERT_ID), batch -> {
                        for (int r = batch.startRow(); r < batch.endRow(); r++) {
                            rows[0]++;
                            String id = new String(batch.bytes(SegmentSchema.INSERT_ID, r), StandardCharsets.UTF_8);
                            assertTrue(ids.add(id), "insert id " + id + " seen twice in one snapshot");
                        }
                    });
                }
                long after = started.get();
                assertTrue(rows[0] >= before && rows[0] <= after, rows[0] + " rows, expected between " + before + " and " + after);
                snapshots++;
            }
            writer.join();
            maintainer.join();
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertEquals(15_000, StoreTestSupport.rows(store).size());
            System.out.println("SnapshotConsistencyTest: " + snapshots + " snapshots checked");
        }
    }
}
