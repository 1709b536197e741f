package io.troupe.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.storage.EventStore;
import io.troupe.storage.event.Event;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot taken through the admin port while writers ingest, restored with {@code bin/troupe restore}
 * into a fresh data directory: every event acknowledged before the snapshot is there, once, and no batch is
 * there in part. Restore refuses a data directory in use and an existing project without {@code --replace}.
 */
class SnapshotRestoreTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final int BATCH = 20;

    @TempDir
    Path dir;

    private static List<Event> batch(int b) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            events.add(new Event(T0 + (i % 3) * 86_400_000L + b, "E" + (i % 4), "user-" + b, null, "b" + b + "-" + i,
                    Map.of("org_id", List.of("org-" + (b % 5))), null, null));
        }
        return events;
    }

    /** Events per user id, read through the store's dictionaries. */
    private static Map<String, Integer> eventsPerUser(EventStore store) {
        Map<String, Integer> perUser = new HashMap<>();
        try (Snapshot s = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            s.scan(List.of(SegmentSchema.USER_ID), batch -> {
                int[] users = new int[batch.rowCount()];
                batch.ids(SegmentSchema.USER_ID, users);
                for (int u : users) {
                    perUser.merge(store.dictionaries().users().valueOf(u), 1, Integer::sum);
                }
            });
        }
        return perUser;
    }

    private record Run(int status, String out, String err) {
    }

    private static Run restore(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RestoreCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSnapshotUnderConcurrentIngestRestoresEveryAcknowledgedEventOnce() throws Exception {
        Path data = dir.resolve("data");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> acknowledgedBefore;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        JsonNode taken;
        Path snapshot;
        try (TroupeServer server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(data).withFreePorts())) {
            AdminClient admin = new AdminClient(server.adminAddress(), server.context().adminToken());
            EventStore store = server.projects().get("default").store();
            CountDownLatch warm = new CountDownLatch(2);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int first = w;
                Thread writer = new Thread(() -> {
                    try {
                        for (int b = first; !stop.get(); b += 2) {
                            store.ingest(batch(b));
                            acknowledged.add(b);
                            if (b == 40 + first) {
                                warm.countDown();
                                store.flush(); // some events in segments, the rest in the tail and WAL
                            }
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                        warm.countDown();
                    }
                });
                writer.start();
                writers.add(writer);
            }
            warm.await();
            acknowledgedBefore = new HashSet<>(acknowledged);
            AdminClient.Response created = admin.post("/projects/default/snapshot", null);
            for (int more = acknowledged.size() + 20; acknowledged.size() < more && failure.get() == null; ) {
                Thread.sleep(1); // writers go on after the snapshot point
            }
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
            assertNull(failure.get());
            assertEquals(201, created.status(), created.toString());
            taken = created.json();
            snapshot = Path.of(taken.get("path").textValue());
            assertTrue(snapshot.startsWith(data.resolve("snapshots")), snapshot.toString());
            assertTrue(taken.get("snapshot").textValue().matches("default-\\d{8}T\\d{6}\\.\\d{3}Z"), taken.toString());
            assertTrue(taken.get("filesLinked").intValue() > 0, "segments are linked: " + taken);

            JsonNode listed = admin.get("/snapshots").json().get("snapshots");
            assertEquals(1, listed.size(), listed.toString());
            assertEquals(taken.get("snapshot").textValue(), listed.get(0).get("name").textValue());
            assertEquals("default", listed.get(0).get("project").textValue());
            assertEquals(taken.get("events").longValue(), listed.get(0).get("events").longValue());

            TroupeException inUse = assertThrows(TroupeException.class,
                    () -> RestoreCommand.restore(snapshot, data, "copy", false, new PrintStream(new ByteArrayOutputStream())));
            assertEquals(ErrorCode.DATA_DIRECTORY_IN_USE, inUse.errorCode());
            assertTrue(Files.notExists(data.resolve("copy")));
        }

        Path fresh = dir.resolve("fresh");
        Run restored = restore("--snapshot", snapshot.toString(), "--data", fresh.toString());
        assertEquals(0, restored.status(), restored.err());
        try (EventStore store = EventStore.open(io.troupe.storage.StoreConfig.defaults("default", fresh.resolve("default")))) {
            Map<String, Integer> perUser = eventsPerUser(store);
            for (int b : acknowledgedBefore) {
                assertEquals(BATCH, perUser.getOrDefault("user-" + b, 0), "batch " + b + " was acknowledged before the snapshot");
            }
            perUser.forEach((user, n) -> assertEquals(BATCH, n, user + ": a batch is wholly in the snapshot or not at all"));
            assertEquals(taken.get("events").longValue(), store.rowCount());
            assertTrue(perUser.size() < acknowledged.size(), "batches acknowledged after the snapshot are not in it");
        }
        assertTrue(restored.out().contains("Restored " + String.format("%,d", taken.get("events").longValue()) + " events"), restored.out());

        Run again = restore("--snapshot", snapshot.toString(), "--data", fresh.toString());
        assertEquals(1, again.status());
        assertTrue(again.err().contains("PROJECT_EXISTS") && again.err().contains("--replace"), again.err());
        assertEquals(0, restore("--snapshot", snapshot.toString(), "--data", fresh.toString(), "--project", "copy").status());
        assertEquals(0, restore("--snapshot", snapshot.toString(), "--data", fresh.toString(), "--replace").status());
        try (var entries = Files.list(fresh)) {
            assertEquals(List.of("copy", "default", "troupe.lock"), entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging or replaced folder is left");
        }

        // the restored data directory serves: both projects open, with the snapshot's events and new API keys
        try (TroupeServer server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(fresh).withFreePorts())) {
            assertEquals(taken.get("events").longValue(), server.projects().get("default").store().rowCount());
            assertEquals(taken.get("events").longValue(), server.projects().get("copy").store().rowCount());
            assertTrue(Files.exists(fresh.resolve("secrets/copy.api-key")));
        }
    }

    @Test
    void restoreRefusesWhatIsNotASnapshotAndBadNames() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        Run notASnapshot = restore("--snapshot", dir.resolve("empty").toString(), "--data", dir.resolve("d").toString());
        assertEquals(1, notASnapshot.status());
        assertTrue(notASnapshot.err().contains("FILE_NOT_READABLE"), notASnapshot.err());
        Files.writeString(dir.resolve("empty").resolve(SnapshotDescriptor.FILE_NAME),
                "{\"formatVersion\":1,\"project\":\"p\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"walPosition\":0,\"events\":0,\"bytes\":0}");
        Run badName = restore("--snapshot", dir.resolve("empty").toString(), "--data", dir.resolve("d").toString(),
                "--project", "Secrets");
        assertEquals(1, badName.status());
        assertTrue(badName.err().contains("INVALID_PROJECT_NAME"), badName.err());
        assertEquals(2, restore("--data", "x").status(), "usage");
    }
}
