package io.troupe.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.wire.Message;
import io.troupe.common.wire.Parameter;
import io.troupe.common.wire.QueryOptions;
import io.troupe.common.wire.ServerErrorException;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.server.project.Projects;
import io.troupe.server.security.UserAccounts;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The columnar result path against the row path: two servers hold the same events (segments, then a tail), one
 * with {@code query.columnarResults} on, one with it off; every statement must give the same schema, batches, rows
 * and end on both, and the columnar server must have used its columnar path exactly for the plain scans.
 */
class ColumnarResultsTest {
    private static final long START = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    /** Events flushed to segments, then events left in the tail. */
    private static final int SEGMENT_EVENTS = 30_000;
    private static final int TAIL_EVENTS = 6_000;

    @TempDir
    static Path columnarDir;
    @TempDir
    static Path rowsDir;
    static TroupeServer columnar;
    static TroupeServer rows;
    long allocatedBefore;

    @BeforeAll
    static void startServers() {
        columnar = start(columnarDir, true);
        rows = start(rowsDir, false);
    }

    private static TroupeServer start(Path dir, boolean columnarResults) {
        TroupeServer server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(dir).withFreePorts()
                .with(Map.of("query.columnarResults", Boolean.toString(columnarResults))));
        Project project = server.projects().get(Projects.DEFAULT_PROJECT);
        project.store().ingest(events(0, SEGMENT_EVENTS));
        project.store().flush();
        project.store().ingest(events(SEGMENT_EVENTS, SEGMENT_EVENTS + TAIL_EVENTS));
        return server;
    }

    /**
     * Events {@code [from, to)}: types a-d, users (some events with a device only), devices on every other event,
     * insert ids on most, an org on most (NULL on every eleventh) and a team on some, one a minute; a few types and
     * users non-ASCII.
     */
    private static List<Command> events(int from, int to) {
        List<Command> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String type = switch (i % 4) {
                case 0 -> "a";
                case 1 -> "b";
                case 2 -> "c";
                default -> "dé";
            };
            String user = i % 13 == 0 ? null : "user-" + (i % 97) + (i % 5 == 0 ? "ü" : "");
            String device = user == null || i % 2 == 0 ? "device-" + (i % 31) : null;
            String insertId = i % 9 == 0 ? null : "insert-" + i;
            Map<String, List<String>> groups = new HashMap<>();
            if (i % 11 != 0) {
                groups.put("org_id", List.of("org-" + (i % 7)));
            }
            if (i % 3 == 0) {
                groups.put("team", List.of("team-" + (i % 5)));
            }
            events.add(new Event(START + i * 60_000L, type, user, device, insertId, groups,
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("n", i), null));
        }
        return events;
    }

    @AfterAll
    static void stopServers() {
        if (columnar != null) {
            columnar.close();
        }
        if (rows != null) {
            rows.close();
        }
    }

    private static BufferAllocator allocator() {
        return columnar.projects().get(Projects.DEFAULT_PROJECT).store().allocator();
    }

    @org.junit.jupiter.api.BeforeEach
    void rememberAllocator() {
        allocatedBefore = allocator().getAllocatedMemory();
    }

    /** Every statement's Arrow memory and scope are released, however it ended. */
    @AfterEach
    void everyQueryFreedItsMemory() {
        BufferAllocator allocator = allocator();
        Awaits.until(() -> allocator.getChildAllocators().stream().noneMatch(a -> a.getName().startsWith("query-")),
                "every query's allocator is closed");
        assertEquals(allocatedBefore, allocator.getAllocatedMemory(), allocator.toVerboseString());
    }

    private static TestClient client(TroupeServer server) {
        return TestClient.open(server.sqlAddress(), UserAccounts.DEFAULT_USER, UserAccounts.DEFAULT_PASSWORD,
                Projects.DEFAULT_PROJECT);
    }

    private static double columnarResults() {
        var counter = columnar.context().metrics().registry().find("troupe.sql.columnar.results").counter();
        return counter == null ? 0 : counter.count();
    }

    private static final String EVERY_COLUMN =
            "SELECT event_time, event_type, user_id, device_id, insert_id, org_id, team FROM events";

    /** Statements the columnar path answers, with their parameters. */
    private static final List<Statement> PLAIN_SCANS = List.of(
            new Statement("SELECT event_time, event_type, user_id FROM events"),
            new Statement(EVERY_COLUMN),
            new Statement("SELECT team, insert_id, user_id, user_id AS again, event_time FROM events"),
            new Statement("SELECT user_id FROM events"),
            new Statement("SELECT event_time FROM events"),
            new Statement(EVERY_COLUMN + " WHERE event_type = 'b'"),
            new Statement(EVERY_COLUMN + " WHERE event_type IN ('a', 'dé') AND user_id IS NOT NULL"),
            new Statement(EVERY_COLUMN + " WHERE event_time >= TIMESTAMP '2024-01-02 10:00:00'"
                    + " AND event_time < TIMESTAMP '2024-01-03 18:30:00'"),
            new Statement(EVERY_COLUMN + " WHERE event_time >= TIMESTAMP '2024-01-21 12:00:00'"), // a segment's end and the tail
            new Statement(EVERY_COLUMN + " WHERE event_time >= TIMESTAMP '2024-01-22 00:00:00'"), // the tail only
            new Statement(EVERY_COLUMN + " WHERE org_id = 'org-3'"),
            new Statement(EVERY_COLUMN + " WHERE org_id IS NULL"),
            new Statement(EVERY_COLUMN + " WHERE team IS NULL AND device_id LIKE 'device-1%'"),
            new Statement(EVERY_COLUMN + " WHERE user_id IN ('user-5ü', 'user-7', 'user-96')"),
            new Statement(EVERY_COLUMN + " WHERE user_id = 'nobody'"),
            new Statement(EVERY_COLUMN + " WHERE event_time < TIMESTAMP '2000-01-01 00:00:00'"),
            new Statement(EVERY_COLUMN + " WHERE event_type = ? AND event_time >= ?",
                    Parameter.of("c"), Parameter.ofTimestampMillis(START + 86_400_000L)),
            new Statement(EVERY_COLUMN + " WHERE org_id IN (?, ?)", Parameter.of("org-1"), Parameter.ofNull()),
            new Statement("SELECT FLOOR(event_time TO HOUR) AS h, DATE_TRUNC('day', event_time) AS d, event_type FROM events"),
            new Statement(EVERY_COLUMN + " LIMIT 17"),
            new Statement(EVERY_COLUMN + " WHERE event_type = 'a' LIMIT 500 OFFSET 700"),
            new Statement(EVERY_COLUMN + " OFFSET 35000 ROWS"));

    /** Statements only the row path answers. */
    private static final List<Statement> OTHERS = List.of(
            new Statement("SELECT * FROM events WHERE event_type = 'a'"),
            new Statement("SELECT event_properties, user_id FROM events"),
            new Statement("SELECT event_type, COUNT(*) FROM events GROUP BY event_type"),
            new Statement("SELECT user_id, event_time FROM events ORDER BY event_time DESC LIMIT 30"),
            new Statement("SELECT user_id FROM events ORDER BY user_id"),
            new Statement("SELECT UPPER(event_type), event_time FROM events"),
            new Statement("SELECT CURRENT_GROUP_PROPERTY(org_id, 'plan'), user_id FROM events"),
            new Statement("SELECT user_id FROM events LIMIT ?", Parameter.of(5)),
            new Statement(EVERY_COLUMN + " LIMIT 0"), // planned as no rows at all
            new Statement("SELECT a.user_id, b.event_type FROM events a JOIN events b ON a.user_id = b.user_id"
                    + " WHERE a.event_type = 'b' AND b.event_time < TIMESTAMP '2024-01-01 01:00:00'"),
            new Statement("SELECT 1"));

    private record Statement(String sql, Parameter... parameters) {
        @Override
        public String toString() {
            return sql + " " + List.of(parameters);
        }
    }

    @Test
    void plainScansTakeTheColumnarPathAndGiveWhatTheRowPathGives() {
        try (TestClient c = client(columnar); TestClient r = client(rows)) {
            for (Statement s : PLAIN_SCANS) {
                double before = columnarResults();
                TestClient.Result expected = sameOnBoth(c, r, s, QueryOptions.DEFAULTS);
                assertEquals(before + 1, columnarResults(), () -> "the columnar path ran: " + s);
                if (s.sql().equals(EVERY_COLUMN)) {
                    assertEquals(SEGMENT_EVENTS + TAIL_EVENTS, expected.rows().size());
                }
            }
        }
    }

    @Test
    void otherStatementsTakeTheRowPath() {
        try (TestClient c = client(columnar); TestClient r = client(rows)) {
            for (Statement s : OTHERS) {
                double before = columnarResults();
                sameOnBoth(c, r, s, QueryOptions.DEFAULTS);
                assertEquals(before, columnarResults(), () -> "the row path ran: " + s);
            }
        }
    }

    @Test
    void batchBoundariesAndMaxRowsAreTheRowPaths() {
        QueryOptions[] options = {QueryOptions.DEFAULTS.withFetchRows(7), QueryOptions.DEFAULTS.withFetchRows(100),
                QueryOptions.DEFAULTS.withFetchRows(1000).withMaxRows(2500), QueryOptions.DEFAULTS.withMaxRows(36_000),
                QueryOptions.DEFAULTS.withMaxRows(35_999), QueryOptions.DEFAULTS.withMaxRows(1)};
        try (TestClient c = client(columnar); TestClient r = client(rows)) {
            for (QueryOptions o : options) {
                sameOnBoth(c, r, new Statement(EVERY_COLUMN), o);
                sameOnBoth(c, r, new Statement(EVERY_COLUMN + " WHERE event_type = 'b'"), o);
            }
        }
    }

    /** Runs a statement on both servers; the results must agree in everything a client can see. */
    private static TestClient.Result sameOnBoth(TestClient c, TestClient r, Statement s, QueryOptions options) {
        TestClient.Result got = c.query(s.sql(), options, s.parameters());
        TestClient.Result expected = r.query(s.sql(), options, s.parameters());
        assertEquals(expected.schema(), got.schema(), () -> "schema of " + s);
        assertEquals(expected.schema().toJson(), got.schema().toJson(), () -> "schema metadata of " + s);
        assertEquals(expected.batches(), got.batches(), () -> "batches of " + s + " " + options);
        assertEquals(expected.end(), got.end(), () -> "end of " + s + " " + options);
        assertEquals(expected.rows().size(), got.rows().size(), () -> "rows of " + s);
        for (int i = 0; i < expected.rows().size(); i++) {
            int row = i;
            assertEquals(expected.rows().get(i), got.rows().get(i), () -> "row " + row + " of " + s);
        }
        return expected;
    }

    @Test
    void aCancelStopsAColumnarResultMidStream() {
        try (TestClient c = client(columnar)) {
            long id = c.sendQuery(EVERY_COLUMN, QueryOptions.DEFAULTS.withFetchRows(1)).queryId();
            assertInstanceOf(Message.ResultSchema.class, c.read());
            assertInstanceOf(Message.ResultBatch.class, c.read());
            c.send(new Message.Cancel(id));
            Message m;
            do {
                m = c.read(); // batches already on their way, then the error
            } while (m instanceof Message.ResultBatch);
            Message.ErrorResponse e = assertInstanceOf(Message.ErrorResponse.class, m, m::toString);
            assertEquals(ErrorCode.QUERY_CANCELLED.code(), e.code());
            assertEquals(List.of(List.of((long) SEGMENT_EVENTS + TAIL_EVENTS)), c.query("SELECT COUNT(*) FROM events").rows(), "the connection goes on");
        }
    }

    @Test
    void aColumnarResultPastItsTimeoutStops() {
        try (TestClient c = client(columnar)) {
            // One-row batches of a client that does not read: the statement outlives its second.
            long id = c.sendQuery(EVERY_COLUMN + " WHERE event_type <> 'x'",
                    QueryOptions.DEFAULTS.withFetchRows(1).withTimeoutSeconds(1)).queryId();
            Awaits.until(() -> queries("timeout") > 0, "the statement times out");
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> c.readResult(id));
            ServerErrorException error = assertInstanceOf(ServerErrorException.class, e.getCause());
            assertEquals(ErrorCode.QUERY_TIMEOUT.code(), error.error().code());
            assertTrue(columnarResults() > 0);
        }
    }

    private static long queries(String outcome) {
        var timer = columnar.context().metrics().registry().find("troupe.sql.queries").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
}
