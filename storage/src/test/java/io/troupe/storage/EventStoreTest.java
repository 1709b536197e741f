package io.troupe.storage;

import static io.troupe.storage.StoreTestSupport.config;
import static io.troupe.storage.StoreTestSupport.event;
import static io.troupe.storage.StoreTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Identify;
import io.troupe.storage.event.IngestResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z

    @TempDir
    Path dir;

    @Test
    void ingestedEventsAreVisibleBeforeAndAfterFlushAndRestart() {
        List<String> expected = List.of(
                T0 + " Open App u1 org_id=acme",
                (T0 + DAY + 5) + " Create Report u2 org_id=-",
                (T0 + 2 * DAY) + " Share Report u1 org_id=globex");
        try (EventStore store = EventStore.open(config(dir))) {
            IngestResult r = store.ingest(List.of(
                    event(T0 + 2 * DAY, "Share Report", "u1", "i3", Map.of("org_id", List.of("globex"))),
                    event(T0, "Open App", "u1", "i1", Map.of("org_id", List.of("acme"))),
                    event(T0 + DAY + 5, "Create Report", "u2", "i2", Map.of())));
            assertEquals(3, r.eventsStored());
            assertEquals(expected, rows(store, "org_id"));
            store.flush();
            assertEquals(3, store.manifests().size());
            assertEquals(expected, rows(store, "org_id"));
        }
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(expected, rows(store, "org_id"));
        }
    }

    @Test
    void unflushedEventsComeBackFromTheWal() {
        EventStore store = EventStore.open(config(dir));
        store.ingest(List.of(event(T0, "A", "u1", "i1", Map.of("org_id", List.of("acme")))));
        store.flush();
        store.ingest(List.of(event(T0 + 1, "B", "u1", "i2", Map.of("org_id", List.of("acme")))));
        store.abandon();
        try (EventStore reopened = EventStore.open(config(dir))) {
            assertEquals(List.of(T0 + " A u1 org_id=acme", (T0 + 1) + " B u1 org_id=acme"), rows(reopened, "org_id"));
        }
    }

    @Test
    void userLevelGroupsApplyToLaterEventsAndEventLevelGroupsWin() {
        try (EventStore store = EventStore.open(config(dir))) {
            store.ingest(List.of(event(T0, "Before", "u1", null, Map.of())));
            store.ingest(List.of(new Identify("u1", T0 + 1, Map.of("org_id", List.of("acme")), null)));
            store.ingest(List.of(
                    event(T0 + 2, "After", "u1", null, Map.of()),
                    event(T0 + 3, "Consulting", "u1", null, Map.of("org_id", List.of("client")))));
            store.ingest(List.of(new Identify("u1", T0 + 4, Map.of("org_id", List.of("globex")), null),
                    event(T0 + 5, "Moved", "u1", null, Map.of())));
            assertEquals(List.of(
                    T0 + " Before u1 org_id=-",
                    (T0 + 2) + " After u1 org_id=acme",
                    (T0 + 3) + " Consulting u1 org_id=client",
                    (T0 + 5) + " Moved u1 org_id=globex"), rows(store, "org_id"));
            TroupeException unset = assertThrows(TroupeException.class,
                    () -> store.ingest(List.of(new Identify("u1", T0 + 6, Map.of("org_id", List.of()), null))));
            assertEquals(ErrorCode.USER_GROUP_UNSET, unset.errorCode());
        }
    }

    /**
     * Events that take their user's user-level groups unchanged share one resolved copy per user record (with its
     * WAL bytes and dictionary ids): a changed record, an event-level group, a dropped group type and WAL replay
     * (which resolves per event) must all give what per-event resolution gives.
     */
    @Test
    void sharedUserLevelGroupsFollowChangesDropsAndReplay() {
        List<String> expected = new java.util.ArrayList<>();
        try (EventStore store = EventStore.open(config(dir))) {
            store.ingest(List.of(new Identify("u1", T0, Map.of("org_id", List.of("acme"), "team", List.of("red", "blue")), null),
                    new Identify("u2", T0, Map.of("org_id", List.of("globex")), null)));
            List<io.troupe.storage.event.Command> batch = new java.util.ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                batch.add(event(T0 + i, "A", i % 2 == 0 ? "u1" : "u2", "x" + i, Map.of()));
                expected.add((T0 + i) + " A " + (i % 2 == 0 ? "u1 org_id=acme team=red" : "u2 org_id=globex team=-"));
            }
            batch.add(event(T0 + 21, "B", "u1", "x21", Map.of("team", List.of("green"))));
            expected.add((T0 + 21) + " B u1 org_id=acme team=green");
            store.ingest(batch);
            store.ingest(List.of(new Identify("u1", T0 + 22, Map.of("org_id", List.of("initech")), null),
                    event(T0 + 23, "C", "u1", "x23", Map.of())));
            expected.add((T0 + 23) + " C u1 org_id=initech team=red");
            assertEquals(expected.stream().sorted().toList(), rows(store, "org_id", "team").stream().sorted().toList());
        } // closed without flush: the reopened store replays every event from the WAL, resolving groups per event
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(expected.stream().sorted().toList(), rows(store, "org_id", "team").stream().sorted().toList());
            store.catalog().dropGroupType("team");
            store.ingest(List.of(event(T0 + 24, "D", "u1", "x24", Map.of()), event(T0 + 25, "D", "u2", "x25", Map.of())));
            List<String> after = rows(store, "org_id");
            assertTrue(after.contains((T0 + 24) + " D u1 org_id=initech"), after.toString());
            assertTrue(after.contains((T0 + 25) + " D u2 org_id=globex"), after.toString());
            store.flush();
            store.ingest(List.of(event(T0 + 26, "E", "u1", "x26", Map.of("team", List.of("new")))));
            assertTrue(rows(store, "org_id", "team").contains((T0 + 26) + " E u1 org_id=initech team=new"));
            assertEquals(List.of((T0 + 24) + " D u1 org_id=initech team=-"), rows(store, "org_id", "team").stream()
                    .filter(r -> r.startsWith((T0 + 24) + " ")).toList(), "the re-created type does not reach back");
        }
    }

    /**
     * Resolution keeps recent users direct-mapped by user dictionary id (2^17 slots): two users whose ids share a
     * slot take turns in it, and each event still gets its own user's groups.
     */
    @Test
    void usersSharingACacheSlotKeepTheirOwnGroups() {
        try (EventStore store = EventStore.open(config(dir))) {
            store.ingest(List.of(new Identify("u1", T0, Map.of("org_id", List.of("acme")), null),
                    event(T0 + 1, "A", "u1", null, Map.of())));
            io.troupe.storage.dictionary.Dictionary users = store.dictionaries().users();
            assertEquals(0, users.idOf("u1"));
            String[] fillers = new String[(1 << 17) - 1];
            for (int i = 0; i < fillers.length; i++) {
                fillers[i] = "filler-" + i;
            }
            users.getOrAddAll(fillers, fillers.length, new int[fillers.length]);
            store.ingest(List.of(new Identify("u2", T0 + 2, Map.of("org_id", List.of("globex")), null),
                    event(T0 + 3, "B", "u2", null, Map.of())));
            assertEquals(1 << 17, users.idOf("u2"));
            store.ingest(List.of(event(T0 + 4, "C", "u1", null, Map.of()), event(T0 + 5, "C", "u2", null, Map.of()),
                    event(T0 + 6, "C", "u1", null, Map.of())));
            assertEquals(List.of(
                    (T0 + 1) + " A u1 org_id=acme",
                    (T0 + 3) + " B u2 org_id=globex",
                    (T0 + 4) + " C u1 org_id=acme",
                    (T0 + 5) + " C u2 org_id=globex",
                    (T0 + 6) + " C u1 org_id=acme"), rows(store, "org_id"));
        }
    }

    /**
     * Resolution keeps the users of recent events by dictionary id: a record changed by a later identify, or
     * removed by a privacy deletion, must reach the user's next events, as must a record changed while the user's
     * cache slot was taken by another user.
     */
    @Test
    void aChangedOrDeletedUserRecordReachesTheUsersNextEvents() {
        try (EventStore store = EventStore.open(config(dir))) {
            store.ingest(List.of(new Identify("u1", T0, Map.of("org_id", List.of("acme")), null)));
            store.ingest(List.of(event(T0 + 1, "A", "u1", "x1", Map.of())));
            store.ingest(List.of(new Identify("u1", T0 + 2, Map.of("org_id", List.of("initech")), null)));
            store.ingest(List.of(event(T0 + 3, "B", "u1", "x3", Map.of())));
            assertEquals(List.of((T0 + 1) + " A u1 org_id=acme", (T0 + 3) + " B u1 org_id=initech"),
                    rows(store, "org_id"));

            store.deleteUser("u1");
            store.ingest(List.of(event(T0 + 4, "C", "u1", "x4", Map.of())));
            assertEquals(List.of((T0 + 4) + " C u1 org_id=-"), rows(store, "org_id"), "a deleted user has no groups");

            store.ingest(List.of(new Identify("u1", T0 + 5, Map.of("org_id", List.of("globex")), null)));
            store.ingest(List.of(event(T0 + 6, "D", "u1", "x6", Map.of())));
            assertEquals(List.of((T0 + 4) + " C u1 org_id=-", (T0 + 6) + " D u1 org_id=globex"), rows(store, "org_id"));
        }
    }

    /**
     * User records reach users.dat at flushes: after a crash, the identifies logged since the last flush come back
     * from the WAL, and later events take the latest groups.
     */
    @Test
    void userRecordsWrittenSinceTheLastFlushComeBackFromTheWal() {
        EventStore store = EventStore.open(config(dir));
        store.ingest(List.of(new Identify("u1", T0, Map.of("org_id", List.of("acme")), null),
                new Identify("u2", T0, Map.of("org_id", List.of("globex")), null)));
        store.flush();
        store.ingest(List.of(new Identify("u1", T0 + 1, Map.of("org_id", List.of("initech")), null)));
        assertEquals(Map.of(0, List.of("initech")), store.users().get("u1").groups());
        store.abandon(); // u1's second record was only in memory and in the WAL
        try (EventStore reopened = EventStore.open(config(dir))) {
            assertEquals(Map.of(0, List.of("initech")), reopened.users().get("u1").groups());
            reopened.ingest(List.of(event(T0 + 2, "A", "u1", null, Map.of()), event(T0 + 3, "A", "u2", null, Map.of())));
            assertEquals(List.of((T0 + 2) + " A u1 org_id=initech", (T0 + 3) + " A u2 org_id=globex"),
                    rows(reopened, "org_id"));
        }
        try (EventStore reopened = EventStore.open(config(dir))) { // closed in order: written back
            assertEquals(Map.of(0, List.of("initech")), reopened.users().get("u1").groups());
            assertEquals(2, reopened.users().size());
        }
    }

    @Test
    void anIdentifyAppliesToLaterEventsOfTheSameBatchEvenForANewGroupType() {
        try (EventStore store = EventStore.open(config(dir))) {
            store.ingest(List.of(new Identify("u1", T0, Map.of("org_id", List.of("acme")), null),
                    event(T0 + 1, "A", "u1", null, Map.of())));
            assertEquals(List.of((T0 + 1) + " A u1 org_id=acme"), rows(store, "org_id"));
        }
    }

    @Test
    void duplicatesByInsertIdAreDroppedWithinTheWindowAndAfterRestart() {
        try (EventStore store = EventStore.open(config(dir))) {
            IngestResult first = store.ingest(List.of(event(T0, "A", "u1", "same", Map.of()),
                    event(T0, "A", "u1", "same", Map.of())));
            assertEquals(1, first.eventsStored());
            assertEquals(1, first.duplicates());
            store.flush();
            assertEquals(1, store.ingest(List.of(event(T0, "A", "u1", "same", Map.of()))).duplicates());
            store.ingest(List.of(event(T0, "B", "u1", "other", Map.of())));
        }
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(1, store.ingest(List.of(event(T0, "A", "u1", "same", Map.of()))).duplicates());
            assertEquals(1, store.ingest(List.of(event(T0, "B", "u1", "other", Map.of()))).duplicates());
            assertEquals(2, rows(store).size());
        }
    }

    @Test
    void dedupIsPerDeviceAsAmplitudeDoesAndBlankInsertIdsNeverDuplicate() {
        try (EventStore store = EventStore.open(config(dir))) {
            IngestResult r = store.ingest(List.of(
                    new io.troupe.storage.event.Event(T0, "A", "u1", "phone", "same", Map.of(), null, null),
                    new io.troupe.storage.event.Event(T0, "A", "u1", "laptop", "same", Map.of(), null, null),
                    new io.troupe.storage.event.Event(T0, "A", "u1", "phone", "same", Map.of(), null, null),
                    new io.troupe.storage.event.Event(T0, "B", "u1", null, "", Map.of(), null, null),
                    new io.troupe.storage.event.Event(T0, "B", "u1", null, "", Map.of(), null, null)));
            assertEquals(4, r.eventsStored());
            assertEquals(1, r.duplicates());
        }
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(1, store.ingest(List.of(
                    new io.troupe.storage.event.Event(T0, "A", "u1", "laptop", "same", Map.of(), null, null))).duplicates());
        }
    }

    /**
     * The live path hashes a dedup key from bytes prepared before the ingest lock; WAL replay and the
     * string API hash {@code DedupIndex.key}: both must agree for non-ASCII ids too, and the stored insert
     * id (a slice of the prepared key) must be the id sent.
     */
    @Test
    void nonAsciiDeviceAndInsertIdsDedupAlikeLiveAndAfterReplay() {
        String device = "téléphone-\uD83D\uDCF1";
        String insertId = "ïd-✓-\uD83D\uDE00";
        io.troupe.storage.event.Event sent =
                new io.troupe.storage.event.Event(T0, "A", "u1", device, insertId, Map.of(), null, null);
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(1, store.ingest(List.of(sent)).eventsStored());
            assertEquals(1, store.ingest(List.of(sent)).duplicates());
            assertEquals(List.of(insertId), insertIds(store));
        } // closed without flush: the next open replays the WAL
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(1, store.ingest(List.of(sent)).duplicates());
            assertEquals(1, store.ingest(List.of(new io.troupe.storage.event.Event(T0, "A", "u1", "other device",
                    insertId, Map.of(), null, null))).eventsStored(), "same insert id, other device");
            store.flush();
            assertEquals(List.of(insertId, insertId), insertIds(store));
        }
    }

    private static List<String> insertIds(EventStore store) {
        List<String> out = new java.util.ArrayList<>();
        try (io.troupe.storage.read.Snapshot s = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            s.scan(List.of(io.troupe.storage.segment.SegmentSchema.INSERT_ID), batch -> {
                for (int i = 0; i < batch.rowCount(); i++) {
                    out.add(new String(batch.bytes(io.troupe.storage.segment.SegmentSchema.INSERT_ID, batch.startRow() + i),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            });
        }
        return out;
    }

    @Test
    void aSixthGroupTypeIsRefusedAndNothingIsStored() {
        try (EventStore store = EventStore.open(config(dir))) {
            store.ingest(List.of(event(T0, "A", "u1", null,
                    Map.of("g1", List.of("a"), "g2", List.of("a"), "g3", List.of("a"), "g4", List.of("a"), "g5", List.of("a")))));
            TroupeException e = assertThrows(TroupeException.class, () -> store.ingest(List.of(
                    event(T0 + 1, "B", "u1", null, Map.of()),
                    event(T0 + 2, "C", "u1", null, Map.of("g6", List.of("x"))))));
            assertEquals(ErrorCode.TOO_MANY_GROUP_TYPES, e.errorCode());
            assertEquals(1, rows(store).size());
            assertEquals(5, store.catalog().state().groupTypes().size());
        }
    }
}
