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

    @Test
    void aFullTableDropsIdsThatLeftTheWindowBeforeItGrows() {
        DedupIndex index = new DedupIndex();
        index.setWindowMillis(1_000);
        // One id per ms for 2M ms: with a 1 s window, at most about 1,000 ids (plus one table's fill) are kept.
        for (int i = 0; i < 2_000_000; i++) {
            index.add("insert-" + i, i);
        }
        assertTrue(index.size() < 100_000, "expired ids are dropped, kept " + index.size());
        for (int i = 1_999_000; i < 2_000_000; i += 7) {
            assertTrue(index.contains("insert-" + i, 1_999_000), "an id inside the window is kept: " + i);
        }
        DedupIndex unbounded = new DedupIndex();
        for (int i = 0; i < 200_000; i++) {
            unbounded.add("insert-" + i, i);
        }
        assertEquals(200_000, unbounded.size(), "without a window nothing is dropped");
    }

    @Test
    void streamsInChunksAndTruncatedStreamsAreRefused() throws Exception {
        DedupIndex index = new DedupIndex();
        for (int i = 0; i < 150_000; i++) { // more than one 1 MB chunk of entries
            index.add("id" + i, i);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        index.writeTo(java.nio.channels.Channels.newChannel(out), 50_000);
        byte[] bytes = out.toByteArray();
        assertEquals(16 + 100_000 * 24 + 4, bytes.length);
        DedupIndex back = DedupIndex.readFrom(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(bytes)),
                bytes.length, "test");
        assertEquals(100_000, back.size());
        assertTrue(back.contains("id149999", 0));
        assertFalse(back.contains("id49999", 0));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 30);
        TroupeException e = assertThrows(TroupeException.class, () -> DedupIndex.readFrom(
                java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(cut)), bytes.length, "dedup.bin"));
        assertEquals(ErrorCode.STORAGE_CORRUPT, e.errorCode());
        e = assertThrows(TroupeException.class, () -> DedupIndex.fromBytes(cut, "dedup.bin"));
        assertEquals(ErrorCode.STORAGE_CORRUPT, e.errorCode());
    }

    @Test
    void keyBytesAreTheUtf8OfTheKeyAndHashLikeTheStringApi() {
        String[][] cases = {{null, "i1"}, {"", "i1"}, {"phone", "i1"}, {"téléphone", "ïd"}, {"\uD83D\uDCF1", "\uD83D\uDE00"},
            {"unpaired-\uD800", "x\uDC00y"}, {"phone", null}, {"phone", ""}};
        io.troupe.storage.encoding.ByteWriter out = new io.troupe.storage.encoding.ByteWriter(4);
        for (String[] c : cases) {
            String key = DedupIndex.key(c[0], c[1]);
            int insertIdStart = DedupIndex.keyBytes(c[0], c[1], out);
            assertEquals(key != null, insertIdStart >= 0, () -> java.util.Arrays.toString(c));
            if (key == null) {
                continue;
            }
            byte[] expected = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(out.toByteArray()));
            byte[] insertId = c[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(java.util.Arrays.toString(insertId), java.util.Arrays.toString(
                    java.util.Arrays.copyOfRange(out.toByteArray(), insertIdStart, out.size())));
            DedupIndex index = new DedupIndex();
            index.add(DedupIndex.firstHash(out.array(), out.size()), DedupIndex.secondHash(out.array(), out.size()), 7);
            assertTrue(index.contains(key, 7), key);
            assertFalse(index.contains(key, 8), key);
        }
    }

    @Test
    void hashPairsAddedInBulkAreFoundAndCheckpointed() {
        DedupIndex index = DedupIndex.withCapacity(10);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        long[][] keys = new long[100_000][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new long[] {i == 0 ? 0 : random.nextLong(), random.nextLong()}; // a first hash of 0 too
            index.add(keys[i][0], keys[i][1], i);
        }
        long[] first = new long[keys.length * 2];
        long[] second = new long[keys.length * 2];
        for (int i = 0; i < keys.length; i++) { // each key, then an unknown one
            first[2 * i] = keys[i][0];
            second[2 * i] = keys[i][1];
            first[2 * i + 1] = keys[i][0];
            second[2 * i + 1] = ~keys[i][1];
        }
        boolean[] found = new boolean[first.length];
        index.containsAll(first, second, first.length, 50_000, found);
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i >= 50_000, found[2 * i], "key " + i + " seen at " + i);
            assertFalse(found[2 * i + 1]);
        }
        DedupIndex copy = DedupIndex.fromBytes(index.toBytes(), "test");
        for (int i = 0; i < keys.length; i++) {
            assertTrue(copy.contains(keys[i][0], keys[i][1], i));
            assertFalse(copy.contains(keys[i][0], keys[i][1], i + 1));
            assertFalse(copy.contains(keys[i][0], keys[i][1] + 1, 0));
        }
    }
}
