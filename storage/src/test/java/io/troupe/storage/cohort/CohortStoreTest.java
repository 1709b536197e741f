package io.troupe.storage.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.ForwardingFileIO;
import io.troupe.storage.io.FileIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CohortStore}: definitions and members survive a reopen, and a failed change leaves the old state. */
class CohortStoreTest {
    @TempDir
    Path dir;

    private static CohortDefinition imported(String name, String type) {
        return new CohortDefinition(name, type, CohortKind.IMPORTED, name + ".txt", 1000, 0, null);
    }

    private static CohortDefinition behavioral(String name, String sql) {
        return new CohortDefinition(name, null, CohortKind.BEHAVIORAL, sql, 1000, -1, null);
    }

    @Test
    void savesReplacesAndDropsAcrossReopens() {
        CohortStore store = CohortStore.open(dir, FileIO.local());
        assertTrue(store.list().isEmpty());
        store.save(imported("Vip", "org_id"), List.of("a", "b\nwith newline", "é"), false);
        store.save(behavioral("active", "SELECT user_id FROM events"), null, false);
        TroupeException exists = assertThrows(TroupeException.class,
                () -> store.save(behavioral("VIP", "SELECT 1"), null, false));
        assertEquals(ErrorCode.COHORT_EXISTS, exists.errorCode());

        CohortStore reopened = CohortStore.open(dir, FileIO.local());
        assertEquals(List.of("active", "Vip"), reopened.list().stream().map(CohortDefinition::name).toList());
        CohortDefinition vip = reopened.get("vip");
        assertEquals(3, vip.memberCount());
        assertEquals("org_id", vip.groupType());
        assertArrayEquals(new String[] {"a", "b\nwith newline", "é"}, reopened.members(vip));
        assertEquals(-1, reopened.get("ACTIVE").memberCount());

        String oldFile = vip.membersFile();
        reopened.save(imported("vip", "org_id"), List.of("z"), true);
        assertFalse(Files.exists(dir.resolve("cohorts").resolve(oldFile)), "the replaced members are deleted");
        assertArrayEquals(new String[] {"z"}, reopened.members(reopened.get("Vip")));
        assertTrue(reopened.drop("VIP"));
        assertFalse(reopened.drop("vip"));
        assertNull(CohortStore.open(dir, FileIO.local()).get("vip"));
        assertEquals(List.of("cohorts.json"), files());
    }

    @Test
    void aFailedListWriteKeepsTheOldStateAndTheOrphanIsRemovedOnOpen() {
        CohortStore ok = CohortStore.open(dir, FileIO.local());
        ok.save(imported("first", null), List.of("u1"), false);
        FileIO failing = new ForwardingFileIO() {
            @Override
            public void writeAtomically(Path target, byte[] content) throws IOException {
                if (target.getFileName().toString().equals(CohortStore.FILE_NAME)) {
                    throw new IOException("No space left on device");
                }
                super.writeAtomically(target, content);
            }
        };
        CohortStore store = CohortStore.open(dir, failing);
        TroupeException e = assertThrows(TroupeException.class,
                () -> store.save(imported("second", null), List.of("u2"), false));
        assertEquals(ErrorCode.STORAGE_IO, e.errorCode());
        assertNull(store.get("second"), "nothing changed in memory");
        assertEquals(2, files().size() - 1, "the new members file was written before the failure");

        CohortStore reopened = CohortStore.open(dir, FileIO.local());
        assertEquals(List.of("first"), reopened.list().stream().map(CohortDefinition::name).toList());
        assertArrayEquals(new String[] {"u1"}, reopened.members(reopened.get("first")));
        assertEquals(2, files().size(), "the orphan members file is deleted: " + files());
    }

    @Test
    void aDamagedMembersFileIsReported() throws IOException {
        CohortStore store = CohortStore.open(dir, FileIO.local());
        CohortDefinition saved = store.save(imported("c", "org_id"), List.of("a", "b"), false);
        Path file = dir.resolve("cohorts").resolve(saved.membersFile());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 1;
        Files.write(file, bytes);
        TroupeException e = assertThrows(TroupeException.class,
                () -> CohortStore.open(dir, FileIO.local()).members(saved));
        assertEquals(ErrorCode.STORAGE_CORRUPT, e.errorCode());
    }

    private List<String> files() {
        try (Stream<Path> s = Files.list(dir.resolve("cohorts"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
