package io.troupe.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.troupe.common.ErrorCode;
import io.troupe.common.wire.Message;
import io.troupe.common.wire.MessageCodec;
import io.troupe.common.wire.MessageType;
import io.troupe.common.wire.Parameter;
import io.troupe.common.wire.QueryOptions;
import io.troupe.common.wire.ServerErrorException;
import io.troupe.common.wire.WireFormat;
import io.troupe.server.project.Projects;
import io.troupe.server.security.UserAccounts;
import io.troupe.sql.SqlSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native protocol end to end over loopback sockets: handshake, auth, queries, errors, cancel, backpressure. */
class SqlProtocolTest extends WithProtocolServer {
    long allocatedBefore;

    @BeforeEach
    void rememberAllocator() {
        allocatedBefore = server.project.store().allocator().getAllocatedMemory();
    }

    /** Every query's Arrow memory is freed once it ends, however it ended (queries may end after a test's last read). */
    @AfterEach
    void everyQueryFreedItsMemory() {
        var allocator = server.project.store().allocator();
        Awaits.until(() -> allocator.getChildAllocators().stream().noneMatch(a -> a.getName().startsWith("query-")),
                "every query's allocator is closed");
        assertEquals(allocatedBefore, allocator.getAllocatedMemory(), allocator.toVerboseString());
    }

    private static Message.ErrorResponse error(Message m) {
        return assertInstanceOf(Message.ErrorResponse.class, m, () -> "expected an error, got " + m);
    }

