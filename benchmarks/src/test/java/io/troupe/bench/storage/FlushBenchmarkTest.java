package io.troupe.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.partition.Manifest;
import org.junit.jupiter.api.Test;

/** A flush empties the tail into one segment per partition holding every event. */
class FlushBenchmarkTest extends ScratchDirectoryTest {

    @Test
    void flushWritesTheWholeTail() {
        FlushBenchmark b = new FlushBenchmark();
        b.tailEvents = 5_000;
        b.days = 2;
        b.generate();
        assertEquals(5_000, b.events());
        for (int invocation = 0; invocation < 2; invocation++) {
            b.fillTail();
            assertEquals(5_000, b.store().tailRows());
            assertEquals(0, b.flush());
            assertTrue(b.store().manifests().size() <= 2, "one partition per day");
            assertEquals(5_000, b.store().manifests().values().stream().mapToLong(Manifest::rows).sum());
            b.closeStore(); // checks the rows again and deletes the store
        }
    }
}
