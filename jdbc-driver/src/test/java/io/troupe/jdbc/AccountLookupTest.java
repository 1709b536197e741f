package io.troupe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.sql.SqlSession;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.GroupIdentify;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account look-up end to end through the driver (docs/account-lookup.md): GROUP_SEARCH and GROUP_ACTIVITY with
 * literals and {@code ?} parameters, and the seed's "daily active orgs by region". The server's clock is fixed on
 * 2024-01-10, nine days after {@link TestServer}'s events (one a minute from 2024-01-01 00:00, orgs org-0..org-6).
 * Regions: every org starts in EU; org-0 moves to US at 2024-01-01 12:00 and org-1 is tagged ["beta", "vip"].
 */
class AccountLookupTest {
    private static final long NOON = TestServer.START + 12 * 3_600_000L;

    @TempDir
    static Path dir;
    static TroupeServer server;
    static Project project;
    static Connection connection;

    @BeforeAll
    static void start() throws SQLException {
        server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(dir).withFreePorts()
                .withClock(Clock.fixed(Instant.parse("2024-01-10T00:00:00Z"), ZoneOffset.UTC)));
        project = server.projects().get(TestServer.PROJECT);
        project.store().ingest(TestServer.events());
        List<Command> identifies = new ArrayList<>();
        for (int org = 0; org < 7; org++) {
            identifies.add(new GroupIdentify("org_id", "org-" + org, TestServer.START - 1, set("region", "EU")));
        }
        identifies.add(new GroupIdentify("org_id", "org-0", NOON, set("region", "US")));
        ObjectNode tags = JsonNodeFactory.instance.objectNode();
        tags.putObject("$set").putArray("tags").add("beta").add("vip");
        identifies.add(new GroupIdentify("org_id", "org-1", TestServer.START, tags));
        project.store().ingest(identifies);
        var a = server.sqlAddress();
        connection = DriverManager.getConnection("jdbc:troupe://" + a.getHostString() + ":" + a.getPort() + "/"
                + TestServer.PROJECT, TestServer.USER, TestServer.PASSWORD);
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        server.close();
    }

    private static ObjectNode set(String name, String value) {
        ObjectNode ops = JsonNodeFactory.instance.objectNode();
        ops.putObject("$set").put(name, value);
        return ops;
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int c = 1; c <= n; c++) {
                row.add(rs.getString(c));
            }
            rows.add(String.join("|", row));
        }
        return rows;
    }

    private static List<String> query(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rows(rs);
            }
        }
    }

    @Test
    void groupSearchTakesLiteralsAndParameters() throws SQLException {
        // org-0 was in EU until noon: a historical value matches. Newest last event first: org-0's is i = 1498,
        // org-6's i = 1497 (org = i % 7).
        String sql = "SELECT group_value FROM TABLE(GROUP_SEARCH('org_id', 'region = eu')) WHERE group_value IN ('org-0', 'org-6')";
        assertEquals(List.of("org-0", "org-6"), query(sql));
        assertEquals(List.of("org-0"), query("SELECT group_value FROM TABLE(GROUP_SEARCH('org_id', ?))", "region=US"));
        assertEquals(List.of("org-1"), query("SELECT group_value FROM TABLE(GROUP_SEARCH(?, ?))", "org_id", "tags = VIP region = eu"));
        assertEquals(7, query("SELECT * FROM TABLE(GROUP_SEARCH('org_id', ?))", "").size());
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM TABLE(GROUP_SEARCH('org_id', ?))")) {
            s.setString(1, "region = \"United States\"");
            try (ResultSet rs = s.executeQuery()) {
                assertEquals("active_users_30d", rs.getMetaData().getColumnLabel(6));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void searchErrorsReachTheClientWithTheirCodes() throws SQLException {
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT * FROM TABLE(GROUP_SEARCH('org_id', 'plan = a, b'))"));
            assertEquals(ErrorCode.SEARCH_FORBIDDEN_CHARACTER.code(), e.getErrorCode());
            assertEquals("22023", e.getSQLState());
            assertTrue(e.getMessage().contains("at character 9"), e.getMessage());
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT * FROM TABLE(GROUP_SEARCH(?, ''))")) {
            s.setString(1, "account");
            SQLException e = assertThrows(SQLException.class, s::executeQuery);
            assertEquals(ErrorCode.UNKNOWN_GROUP_TYPE.code(), e.getErrorCode());
        }
    }

    @Test
    void groupActivityPagesThroughParametersAsThePlainQueryReadsTheEvents() throws SQLException {
        List<String> expected = query("SELECT event_time, event_type, user_id, insert_id FROM events WHERE org_id = ? "
                + "ORDER BY event_time DESC", "org-3");
        assertEquals(TestServer.EVENTS / 7 + (TestServer.EVENTS % 7 > 3 ? 1 : 0), expected.size());
        assertEquals(expected, query("SELECT event_time, event_type, user_id, insert_id FROM TABLE(GROUP_ACTIVITY('org_id', 'org-3'))"));
        List<String> paged = new ArrayList<>();
        String sql = "SELECT event_time, event_type, user_id, insert_id FROM TABLE(GROUP_ACTIVITY('org_id', ?, ?, ?))";
        LocalDateTime before = LocalDateTime.of(2030, 1, 1, 0, 0);
        while (true) {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                s.setString(1, "org-3");
                s.setInt(2, 50);
                s.setObject(3, before);
                try (ResultSet rs = s.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                        paged.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                        before = rs.getObject(1, LocalDateTime.class);
                    }
                    if (n < 50) {
                        break;
                    }
                }
            }
        }
        assertEquals(expected, paged);
        List<String> firstPage = query("SELECT insert_id, group_properties FROM TABLE(GROUP_ACTIVITY('org_id', 'org-0')) "
                + "ORDER BY event_time LIMIT 1");
        assertTrue(firstPage.get(0).startsWith("e0|"), firstPage.toString());
        assertTrue(firstPage.get(0).contains("EU"), "org-0's region at its first event: " + firstPage);
        assertEquals(List.of("e1491"), query("SELECT insert_id FROM TABLE(GROUP_ACTIVITY('org_id', 'org-0')) LIMIT 1 OFFSET 1"),
                "org-0's events are i = 1498, 1491, ... newest first");
    }

    /** The seed's example: daily active orgs by region, the region in force at each event (org-0 counts in both). */
    @Test
    void dailyActiveOrgsByRegion() throws SQLException {
        String sql = "SELECT DATE_TRUNC('day', event_time) AS event_day, GROUP_PROPERTY(org_id, 'region') AS region, UNIQUES() AS orgs "
                + "FROM events GROUP BY GROUP TYPE org_id, 1, 2 ORDER BY 1, 2";
        List<String> rows = query(sql);
        assertEquals(List.of("2024-01-01 00:00:00|EU|7", "2024-01-01 00:00:00|US|1", "2024-01-02 00:00:00|EU|6",
                "2024-01-02 00:00:00|US|1"), rows);
        assertEquals(query("SELECT DATE_TRUNC('day', event_time), GROUP_PROPERTY(org_id, 'region'), COUNT(DISTINCT org_id) "
                + "FROM events WHERE org_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"), rows);
        try (SqlSession s = project.sql().open()) {
            assertEquals(4, s.rows(sql).size(), "the engine in-process agrees on the shape");
        }
    }
}