    private static Message.ErrorResponse serverError(Runnable r) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, r::run);
        return assertInstanceOf(ServerErrorException.class, e.getCause()).error();
    }

    @Test
    void handshakeAgreesOnTheVersionAndAuthenticationSaysWhereTheClientIs() {
        try (TestClient c = TestClient.connect(server.address())) {
            Message.HelloOk ok = assertInstanceOf(Message.HelloOk.class, c.request(new Message.Hello(WireFormat.VERSION, "t")));
            assertEquals(WireFormat.VERSION, ok.version());
            assertTrue(ok.server().startsWith("Troupe "), ok.server());
            Message.AuthOk auth = assertInstanceOf(Message.AuthOk.class, c.request(new Message.Authenticate(
                    UserAccounts.DEFAULT_USER, UserAccounts.DEFAULT_PASSWORD, Projects.DEFAULT_PROJECT)));
            assertEquals("default", auth.properties().get(WireFormat.PROPERTY_PROJECT));
            assertEquals("troupe", auth.properties().get(WireFormat.PROPERTY_USER));
            assertEquals("UTC", auth.properties().get(WireFormat.PROPERTY_TIME_ZONE));
            assertEquals(List.of(List.of(1500L)), c.query("SELECT COUNT(*) FROM events").rows());
        }
    }

    @Test
    void anotherVersionIsRefusedAndTheConnectionClosed() {
        try (TestClient c = TestClient.connect(server.address())) {
            Message.ErrorResponse e = error(c.request(new Message.Hello(2, "future client")));
            assertEquals(1022, e.code());
            assertEquals("08004", e.sqlState());
            assertEquals("UNSUPPORTED_PROTOCOL_VERSION", e.symbol());
            assertTrue(e.message().contains("version 2: this server speaks version 1"), e.message());
            assertTrue(e.closing());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswerThatNamesOnlyTheUser() {
        Message.ErrorResponse badPassword = authenticate("troupe", "wrong", "default");
        Message.ErrorResponse unknownUser = authenticate("nobody", "troupe", "default");
        Message.ErrorResponse badPasswordUnknownProject = authenticate("troupe", "wrong", "nowhere");
        for (Message.ErrorResponse e : List.of(badPassword, unknownUser, badPasswordUnknownProject)) {
            assertEquals(ErrorCode.AUTHENTICATION_FAILED.code(), e.code());
            assertEquals("28000", e.sqlState());
            assertTrue(e.closing());
            assertFalse(e.message().contains("wrong") || e.message().contains("nowhere") || e.message().contains("project"), e.message());
        }
        assertEquals(badPassword.message(), badPasswordUnknownProject.message());
        assertEquals(badPassword.message().replace("'troupe'", "'nobody'"), unknownUser.message());
    }

    @Test
    void anUnknownProjectIsNamedOnlyToAnAuthenticatedUser() {
        Message.ErrorResponse e = authenticate("troupe", "troupe", "nowhere");
        assertEquals(ErrorCode.UNKNOWN_PROJECT.code(), e.code());
        assertEquals("3D000", e.sqlState());
        assertTrue(e.message().contains("'nowhere'"), e.message());
    }

    private static Message.ErrorResponse authenticate(String user, String password, String project) {
        try (TestClient c = TestClient.connect(server.address())) {
            assertInstanceOf(Message.HelloOk.class, c.request(new Message.Hello(WireFormat.VERSION, "t")));
            Message.ErrorResponse e = error(c.request(new Message.Authenticate(user, password, project)));
            assertTrue(c.closedByServer());
            return e;
        }
    }

    @Test
    void statementsRunOneAfterAnotherWithTheirOptions() {
        try (TestClient c = server.client()) {
            TestClient.Result all = c.query("SELECT event_type FROM events", QueryOptions.DEFAULTS.withFetchRows(100));
            assertEquals(1500, all.rows().size());
            assertEquals(15, all.batches(), "fetch rows is the batch size");
            assertFalse(all.end().truncated());

            TestClient.Result limited = c.query("SELECT event_type FROM events", QueryOptions.DEFAULTS.withMaxRows(10).withFetchRows(4));
            assertEquals(10, limited.rows().size());
            assertEquals(3, limited.batches());
            assertTrue(limited.end().truncated());

            TestClient.Result exact = c.query("SELECT event_type FROM events", QueryOptions.DEFAULTS.withMaxRows(1500));
            assertEquals(1500, exact.rows().size());
            assertFalse(exact.end().truncated(), "max rows equal to the row count truncates nothing");

            TestClient.Result none = c.query("SELECT event_type, event_time FROM events WHERE event_type = 'zzz'");
            assertEquals(0, none.rows().size());
            assertEquals(0, none.batches());
            assertEquals(2, none.schema().getFields().size(), "a result without rows still has its schema");
            assertEquals(new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, null),
                    none.schema().getFields().get(1).getType());
        }
    }

    @Test
    void errorsCarryCodeStateAndPositionAndLeaveTheConnectionUsable() {
        try (TestClient c = server.client()) {
            Message.ErrorResponse unknown = serverError(() -> c.query("SELECT event_type,\n       nope FROM events"));
            assertEquals(ErrorCode.UNKNOWN_COLUMN.code(), unknown.code());
            assertEquals("42703", unknown.sqlState());
            assertEquals("UNKNOWN_COLUMN", unknown.symbol());
            assertEquals(2, unknown.line());
            assertEquals(8, unknown.column());
            assertFalse(unknown.closing());
            assertEquals(1, unknown.queryId());

            Message.ErrorResponse syntax = serverError(() -> c.query("SELECT event_type FROM events\nWHERE"));
            assertEquals(ErrorCode.SQL_SYNTAX_ERROR.code(), syntax.code());
            assertEquals("42601", syntax.sqlState());
            assertEquals(2, syntax.line(), syntax.toString());

            Message.ErrorResponse parameter = serverError(() -> c.query("SELECT CAST(? AS INTEGER) + CAST(? AS INTEGER)", Parameter.of(1)));
            assertTrue(parameter.code() == ErrorCode.INVALID_PARAMETER.code() || parameter.code() == ErrorCode.SQL_EXECUTION_FAILED.code(),
                    parameter.toString());

            assertEquals(List.of(List.of(1500L)), c.query("SELECT COUNT(*) FROM events").rows());
        }
    }

    @Test
    void aDialectQueryGivesWhatTheEngineGives() {
        String funnel = "SELECT step, units FROM (SELECT FUNNEL(event_type = 'a', event_type = 'b') FROM events GROUP BY GROUP TYPE org_id)";
        List<List<Object>> expected;
        try (SqlSession s = server.project.sql().open()) {
            expected = s.rows(funnel);
        }
        assertFalse(expected.isEmpty());
        try (TestClient c = server.client()) {
            assertEquals(expected, c.query(funnel).rows());
        }
    }

    @Test
    void aLargeResultIsStreamedInBatchesAndCounted() {
        try (TestClient c = server.client()) {
            long id = c.sendQuery("SELECT a.event_time, a.event_type, b.user_id FROM events a, events b", QueryOptions.DEFAULTS).queryId();
            TestClient.Count count = c.count(id);
            assertEquals(2_250_000L, count.rows());
            assertEquals(2_250_000L, count.end().rowCount());
            assertTrue(count.batches() >= 2_250_000L / WireFormat.DEFAULT_FETCH_ROWS, "batches: " + count.batches());
        }
    }

    @Test
    void aCancelStopsARunningQueryWhichReportsItAndTheConnectionGoesOn() {
        try (TestClient c = server.client()) {
            long computing = c.sendQuery(ProtocolServer.ENDLESS_COUNT, QueryOptions.DEFAULTS).queryId();
            awaitRunning();
            c.send(new Message.Cancel(computing));
            Message.ErrorResponse e = error(c.read());
            assertEquals(computing, e.queryId());
            assertEquals(ErrorCode.QUERY_CANCELLED.code(), e.code());
            assertEquals("57014", e.sqlState());

            long streaming = c.sendQuery(ProtocolServer.ENDLESS, QueryOptions.DEFAULTS).queryId();
            assertInstanceOf(Message.ResultSchema.class, c.read());
            assertInstanceOf(Message.ResultBatch.class, c.read());
            c.send(new Message.Cancel(streaming + 100)); // not running: ignored
            c.send(new Message.Cancel(streaming));
            Message m;
            do {
                m = c.read(); // batches already on their way, then the error
            } while (m instanceof Message.ResultBatch);
            assertEquals(ErrorCode.QUERY_CANCELLED.code(), error(m).code());

            assertEquals(List.of(List.of(1500L)), c.query("SELECT COUNT(*) FROM events").rows());
        }
    }

    @Test
    void aSecondQueryWhileOneRunsIsRefusedWithoutDisturbingTheFirst() {
        try (TestClient c = server.client()) {
            long first = c.sendQuery(ProtocolServer.ENDLESS_COUNT, QueryOptions.DEFAULTS).queryId();
            long second = c.sendQuery("SELECT 1", QueryOptions.DEFAULTS).queryId();
            Message.ErrorResponse refused = error(c.read());
            assertEquals(second, refused.queryId());
            assertEquals(ErrorCode.QUERY_IN_PROGRESS.code(), refused.code());
            assertTrue(refused.message().contains("Query " + first + " still runs"), refused.message());
            assertFalse(refused.closing());
            c.send(new Message.Cancel(first));
            assertEquals(ErrorCode.QUERY_CANCELLED.code(), error(c.read()).code());
        }
    }

    @Test
    void aQueryPastItsTimeoutStops() {
        try (TestClient c = server.client()) {
            Message.ErrorResponse e = serverError(() -> c.query(ProtocolServer.ENDLESS_COUNT, QueryOptions.DEFAULTS.withTimeoutSeconds(1)));
            assertEquals(ErrorCode.QUERY_TIMEOUT.code(), e.code());
            assertEquals("57014", e.sqlState());
        }
    }

    @Test
    void aClientThatStopsReadingHoldsTheQueryBackInsteadOfFillingTheServersMemory() throws IOException {
        try (TestClient c = server.client()) {
            long id = c.sendQuery(ProtocolServer.ENDLESS, QueryOptions.DEFAULTS).queryId();
            Channel ch = server.serverChannel(c.socket());
            // The worker fills the socket buffers and the channel's outbound buffer, then waits: the bytes it has
            // produced stop growing while the client reads nothing.
            double[] last = {-1};
            long[] stableSince = {System.nanoTime()};
            Awaits.until(() -> {
                double now = server.resultBytes();
                if (now != last[0]) {
                    last[0] = now;
                    stableSince[0] = System.nanoTime();
                    return false;
                }
                return now > 0 && System.nanoTime() - stableSince[0] > 500_000_000L;
            }, "the query stops producing while its client does not read");
            long pending = ProtocolServer.pendingOutbound(ch);
            long bound = SqlProtocol.WATER_MARK.high() + 2 * ResultBatches.BATCH_BYTES;
            assertTrue(pending <= bound, "the server holds " + pending + " bytes for a client that does not read (bound " + bound + ")");
            assertTrue(server.resultBytes() < 200e6, "bytes produced for a non-reading client: " + server.resultBytes());

            // Reading again lets it go on.
            double stalledAt = server.resultBytes();
            assertInstanceOf(Message.ResultSchema.class, c.read());
            Awaits.until(() -> {
                Message m = c.read();
                return server.resultBytes() > stalledAt;
            }, "the query goes on once the client reads");
            c.send(new Message.Cancel(id));
            Message m;
            do {
                m = c.read();
            } while (m instanceof Message.ResultBatch);
            assertEquals(ErrorCode.QUERY_CANCELLED.code(), error(m).code());
        }
    }

    @Test
    void aClientLeavingMidResultCancelsItsQuery() {
        long disconnected = server.queries("disconnected");
        try (TestClient c = server.client()) {
            c.sendQuery(ProtocolServer.ENDLESS, QueryOptions.DEFAULTS);
            assertInstanceOf(Message.ResultSchema.class, c.read());
            assertInstanceOf(Message.ResultBatch.class, c.read());
        }
        Awaits.until(() -> server.queries("disconnected") == disconnected + 1, "the query of the closed connection ends");
        try (TestClient c = server.client()) {
            assertEquals(List.of(List.of(1500L)), c.query("SELECT COUNT(*) FROM events").rows());
        }
    }

    @Test
    void concurrentConnectionsEachGetTheirOwnAnswers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int org = t;
                done.add(clients.submit(() -> {
                    try (TestClient c = server.client()) {
                        for (int i = 0; i < 5; i++) {
                            List<List<Object>> rows = c.query("SELECT COUNT(*) FROM events WHERE org_id = ?", Parameter.of("org-" + org)).rows();
                            long expected = (ProtocolServer.EVENTS - org + 6) / 7; // events i with i % 7 == org
                            assertEquals(List.of(List.of(expected)), rows);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void malformedInputClosesOnlyThatConnection() {
        byte[] hello = MessageCodec.encode(new Message.Hello(WireFormat.VERSION, "t"));
        assertProtocolError("is outside 1 to", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertProtocolError("is outside 1 to", ByteBuffer.allocate(5).putInt(WireFormat.MAX_FRAME_BYTES + 1).put((byte) 1).array());
        assertProtocolError("is outside 1 to", ByteBuffer.allocate(5).putInt(0).put((byte) 1).array());
        assertProtocolError("message type 0x20 is unknown", ByteBuffer.allocate(5).putInt(1).put((byte) 0x20).array());
        assertProtocolError("magic", ByteBuffer.allocate(11).putInt(7).put((byte) 1).putInt(0x16030100).putShort((short) 1).array());
        assertProtocolError("HELLO: truncated at version", ByteBuffer.allocate(9).putInt(5).put((byte) 1).putInt(WireFormat.MAGIC).array());
        assertProtocolError("QUERY is not expected before HELLO",
                MessageCodec.encode(new Message.Query(1, "SELECT 1", QueryOptions.DEFAULTS, List.of())));
        assertProtocolError("a client sent the server message RESULT_END", MessageCodec.encode(new Message.ResultEnd(1, 0, false)));
        byte[] truncatedAuth = ByteBuffer.allocate(hello.length + 9).put(hello).putInt(5).put((byte) 2).putInt(10).array();
        assertProtocolError("AUTHENTICATE: truncated at user", truncatedAuth);
        assertProtocolError("HELLO is not expected after AUTH_OK", hello, server.client());
        try (TestClient c = server.client()) {
            c.sendRaw(ByteBuffer.allocate(5).putInt(1).put((byte) MessageType.PREPARE.code()).array());
            Message.ErrorResponse e = error(c.read());
            assertTrue(e.message().contains("reserved (PREPARE)"), e.message());
            assertTrue(c.closedByServer());
        }
        try (TestClient c = TestClient.connect(server.address())) { // a frame cut short, then the client half-closes
            c.sendRaw(new byte[] {0, 0, 0, 20, 1, 2});
            c.socket().shutdownOutput();
            assertTrue(c.closedByServer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (TestClient c = server.client()) {
            assertEquals(List.of(List.of(1500L)), c.query("SELECT COUNT(*) FROM events").rows(), "the server goes on serving");
        }
    }

    private static void assertProtocolError(String expected, byte[] input) {
        assertProtocolError(expected, input, TestClient.connect(server.address()));
    }

    private static void assertProtocolError(String expected, byte[] input, TestClient client) {
        try (TestClient c = client) {
            c.sendRaw(input);
            Message m = c.read();
            if (m instanceof Message.HelloOk) {
                m = c.read(); // the input began with a good HELLO
            }
            Message.ErrorResponse e = error(m);
            assertEquals(ErrorCode.PROTOCOL_ERROR.code(), e.code());
            assertEquals("08P01", e.sqlState());
            assertEquals(0, e.queryId());
            assertTrue(e.closing());
            assertTrue(e.message().contains(expected), e.message());
            assertTrue(c.closedByServer());
        }
    }

    /** Waits until a statement runs on the query pool (its latency is then being measured). */
    private static void awaitRunning() {
        var pool = (java.util.concurrent.ThreadPoolExecutor) server.server.context().queryPool();
        Awaits.until(() -> pool.getActiveCount() > 0, "a statement runs");
    }
}
