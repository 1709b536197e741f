package io.troupe.storage.dictionary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.common.TroupeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryTest {
    @TempDir
    Path dir;

    @Test
    void assignsDenseIdsThatSurviveReopening() {
        try (Dictionary d = Dictionary.open("users", dir, 1000, 8, 1_000_000, false)) {
            assertEquals(0, d.getOrAdd("alice"));
            assertEquals(1, d.getOrAdd("bob"));
            assertEquals(0, d.getOrAdd("alice"));
            assertEquals(-1, d.idOf("carol"));
            assertEquals("bob", d.valueOf(1));
            assertEquals(2, d.size());
        }
        try (Dictionary d = Dictionary.open("users", dir, 1000, 8, 1_000_000, true)) {
            assertEquals(2, d.size());
            assertEquals(1, d.idOf("bob"));
            assertEquals(2, d.getOrAdd("carol"));
            assertEquals("alice", d.valueOf(0));
        }
    }

    @Test
    void domainsLargerThanTheHeapCacheStayCorrect() {
        int n = 5000;
        try (Dictionary d = Dictionary.open("big", dir, 1000, 12, 100, false)) {
            for (int i = 0; i < n; i++) {
                assertEquals(i, d.getOrAdd("value-" + i));
            }
            for (int i = 0; i < n; i += 7) {
                assertEquals(i, d.idOf("value-" + i));
                assertEquals(i, d.getOrAdd("value-" + i));
                assertEquals("value-" + i, d.valueOf(i));
            }
        }
        try (Dictionary d = Dictionary.open("big", dir, 1000, 12, 100, false)) {
            assertEquals(n, d.size());
            assertEquals(4321, d.idOf("value-4321"));
            assertEquals("value-4999", d.valueOf(4999));
        }
    }

    /** The batch form gives the ids one {@code getOrAdd} per value in order gives, new values and repeats included. */
    @Test
    void getOrAddAllAssignsAsGetOrAddInOrderWould() {
        try (Dictionary d = Dictionary.open("values", dir, 1000, 8, 1_000_000, false)) {
            d.getOrAdd("known");
            String[] values = {"new-a", "known", "new-b", "new-a", "known", "new-c", "unused slot"};
            int[] ids = new int[values.length];
            d.getOrAddAll(values, 6, ids);
            assertArrayEquals(new int[] {1, 0, 2, 1, 0, 3, 0}, ids);
            assertEquals(4, d.size());
            assertEquals("new-c", d.valueOf(3));
        }
        try (Dictionary d = Dictionary.open("small-cache", dir, 1000, 8, 2, false)) { // ids past 2 are not cached
            for (String v : List.of("v0", "v1", "v2", "v3")) {
                d.getOrAdd(v);
            }
            int[] ids = new int[3];
            d.getOrAddAll(new String[] {"v3", "v4", "v0"}, 3, ids);
            assertArrayEquals(new int[] {3, 4, 0}, ids);
        }
    }

    @Test
    void anUnknownIdIsAnError() {
        try (Dictionary d = Dictionary.open("x", dir, 100, 8, 100, false)) {
            d.getOrAdd("a");
            assertThrows(TroupeException.class, () -> d.valueOf(5));
        }
    }
}
