package io.troupe.storage;

import static io.troupe.storage.StoreTestSupport.config;
import static io.troupe.storage.StoreTestSupport.event;
import static io.troupe.storage.StoreTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.event.Event;
import io.troupe.storage.io.WritableFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent writers share fsyncs, and every acknowledged batch is stored once. */
class GroupCommitTest {
    @TempDir
    Path dir;

    /** Counts fsyncs of WAL files. */
    static final class CountingFileIO extends ForwardingFileIO {
        final AtomicInteger walForces = new AtomicInteger();

        @Override
        public WritableFile create(Path path) throws IOException {
            return counted(path, super.create(path));
        }

        @Override
        public WritableFile openAppend(Path path) throws IOException {
            return counted(path, super.openAppend(path));
        }

        private WritableFile counted(Path path, WritableFile file) {
            boolean wal = path.toString().endsWith(".wal");
            return new ForwardingWritableFile(file) {
                @Override
                public void force() throws IOException {
                    if (wal) {
                        walForces.incrementAndGet();
                    }
                    super.force();
                }
            };
        }
    }

    @Test
    void concurrentWritersShareFsyncs() throws Exception {
        CountingFileIO io = new CountingFileIO();
        int writers = 8;
        int batchesPerWriter = 100;
        try (EventStore store = EventStore.open(config(dir).withFileIO(io))) {
            int before = io.walForces.get();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int b = 0; b < batchesPerWriter; b++) {
                        List<Event> batch = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            batch.add(event(1_767_225_600_000L + i, "E", "user" + writer, writer + "-" + b + "-" + i, Map.of()));
                        }
                        assertEquals(10, store.ingest(batch).eventsStored());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            int forces = io.walForces.get() - before;
            int batches = writers * batchesPerWriter;
            System.out.printf("group commit: %d batches acknowledged with %d WAL fsyncs%n", batches, forces);
            assertTrue(forces < batches, "writers shared fsyncs: " + forces + " fsyncs for " + batches + " batches");
            assertEquals(batches * 10, rows(store).size());
        }
    }

    @Test
    void periodicSyncAcknowledgesWithoutWaiting() {
        try (EventStore store = EventStore.open(config(dir).withWalSyncEveryMillis(50))) {
            for (int b = 0; b < 20; b++) {
                store.ingest(List.of(event(1_767_225_600_000L, "E", "u", "id" + b, Map.of())));
            }
            assertEquals(20, rows(store).size());
        }
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(20, rows(store).size());
        }
    }
}
