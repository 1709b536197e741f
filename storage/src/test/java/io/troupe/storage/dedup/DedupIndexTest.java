package io.troupe.storage.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import org.junit.jupiter.api.Test;

class DedupIndexTest {
    @Test
    void remembersIdsWithinTheWindowAndForgetsOlderOnes() {
        DedupIndex index = new DedupIndex();
        index.add("a", 1_000);
        assertTrue(index.contains("a", 0));
        assertTrue(index.contains("a", 1_000));
        assertFalse(index.contains("a", 1_001), "seen before the window start");
        assertFalse(index.contains("b", 0));
        index.add("a", 5_000); // a later sighting extends the window
        assertTrue(index.contains("a", 4_000));
    }

    @Test
    void growsPastItsInitialCapacityWithoutLosingIds() {
        DedupIndex index = new DedupIndex();
        for (int i = 0; i < 300_000; i++) {
            index.add("insert-" + i, i);
        }
        assertEquals(300_000, index.size());
        for (int i = 0; i < 300_000; i += 997) {
            assertTrue(index.contains("insert-" + i, 0));
            assertFalse(index.contains("other-" + i, 0));
        }
    }

    @Test
    void checkpointRoundTripKeepsOnlyTheWindow() {
        DedupIndex index = new DedupIndex();
        for (int i = 0; i < 1000; i++) {
            index.add("id" + i, i);
        }
        DedupIndex copy = DedupIndex.fromBytes(index.copy().toBytes(500), "test");
        assertEquals(500, copy.size());
        assertTrue(copy.contains("id700", 0));
        assertFalse(copy.contains("id100", 0));
        DedupIndex exact = index.copy();
        index.add("later", 2000);
        assertFalse(exact.contains("later", 0), "a copy does not see later adds");
        assertEquals(1000, DedupIndex.fromBytes(exact.toBytes(), "test").size());
    }

    @Test
    void aCorruptCheckpointIsRefused() {
        DedupIndex index = new DedupIndex();
        index.add("x", 1);
        byte[] bytes = index.toBytes();
        bytes[20] ^= 1;
        TroupeException e = assertThrows(TroupeException.class, () -> DedupIndex.fromBytes(bytes, "dedup.bin"));
        assertEquals(ErrorCode.STORAGE_CORRUPT, e.errorCode());
    }
}
