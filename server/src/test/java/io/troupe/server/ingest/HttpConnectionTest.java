package io.troupe.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection-level behaviour of the ingest port: keep-alive, pipelining, the body limit, slow, idle and
 * half-closed clients, malformed HTTP. After each test the server must still serve a normal request.
 */
class HttpConnectionTest {
    private static final int BODY_LIMIT = 64 * 1024;
    /** Short, so that the slow and idle cases end quickly; 2 s, not 1, so that a stalled test JVM is not an idle client. */
    private static final int TIMEOUT_SECONDS = 2;

    @TempDir
    static Path data;
    static IngestTestSupport s;

    @BeforeAll
    static void start() {
        s = IngestTestSupport.start(data, Map.of("ingest.maxBodyBytes", Integer.toString(BODY_LIMIT),
                "ingest.idleTimeoutSeconds", Integer.toString(TIMEOUT_SECONDS)));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @AfterEach
    void stillServes() {
        String id = "alive-" + System.nanoTime();
        IngestTestSupport.Answer answer = s.postJson("/2/httpapi", upload(id, "user-alive"));
        assertEquals(200, answer.status(), "the server stopped serving: " + answer);
        assertEquals(List.of(id), s.text("SELECT insert_id FROM events WHERE insert_id = ?", id));
    }

    private static String upload(String insertId, String user) {
        return "{\"api_key\":\"" + s.apiKey() + "\",\"events\":[{\"event_type\":\"Open App\",\"user_id\":\"" + user
                + "\",\"insert_id\":\"" + insertId + "\"}]}";
    }

    private RawHttp connect() throws Exception {
        return new RawHttp(s.server.httpAddress());
    }

    private static long stored(String insertIdPrefix) {
        return s.rows("SELECT insert_id FROM events WHERE insert_id LIKE ?", insertIdPrefix + "%").size();
    }

    @Test
    void keepAliveAndPipeliningAnswerInOrder() throws Exception {
        try (RawHttp c = connect()) {
            c.send(RawHttp.post("/2/httpapi", "application/json", upload("keep-1", "user-keep")));
            assertEquals(200, c.read().status());
            // Three requests in one write: a store, an unknown path, a store; answered in that order on one connection.
            c.send(RawHttp.post("/2/httpapi", "application/json", upload("keep-2", "user-keep"))
                    + RawHttp.post("/nowhere", "application/json", "{}")
                    + RawHttp.post("/2/httpapi", "application/json", upload("keep-3", "user-keep")));
            RawHttp.Response first = c.read();
            RawHttp.Response second = c.read();
            RawHttp.Response third = c.read();
            assertEquals(List.of(200, 404, 200), List.of(first.status(), second.status(), third.status()));
            assertTrue(first.body().contains("\"events_ingested\":1") && third.body().contains("\"events_ingested\":1"));
        }
        assertEquals(3, stored("keep-"));
    }

    @Test
    void expectContinueWithinTheLimitAndCompressedBodies() throws Exception {
        String body = upload("expect-1", "user-expect");
        try (RawHttp c = connect()) {
            c.send("POST /2/httpapi HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            assertEquals(100, c.read().status(), "the client may send its body");
            c.send(body);
            assertEquals(200, c.read().status());
            c.send("POST /2/httpapi HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                    + "Content-Length: 4\r\n\r\nabcd");
            RawHttp.Response gzip = c.read();
            assertEquals(415, gzip.status(), gzip.toString());
            assertTrue(gzip.body().contains("Content-Encoding"), gzip.body());
        }
        assertEquals(1, stored("expect-"));
    }

    @Test
    void aBodyOverTheLimitIs413WithAmplitudesBody() throws Exception {
        String big = upload("big-1", "user-big").replace("\"Open App\"", "\"" + "x".repeat(BODY_LIMIT) + "\"");
        IngestTestSupport.Answer answer = s.postJson("/2/httpapi", big);
        assertEquals(413, answer.status(), answer.toString());
        JsonNode json = answer.json();
        assertEquals(413, json.get("code").asInt());
        assertTrue(json.get("error").asText().contains("ingest.maxBodyBytes"), json.toString());
        assertEquals(3003, json.at("/troupe_error/code").asInt());
        // The same with Expect: 100-continue: refused from Content-Length, before the body is sent.
        try (RawHttp c = connect()) {
            c.send("POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + big.length() + "\r\n\r\n");
            RawHttp.Response expect = c.read();
            assertEquals(413, expect.status(), expect.toString());
            assertTrue(expect.body().contains("\"success\":false"), "Segment's shape on a Segment path: " + expect);
            assertTrue(expect.closes());
        }
        assertEquals(0, stored("big-"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        String chunk = "x".repeat(8 * 1024);
        try (RawHttp c = connect()) {
            c.send("POST /2/httpapi HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            RawHttp.Response response = null;
            for (int i = 0; i < 20 && response == null; i++) {
                try {
                    c.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
                } catch (java.io.IOException closed) {
                    break; // the server answered and is closing: read the answer
                }
            }
            response = c.read();
            assertEquals(413, response.status(), response.toString());
            assertTrue(response.closes());
        }
    }

    @Test
    void aSlowClientGets408AndTheConnectionCloses() throws Exception {
        try (RawHttp c = connect()) {
            // A slowloris client: the head announces 200 bytes, then a byte every 200 ms, far past the timeout.
            c.send("POST /2/httpapi HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n");
            RawHttp.Response response = null;
            for (int i = 0; i < 50; i++) {
                try {
                    c.send(" ");
                } catch (java.io.IOException closed) {
                    break;
                }
                Thread.sleep(200);
            }
            response = c.read();
            assertEquals(408, response.status(), response.toString());
            assertTrue(response.body().contains("\"code\":3010"), response.body());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (RawHttp c = connect()) {
            c.send(RawHttp.post("/2/httpapi", "application/json", upload("idle-1", "user-idle")));
            assertEquals(200, c.read().status());
            assertTrue(c.closedByServer(), "the idle connection was closed"); // blocks until the timeout closes it
        }
        assertEquals(1, stored("idle-"));
    }

    @Test
    void aClientThatHalfClosesAfterItsRequestGetsTheAnswer() throws Exception {
        try (RawHttp c = connect()) {
            c.send(RawHttp.post("/2/httpapi", "application/json", upload("half-1", "user-half")));
            c.shutdownOutput();
            RawHttp.Response response = c.read();
            assertEquals(200, response.status(), response.toString());
            assertTrue(c.closedByServer());
        }
        assertEquals(1, stored("half-1"));
    }

    @Test
    void aClientThatHalfClosesMidRequestStoresNothing() throws Exception {
        String whole = RawHttp.post("/2/httpapi", "application/json", upload("half-2", "user-half"));
        try (RawHttp c = connect()) {
            c.send(whole.substring(0, whole.length() - 10));
            c.shutdownOutput();
            assertTrue(c.closedByServer(), "closed without an answer");
        }
        assertEquals(0, stored("half-2"));
    }

    @Test
    void malformedHttpIs400() throws Exception {
        try (RawHttp c = connect()) {
            c.send("THIS IS NOT HTTP\r\n\r\n");
            RawHttp.Response response = c.read();
            assertEquals(400, response.status(), response.toString());
            assertTrue(response.body().contains("\"symbol\":\"INVALID_REQUEST\""), response.body());
        }
        try (RawHttp c = connect()) {
            c.send("POST /2/httpapi HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(40 * 1024) + "\r\n\r\n");
            RawHttp.Response response = c.read();
            assertEquals(400, response.status(), response.toString());
        }
    }
}
