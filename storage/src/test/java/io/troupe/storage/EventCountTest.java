package io.troupe.storage;

import static io.troupe.storage.StoreTestSupport.config;
import static io.troupe.storage.StoreTestSupport.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.event.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EventStore#eventCount()} (for metrics, no segment acquired) agrees with what a snapshot reads. */
class EventCountTest {
    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;

    private static List<Event> batch(int b, int n) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event(T0 + i * 3_600_000L, "E", "u" + b, b + "-" + i, Map.of()));
        }
        return events;
    }

    @Test
    void countsSegmentsAndTailsOnceEvenWhileAFlushIsHalfWay() throws Exception {
        CountDownLatch checkpointing = new CountDownLatch(1);
        CountDownLatch counted = new CountDownLatch(1);
        // holds the flush after its segments are published and before its frozen tail is dropped
        ForwardingFileIO slowCheckpoint = new ForwardingFileIO() {
            @Override
            public void writeAtomically(Path target, byte[] content) throws IOException {
                if (target.getFileName().toString().equals("checkpoint.json") && checkpointing.getCount() > 0) {
                    checkpointing.countDown();
                    try {
                        counted.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.writeAtomically(target, content);
            }
        };
        try (EventStore store = EventStore.open(config(dir).withFlushThresholdRows(0).withFileIO(slowCheckpoint))) {
            assertEquals(0, store.eventCount());
            store.ingest(batch(1, 30));
            assertEquals(30, store.eventCount());
            Thread flusher = new Thread(store::flush);
            flusher.start();
            checkpointing.await();
            store.ingest(batch(2, 12)); // into the new tail while the old one is still read from memory
            long halfWay = store.eventCount();
            long read = store.rowCount();
            counted.countDown();
            flusher.join();
            assertEquals(42, read);
            assertEquals(read, halfWay);
            assertEquals(42, store.eventCount());
            assertTrue(store.manifests().size() > 1);
        }
    }
}
