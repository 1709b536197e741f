package io.troupe.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.storage.EventStore;
import io.troupe.storage.event.Event;
import io.troupe.storage.partition.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoints over real sockets, against one server: each answer and each error with its status. */
class AdminApiTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    static Path data;
    static TroupeServer server;
    static AdminClient admin;

    @BeforeAll
    static void start() {
        server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(data).withFreePorts());
        admin = new AdminClient(server.adminAddress(), server.context().adminToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A new project (created through the API) for a test that counts what is stored. */
    private static Project project(String name) {
        AdminClient.Response created = admin.post("/projects", "{\"name\": \"" + name + "\"}");
        assertEquals(201, created.status(), created.toString());
        return server.projects().get(name);
    }

    private static void ingest(EventStore store, int day, int count, String prefix) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new Event(T0 + day * DAY + i * 1000L, "E" + (i % 3), prefix + "-u" + (i % 5), null, prefix + "-" + day + "-" + i,
                    Map.of("org_id", List.of("org" + (i % 2))), null, null));
        }
        store.ingest(events);
    }

    // --------------------------------------------------------------------------------------------- auth, routes

    @Test
    void healthNeedsNoTokenAndEverythingElseNeedsTheRightOne() {
        AdminClient.Response live = admin.send("GET", "/health/liveness", null, null);
        assertEquals(200, live.status());
        assertEquals("alive", live.json().get("status").textValue());
        AdminClient.Response ready = admin.send("GET", "/health/readiness", null, null);
        assertEquals(200, ready.status());
        assertEquals("ready", ready.json().get("status").textValue());

        for (String path : List.of("/metrics", "/projects", "/snapshots", "/nope")) {
            AdminClient.Response missing = admin.send("GET", path, null, null);
            assertEquals(401, missing.status(), path);
            assertEquals("INVALID_ADMIN_TOKEN", missing.error());
            assertEquals(4003, missing.json().get("error").get("code").intValue());
            assertEquals("28000", missing.json().get("error").get("sqlState").textValue());
            AdminClient.Response wrong = admin.send("GET", path, null, server.context().adminToken() + "x");
            assertEquals(401, wrong.status(), path);
            assertEquals("INVALID_ADMIN_TOKEN", wrong.error());
        }
        assertEquals(401, admin.send("POST", "/projects/default/flush", null, "").status());
        assertEquals(200, admin.get("/projects").status());
    }

    @Test
    void unknownPathsAre404AndWrongMethods405WithAllow() {
        AdminClient.Response unknown = admin.get("/projects/default/nothing-here");
        assertEquals(404, unknown.status());
        assertEquals("INVALID_REQUEST", unknown.error());
        AdminClient.Response wrong = admin.send("DELETE", "/projects", null, server.context().adminToken());
        assertEquals(405, wrong.status());
        assertEquals("INVALID_REQUEST", wrong.error());
        assertEquals("GET, POST", wrong.headers().get("allow"));
        assertEquals(405, admin.get("/projects/default/flush").status());
        assertEquals("POST", admin.get("/projects/default/flush").headers().get("allow"));
    }

    // ------------------------------------------------------------------------------------------------ projects

    @Test
    void projectsAreListedCreatedAndTheirKeysRotated() throws Exception {
        AdminClient.Response created = admin.post("/projects", "{\"name\": \"shop\"}");
        assertEquals(201, created.status(), created.toString());
        String key = created.json().get("apiKey").textValue();
        assertEquals(64, key.length());
        assertEquals(key, Files.readString(Path.of(created.json().get("apiKeyFile").textValue())).strip());
        assertEquals("shop", server.projects().byApiKey(key).orElseThrow().name());
        ingest(server.projects().get("shop").store(), 0, 7, "shop");

        JsonNode listed = admin.get("/projects").json().get("projects");
        JsonNode shop = null;
        for (JsonNode p : listed) {
            assertFalse(p.has("apiKey"), "keys are never listed");
            if (p.get("name").textValue().equals("shop")) {
                shop = p;
            }
        }
        assertEquals(7, shop.get("events").longValue(), listed.toString());

        AdminClient.Response rotated = admin.post("/projects/shop/api-key/rotate", null);
        assertEquals(200, rotated.status());
        String newKey = rotated.json().get("apiKey").textValue();
        assertNotEquals(key, newKey);
        assertTrue(server.projects().byApiKey(key).isEmpty(), "the old key stops working");
        assertEquals("shop", server.projects().byApiKey(newKey).orElseThrow().name());

        AdminClient.Response again = admin.post("/projects", "{\"name\": \"shop\"}");
        assertEquals(409, again.status());
        assertEquals("PROJECT_EXISTS", again.error());
        AdminClient.Response unknown = admin.post("/projects/nope/api-key/rotate", null);
        assertEquals(404, unknown.status());
        assertEquals("UNKNOWN_PROJECT", unknown.error());
    }

    @Test
    void badProjectBodiesAndNamesAre400() {
        for (String name : List.of("Shop", "1abc", "snapshots", "import", "a/b", "", "x".repeat(65))) {
            AdminClient.Response r = admin.post("/projects", "{\"name\": \"" + name + "\"}");
            assertEquals(400, r.status(), name);
            assertEquals("INVALID_PROJECT_NAME", r.error(), name);
        }
        AdminClient.Response malformed = admin.post("/projects", "{\"name\": ");
        assertEquals(400, malformed.status());
        assertEquals("MALFORMED_JSON", malformed.error());
        for (String body : List.of("{}", "{\"name\": 5}", "[\"shop\"]", "")) {
            AdminClient.Response r = admin.post("/projects", body);
            assertEquals(400, r.status(), body);
            assertEquals("INVALID_REQUEST", r.error(), body);
        }
        AdminClient.Response tooLarge = admin.post("/projects", "{\"name\": \"" + "x".repeat(70_000) + "\"}");
        assertEquals(413, tooLarge.status());
        assertEquals("VALUE_TOO_LARGE", tooLarge.error());
    }

    // --------------------------------------------------------------------------------------------- maintenance

    @Test
    void flushAndCompactChangeTheManifestsAndSayWhat() {
        EventStore store = project("maint").store();
        ingest(store, 0, 40, "a");
        ingest(store, 1, 10, "a");
        AdminClient.Response flushed = admin.post("/projects/maint/flush", null);
        assertEquals(200, flushed.status(), flushed.toString());
        JsonNode f = flushed.json();
        assertEquals(2, f.get("segmentsWritten").intValue());
        assertEquals(50, f.get("eventsWritten").intValue());
        assertEquals(0, f.get("walBytesPending").intValue());
        assertEquals("[\"2026-01-01\",\"2026-01-02\"]", f.get("partitions").toString());
        assertEquals(0, store.tailRows());
        long segmentBytes = store.manifests().values().stream().flatMap(m -> m.segments().stream()).mapToLong(s -> s.bytes()).sum();
        assertEquals(segmentBytes, f.get("bytesWritten").longValue());

        ingest(store, 0, 30, "b");
        admin.post("/projects/maint/flush", null);
        ingest(store, 0, 20, "c");
        admin.post("/projects/maint/flush", null);
        Manifest day0 = store.manifests().firstEntry().getValue();
        assertEquals(3, day0.segments().size());

        AdminClient.Response kept = admin.post("/projects/maint/compact?maxSegments=3", null);
        assertEquals(0, kept.json().get("partitionsCompacted").intValue(), kept.toString());
        AdminClient.Response compacted = admin.post("/projects/maint/compact", null);
        assertEquals(200, compacted.status(), compacted.toString());
        JsonNode c = compacted.json();
        assertEquals(1, c.get("maxSegments").intValue());
        assertEquals(1, c.get("partitionsCompacted").intValue());
        assertEquals(4, c.get("segmentsBefore").intValue());
        assertEquals(2, c.get("segmentsAfter").intValue());
        assertEquals(1, store.manifests().firstEntry().getValue().segments().size());
        assertEquals(90, store.manifests().firstEntry().getValue().rows());
        assertEquals(100, store.rowCount());

        for (String bad : List.of("0", "x", "-1", "99999999999")) {
            AdminClient.Response r = admin.post("/projects/maint/compact?maxSegments=" + bad, null);
            assertEquals(400, r.status(), bad);
            assertEquals("INVALID_ARGUMENT", r.error());
        }
        for (String path : List.of("/projects/nope/flush", "/projects/nope/compact", "/projects/nope/snapshot", "/projects/nope/import")) {
            AdminClient.Response r = path.endsWith("import") ? admin.get(path) : admin.post(path, null);
            assertEquals(404, r.status(), path);
            assertEquals("UNKNOWN_PROJECT", r.error(), path);
        }
    }

    // ------------------------------------------------------------------------------------------------- metrics

    @Test
    void metricsAreValidPrometheusTextWithStorageGaugesJvmMetersAndAdminLatency() {
        EventStore store = project("metered").store();
        ingest(store, 0, 25, "m");
        store.flush();
        ingest(store, 1, 5, "m");
        admin.get("/projects"); // at least one timed request before the scrape

        AdminClient.Response scraped = admin.get("/metrics");
        assertEquals(200, scraped.status());
        assertTrue(scraped.headers().get("content-type").startsWith("text/plain; version=0.0.4"), scraped.headers().toString());
        Map<String, Double> samples = PrometheusText.parse(scraped.body());
        String p = "{project=\"metered\"}";
        assertEquals(30.0, samples.get("troupe_storage_events" + p));
        assertEquals(5.0, samples.get("troupe_storage_tail_rows" + p));
        assertEquals(1.0, samples.get("troupe_storage_segments" + p));
        assertEquals(1.0, samples.get("troupe_storage_partitions" + p));
        assertEquals((double) store.walPosition() - store.flushedWalPosition(), samples.get("troupe_storage_wal_pending_bytes" + p));
        assertTrue(samples.get("troupe_storage_wal_pending_bytes" + p) > 0);
        long bytes = store.manifests().firstEntry().getValue().segments().get(0).bytes();
        assertEquals((double) bytes, samples.get("troupe_storage_segments_size_bytes" + p));
        assertTrue(samples.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes{")), "JVM memory");
        assertTrue(samples.keySet().stream().anyMatch(k -> k.startsWith("jvm_threads_live_threads")), "JVM threads");
        assertTrue(samples.keySet().stream().anyMatch(k -> k.startsWith("troupe_admin_requests_seconds_bucket{")
                && k.contains("endpoint=\"/projects\"") && k.contains("status=\"200\"")), "admin latency histogram");
        assertTrue(samples.get("troupe_admin_requests_seconds_count{endpoint=\"/projects\",method=\"GET\",status=\"200\"}") >= 1);
    }

    // ------------------------------------------------------------------------------------------------- imports

    @Test
    void uploadsAreSavedAtomicallyListedAndReplaced() throws Exception {
        byte[] cohort = "user_id\nalice\nbob\n".getBytes(StandardCharsets.UTF_8);
        AdminClient.Response saved = admin.put("/projects/default/import/cohort%20one.csv", cohort);
        assertEquals(201, saved.status(), saved.toString());
        assertEquals(cohort.length, saved.json().get("bytes").intValue());
        Path file = data.resolve("import/default/cohort one.csv");
        assertEquals("user_id\nalice\nbob\n", Files.readString(file));

        byte[] big = new byte[3_000_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        assertEquals(201, admin.put("/projects/default/import/cohort%20one.csv", big).status());
        assertTrue(java.util.Arrays.equals(big, Files.readAllBytes(file)), "replaced whole");
        assertEquals(201, admin.put("/projects/default/import/empty.csv", new byte[0]).status());
        assertEquals(0, Files.size(data.resolve("import/default/empty.csv")));

        JsonNode files = admin.get("/projects/default/import").json().get("files");
        assertEquals(2, files.size(), files.toString());
        assertEquals("cohort one.csv", files.get(0).get("name").textValue());
        assertEquals(big.length, files.get(0).get("bytes").intValue());
        assertEquals("empty.csv", files.get(1).get("name").textValue());
        try (var left = Files.list(data.resolve("import/default"))) {
            assertEquals(2, left.count(), "no temporary file is left");
        }
        AdminClient.Response unknown = admin.put("/projects/nope/import/a.csv", cohort);
        assertEquals(404, unknown.status());
        assertEquals("UNKNOWN_PROJECT", unknown.error());
        assertFalse(Files.exists(data.resolve("import/nope")));
    }

    @Test
    void fileNamesThatEscapeTheFolderAreRefused() throws Exception {
        for (String name : List.of("..", "..%2F..%2Fsecrets%2Fadmin.token", "%2Fetc%2Fpasswd", "a%5C..%5Cb", "..%5Cx",
                "bad%0Aname", "nul%00", "tab%09")) {
            AdminClient.Response r = admin.put("/projects/default/import/" + name, "x".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, r.status(), name + ": " + r);
            assertEquals("PATH_OUTSIDE_FOLDER", r.error(), name);
        }
        for (String name : List.of(".hidden", ".", "x".repeat(256))) {
            AdminClient.Response r = admin.put("/projects/default/import/" + name, "x".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, r.status(), name + ": " + r);
            assertEquals("INVALID_ARGUMENT", r.error(), name);
        }
        // a path that only looks like an import of another folder is no route at all
        assertEquals(404, admin.put("/projects/default/import/a/b.csv", new byte[1]).status());
        assertFalse(Files.exists(data.resolve("passwd")));
        assertEquals(64, Files.readString(data.resolve("secrets/admin.token")).strip().length(), "untouched");
    }

    @Test
    void anUploadDeclaredOverTheLimitIsRefusedBeforeItsBody() throws Exception {
        try (var socket = admin.socket()) {
            AdminClient.write(socket, "PUT /projects/default/import/huge.csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + server.context().adminToken() + "\r\nContent-Length: " + (300L << 20) + "\r\n\r\n");
            AdminClient.Response r = AdminClient.read(socket);
            assertEquals(413, r.status(), r.toString());
            assertEquals("VALUE_TOO_LARGE", r.error());
            assertEquals("close", r.headers().get("connection"));
        }
        assertFalse(Files.exists(data.resolve("import/default/huge.csv")));
    }

    @Test
    void expectContinueGetsContinueThenTheResult() throws Exception {
        try (var socket = admin.socket()) {
            String head = "PUT /projects/default/import/continued.csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + server.context().adminToken() + "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n";
            AdminClient.write(socket, head);
            assertEquals(100, AdminClient.read(socket).status());
            AdminClient.write(socket, "a,b\n\n");
            AdminClient.Response r = AdminClient.read(socket);
            assertEquals(201, r.status(), r.toString());
            // refused before the body: the client sends none, the server answers and closes
            AdminClient.write(socket, head.replace("continued.csv", "..%2Fx"));
            AdminClient.Response refused = AdminClient.read(socket);
            assertEquals(400, refused.status());
            assertEquals("PATH_OUTSIDE_FOLDER", refused.error());
            assertTrue(AdminClient.closedByServer(socket));
        }
        assertEquals("a,b\n\n", Files.readString(data.resolve("import/default/continued.csv")));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        String auth = "Authorization: Bearer " + server.context().adminToken() + "\r\n";
        try (var socket = admin.socket()) {
            AdminClient.write(socket, "GET /projects HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"
                    + "GET /health/liveness HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nothing HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"
                    + "GET /snapshots HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n");
            AdminClient.Response projects = AdminClient.read(socket);
            assertEquals(200, projects.status());
            assertTrue(projects.json().has("projects"));
            assertEquals("alive", AdminClient.read(socket).json().get("status").textValue());
            assertEquals(404, AdminClient.read(socket).status());
            AdminClient.Response snapshots = AdminClient.read(socket);
            assertTrue(snapshots.json().has("snapshots"), snapshots.toString());
            assertTrue(AdminClient.closedByServer(socket));
        }
    }
}
