package io.troupe.storage.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.common.TroupeException;
import java.nio.file.Path;
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

    @Test
    void anUnknownIdIsAnError() {
        try (Dictionary d = Dictionary.open("x", dir, 100, 8, 100, false)) {
            d.getOrAdd("a");
            assertThrows(TroupeException.class, () -> d.valueOf(5));
        }
    }
}
