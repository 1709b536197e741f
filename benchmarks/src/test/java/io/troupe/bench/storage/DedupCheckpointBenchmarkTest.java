package io.troupe.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.storage.dedup.DedupIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checkpoint written holds every id, and reads back. */
class DedupCheckpointBenchmarkTest extends ScratchDirectoryTest {

    @Test
    void checkpointHoldsEveryId() throws Exception {
        DedupCheckpointBenchmark b = new DedupCheckpointBenchmark();
        b.ids = 1_000;
        b.fill();
        assertEquals(1_000, b.copyUnderIngestLock());
        assertEquals(16 + 1_000 * 24 + 4, b.checkpoint());
        try (var files = Files.walk(dir)) {
            Path written = files.filter(p -> p.getFileName().toString().equals("dedup.bin")).findFirst().orElseThrow();
            assertEquals(1_000, DedupIndex.fromBytes(Files.readAllBytes(written), written.toString()).size());
        }
        b.delete();
    }
}
