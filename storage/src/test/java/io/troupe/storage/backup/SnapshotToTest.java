package io.troupe.storage.backup;

import static io.troupe.storage.StoreTestSupport.config;
import static io.troupe.storage.StoreTestSupport.event;
import static io.troupe.storage.StoreTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.EventStore;
import io.troupe.storage.cohort.CohortDefinition;
import io.troupe.storage.cohort.CohortKind;
import io.troupe.storage.dynamic.DynamicProperty;
import io.troupe.storage.dynamic.RefreshWindow;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Identify;
import io.troupe.storage.event.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EventStore#snapshotTo}: the copy opens as a store holding exactly the state at the snapshot point. */
class SnapshotToTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    /** Batch {@code b}: 20 events of one user in two partitions, with a property, each with an insert id. */
    private static List<Command> batch(int b) {
        List<Command> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(event(T0 + (i % 2) * DAY + b * 1000L + i, "E" + (i % 4), "user-" + b, "b" + b + "-" + i,
                    Map.of("org_id", List.of("org-" + (b % 7)))));
        }
        return batch;
    }

    @Test
    void theCopyOpensWithSegmentsTailUsersGroupHistoryAndNothingLater() throws Exception {
        Path store = dir.resolve("store");
        Path copy = dir.resolve("copy");
        List<String> atSnapshot;
        StoreCopy result;
        try (EventStore live = EventStore.open(config(store))) {
            live.ingest(batch(0));
            live.ingest(List.of(new Identify("user-0", T0, Map.of("org_id", List.of("acme")), json("{\"plan\":\"free\"}"))));
            live.ingest(List.of(new GroupIdentify("org_id", "acme", T0, json("{\"seats\":1}"))));
            live.flush();
            live.ingest(batch(1)); // only in the tail and the WAL
            live.ingest(List.of(new GroupIdentify("org_id", "acme", T0 + 10, json("{\"$add\":{\"seats\":4}}"))));
            live.dynamicProperties().put(DynamicProperty.define("active_users_7d", "org_id", "UNIQUES()", null,
                    RefreshWindow.lastDays(7), T0));
            atSnapshot = rows(live, "org_id");
            live.cohorts().save(new CohortDefinition("vip", "org_id", CohortKind.IMPORTED, "vip.txt", T0, 0, null),
                    List.of("acme", "org-1"), false);
            live.cohorts().save(new CohortDefinition("busy", null, CohortKind.BEHAVIORAL, "SELECT user_id FROM events",
                    T0, -1, null), null, false);
            result = live.snapshotTo(copy);
            live.ingest(batch(2)); // after the snapshot point
            live.cohorts().drop("vip");
            live.ingest(List.of(new Identify("user-2", T0, Map.of("org_id", List.of("later")), null)));
            assertEquals(atSnapshot.size() + 20, rows(live).size());
            // the live store goes on: a compaction replaces the segments the copy links to
            live.flush();
            live.compact(1);
        }
        assertEquals(40, result.events());
        assertTrue(result.filesLinked() >= 2, "the flushed segments are linked: " + result);
        assertTrue(result.filesCopied() >= 4, "WAL, dictionaries, users and catalog are copied: " + result);
        assertTrue(Files.exists(copy.resolve("RUNNING")), "the copy opens with recovery");
        assertEquals(java.util.OptionalLong.empty(), EventStore.openedBy(copy), "a snapshot's marker names no process");

        try (EventStore restored = EventStore.open(config(copy))) {
            assertEquals(atSnapshot, rows(restored, "org_id"));
            assertEquals(List.of("acme"), restored.users().get("user-0").groups()
                    .get(restored.catalog().state().groupType("org_id").id()));
            assertNull(restored.users().get("user-2"), "written after the snapshot point");
            assertEquals(List.of("busy", "vip"), restored.cohorts().list().stream().map(CohortDefinition::name).toList());
            assertEquals(List.of("acme", "org-1"), List.of(restored.cohorts().members(restored.cohorts().get("vip"))));
            int org = restored.catalog().state().groupType("org_id").id();
            assertEquals(5, restored.groupHistory().valueAt(org, "acme", "seats", T0 + 20).intValue());
            assertEquals(RefreshWindow.lastDays(7), restored.dynamicProperties().get("active_users_7d").window(),
                    "dynamic group property definitions are copied");
            // insert ids acknowledged before the snapshot are still deduplicated
            assertEquals(20, restored.ingest(batch(1)).duplicates());
            assertEquals(0, restored.ingest(batch(2)).duplicates());
        }
        assertFalse(Files.exists(copy.resolve("RUNNING")), "closing the restored store cleanly drops the marker");
    }

    @Test
    void everyBatchAcknowledgedBeforeTheSnapshotIsInItAndNoBatchIsHalfThere() throws Exception {
        Path store = dir.resolve("store");
        Path copy = dir.resolve("copy");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> ackedBeforeSnapshot;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        StoreCopy result;
        try (EventStore live = EventStore.open(config(store).withFlushThresholdRows(500))) {
            CountDownLatch running = new CountDownLatch(2);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    try {
                        for (int b = writer; !stop.get() && b < 20_000; b += 2) {
                            live.ingest(batch(b));
                            acknowledged.add(b);
                            if (b >= 40) {
                                running.countDown();
                            }
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                        running.countDown();
                    }
                });
                t.start();
                writers.add(t);
            }
            running.await();
            ackedBeforeSnapshot = new HashSet<>(acknowledged);
            result = live.snapshotTo(copy);
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
        }
        assertNull(failure.get());
        try (EventStore restored = EventStore.open(config(copy))) {
            Map<String, Integer> perUser = new java.util.HashMap<>();
            for (String row : rows(restored)) {
                perUser.merge(row.split(" ")[2], 1, Integer::sum);
            }
            for (int b : ackedBeforeSnapshot) {
                assertEquals(20, perUser.getOrDefault("user-" + b, 0), "batch " + b + " was acknowledged before the snapshot");
            }
            perUser.forEach((user, n) -> assertEquals(20, n, user + ": a batch is wholly in the snapshot or not at all"));
            assertEquals(result.events(), restored.rowCount());
            assertTrue(result.events() >= ackedBeforeSnapshot.size() * 20L);
        }
    }

    @Test
    void anExistingTargetIsRefusedAndTheRunningMarkerNamesTheLiveProcess() throws Exception {
        Path store = dir.resolve("store");
        Files.createDirectories(dir.resolve("taken"));
        try (EventStore live = EventStore.open(config(store))) {
            live.ingest(batch(0));
            TroupeException e = assertThrows(TroupeException.class, () -> live.snapshotTo(dir.resolve("taken")));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
            try (Stream<Path> files = Files.list(dir.resolve("taken"))) {
                assertEquals(0, files.count());
            }
            assertEquals(ProcessHandle.current().pid(), EventStore.openedBy(store).orElseThrow());
        }
        assertTrue(EventStore.openedBy(store).isEmpty(), "a clean close removes the marker");
    }
}
