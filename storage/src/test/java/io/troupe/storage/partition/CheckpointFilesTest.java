package io.troupe.storage.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreTestSupport;
import io.troupe.storage.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dedup file of a checkpoint: written once under its own name, strays from a crash removed at open. */
class CheckpointFilesTest {
    @TempDir
    Path dir;

    @Test
    void aDedupFileNoCheckpointNamesIsRemovedAndTheNamedOneServesDedup() throws Exception {
        Event event = new Event(1_000L, "Open", "alice", "device-1", "insert-1", Map.of(), null, null);
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            store.ingest(List.of(event));
            store.flush();
            store.flush(); // the same WAL position again: the named file is not written over
        }
        String named = dedupFiles().get(0);
        Files.write(dir.resolve("dedup-00000000000000000007.bin"), new byte[] {1, 2, 3}); // a crash mid-write
        Files.write(dir.resolve("dedup-00000000000000000009.bin.tmp"), new byte[] {1});
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            assertEquals(List.of(named), dedupFiles());
            assertEquals(1, store.ingest(List.of(event)).duplicates(), "the checkpoint's ids still dedup");
            assertEquals(1, store.rowCount());
        }
        assertFalse(Files.exists(dir.resolve("dedup-00000000000000000007.bin")));
        assertTrue(Files.exists(dir.resolve(named)));
    }

    private List<String> dedupFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dedup-")).sorted().toList();
        }
    }
}
