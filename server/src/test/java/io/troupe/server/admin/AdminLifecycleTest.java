package io.troupe.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.troupe.server.ServerContext;
import io.troupe.server.ServerState;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.metrics.ServerMetrics;
import io.troupe.server.net.EventLoops;
import io.troupe.server.net.Listener;
import io.troupe.server.security.Secrets;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin port before the server is ready, during shutdown, and at its size limits. */
class AdminLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void beforeRecoveryEndsHealthAndMetricsAnswerAndTheRestIs503NotReady() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        ServerMetrics metrics = new ServerMetrics();
        // the context a server has while its stores recover: not ready, no projects yet
        ServerContext recovering = new ServerContext(ServerConfig.defaults().withDataDirectory(dir), new ServerState(),
                () -> null, null, Secrets.open(dir), "the-token", metrics, pool, pool,
                new DefaultChannelGroup("test", GlobalEventExecutor.INSTANCE));
        try (EventLoops loops = new EventLoops(1);
             Listener listener = Listener.bind("admin", "127.0.0.1", 0, loops, recovering.connections(),
                     AdminApi.pipeline(recovering))) {
            AdminClient admin = new AdminClient(listener.address(), "the-token");
            assertEquals(200, admin.send("GET", "/health/liveness", null, null).status());
            AdminClient.Response readiness = admin.send("GET", "/health/readiness", null, null);
            assertEquals(503, readiness.status());
            assertEquals("SERVER_NOT_READY", readiness.error());
            AdminClient.Response scraped = admin.get("/metrics");
            assertEquals(200, scraped.status(), "JVM metrics during recovery");
            assertTrue(PrometheusText.parse(scraped.body()).keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes")));
            for (AdminClient.Response r : List.of(admin.get("/projects"), admin.get("/snapshots"),
                    admin.post("/projects/default/flush", null), admin.post("/projects", "{\"name\": \"x\"}"),
                    admin.put("/projects/default/import/a.csv", new byte[] {1}))) {
                assertEquals(503, r.status(), r.toString());
                assertEquals("SERVER_NOT_READY", r.error());
            }
            assertEquals(401, admin.send("GET", "/projects", null, null).status(), "the token is checked first");
        } finally {
            pool.shutdownNow();
            metrics.close();
        }
        assertFalse(Files.exists(dir.resolve("import/default/a.csv")));
    }

    @Test
    void duringShutdownReadinessAndRequestsOnOpenConnectionsAre503ShuttingDown() throws Exception {
        TroupeServer server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(dir).withFreePorts());
        AdminClient admin = new AdminClient(server.adminAddress(), server.context().adminToken());
        String auth = "Authorization: Bearer " + server.context().adminToken() + "\r\n";
        CountDownLatch release = new CountDownLatch(1);
        Thread closer = new Thread(server::close);
        try (Socket socket = admin.socket()) {
            AdminClient.write(socket, "GET /health/readiness HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, AdminClient.read(socket).status());
            // work in flight keeps shutdown waiting for the pool; the open connection stays meanwhile
            server.context().queryPool().execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            closer.start();
            while (!server.context().state().shuttingDown()) {
                Thread.sleep(1); // close() marks it first thing
            }
            AdminClient.write(socket, "GET /health/readiness HTTP/1.1\r\nHost: x\r\n\r\n");
            AdminClient.Response readiness = AdminClient.read(socket);
            assertEquals(503, readiness.status());
            assertEquals("SERVER_SHUTTING_DOWN", readiness.error());
            AdminClient.write(socket, "POST /projects/default/flush HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
            AdminClient.Response flush = AdminClient.read(socket);
            assertEquals(503, flush.status());
            assertEquals("SERVER_SHUTTING_DOWN", flush.error());
            AdminClient.write(socket, "GET /health/liveness HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, AdminClient.read(socket).status(), "alive until the process ends");
        } finally {
            release.countDown();
            closer.join();
        }
    }

    @Test
    void streamedUploadsAreBoundedAndLargeOnesArriveWhole() throws Exception {
        try (TroupeServer server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(dir).withFreePorts());
             EventLoops loops = new EventLoops(1);
             Listener small = Listener.bind("admin", "127.0.0.1", 0, loops, server.context().connections(),
                     AdminApi.pipeline(server.context(), new AdminLimits(1024, 1000, 60)))) {
            String token = server.context().adminToken();
            Path folder = dir.resolve("import/default");
            AdminClient limited = new AdminClient(small.address(), token);
            String head = "PUT /projects/default/import/%s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n";
            try (Socket socket = limited.socket()) {
                AdminClient.write(socket, String.format(head, "fits.csv") + chunked(900));
                assertEquals(201, AdminClient.read(socket).status());
                // over the limit: no Content-Length to refuse it by, so it is cut while streaming
                AdminClient.write(socket, String.format(head, "over.csv") + chunked(64 * 1024));
                AdminClient.Response refused = AdminClient.read(socket);
                assertEquals(413, refused.status(), refused.toString());
                assertEquals("VALUE_TOO_LARGE", refused.error());
                assertTrue(AdminClient.closedByServer(socket));
            }
            assertEquals(900, Files.size(folder.resolve("fits.csv")));
            assertFalse(Files.exists(folder.resolve("over.csv")));
            AdminClient.Response body = limited.post("/projects", "{\"name\": \"" + "x".repeat(2000) + "\"}");
            assertEquals(413, body.status(), "the JSON body limit");

            // past the upload's high-water mark: reading pauses and resumes while the disk catches up
            byte[] big = new byte[24 << 20];
            new java.util.Random(7).nextBytes(big);
            AdminClient admin = new AdminClient(server.adminAddress(), token);
            assertEquals(201, admin.put("/projects/default/import/big.bin", big).status());
            assertEquals(sha256(big), sha256(Files.readAllBytes(folder.resolve("big.bin"))));
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(List.of("big.bin", "fits.csv"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                        "no temporary file is left");
            }
        }
    }

    private static String chunked(int bytes) {
        StringBuilder body = new StringBuilder();
        for (int sent = 0; sent < bytes; sent += 100) {
            int n = Math.min(100, bytes - sent);
            body.append(Integer.toHexString(n)).append("\r\n").append("y".repeat(n - 1)).append('\n').append("\r\n");
        }
        return body.append("0\r\n\r\n").toString();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
