package io.troupe.storage.groups;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
