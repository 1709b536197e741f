package io.troupe.storage.groups;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.event.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {
    @TempDir
    Path dir;

    /** The batch look-up answers what {@code get} answers per id: from the cache, from the map, or null. */
    @Test
    void getAllAnswersAsGetDoes() {
        UserDirectory.User acme = new UserDirectory.User(Map.of(0, List.of("acme")), Json.emptyObject());
        UserDirectory.User globex = new UserDirectory.User(Map.of(0, List.of("globex")), Json.emptyObject());
        try (UserDirectory users = UserDirectory.open(dir.resolve("users.dat"), 100, 2, false)) {
            users.put("u1", acme);
            users.put("u2", globex);
            users.put("u3", acme); // a cache of 2 is cleared here: u1 and u2 are read back from the map
            String[] ids = {"u1", null, "nobody", "u2", "u3", "u1"};
            UserDirectory.User[] found = new UserDirectory.User[ids.length];
            users.getAll(ids, ids.length, found);
            assertEquals(acme, found[0]);
            assertNull(found[1]);
            assertNull(found[2]);
            assertEquals(globex, found[3]);
            assertEquals(acme, found[4]);
            assertEquals(acme, found[5]);
            UserDirectory.User[] again = new UserDirectory.User[ids.length];
            users.getAll(ids, ids.length, again); // "nobody" is now cached as absent
            assertArrayEquals(found, again);
            assertNull(users.get("nobody"));
        }
    }

    /**
     * Records are written back at flushes: until then readers see them from the heap, a newer record wins over
     * one being flushed, and an orderly close writes whatever is left.
     */
    @Test
    void recordsAreWrittenBackAtFlushesAndOnClose() {
        UserDirectory.User acme = new UserDirectory.User(Map.of(0, List.of("acme")), Json.emptyObject());
        UserDirectory.User globex = new UserDirectory.User(Map.of(0, List.of("globex")), Json.emptyObject());
        UserDirectory.User initech = new UserDirectory.User(Map.of(0, List.of("initech")), Json.emptyObject());
        Path file = dir.resolve("users.dat");
        try (UserDirectory users = UserDirectory.open(file, 100, 1, false)) { // a cache of 1: reads fall through
            users.put("u1", acme);
            users.put("u2", globex);
            assertEquals(acme, users.get("u1"));
            assertEquals(2, users.size());
            users.startFlush();
            users.put("u1", initech); // after the freeze: stays dirty, and wins
            users.put("u3", acme);
            assertEquals(initech, users.get("u1"));
            assertEquals(globex, users.get("u2"));
            users.persistFlushing();
            assertEquals(initech, users.get("u1"));
            assertEquals(globex, users.get("u2"));
            assertEquals(3, users.size());
            Map<String, UserDirectory.User> all = new java.util.TreeMap<>();
            users.forEach(all::put);
            assertEquals(Map.of("u1", initech, "u2", globex, "u3", acme), all);
            assertTrue(users.remove("u3"), "an unpersisted record can be removed");
            assertNull(users.get("u3"));
        }
        try (UserDirectory users = UserDirectory.open(file, 100, 1, false)) {
            assertEquals(initech, users.get("u1"));
            assertEquals(globex, users.get("u2"));
            assertNull(users.get("u3"));
            users.put("u4", acme);
            users.dropUnpersisted(); // what a crash loses: the WAL puts it back on recovery
        }
        try (UserDirectory users = UserDirectory.open(file, 100, 1, false)) {
            assertNull(users.get("u4"));
            assertEquals(2, users.size());
        }
    }
}
