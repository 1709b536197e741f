package io.troupe.jdbc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.server.project.Projects;
import io.troupe.server.security.UserAccounts;
import io.troupe.sql.SqlSession;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real server on free loopback ports in a temporary folder, with a small known data set in project
 * {@code default}: {@value #EVENTS} events of types a, b and c, one a minute from 2024-01-01 00:00 UTC, by 50 users
 * in 7 orgs ({@code org_id}), each with event properties {@code plan} and {@code n} (and {@link #UNICODE} as {@code label}
 * of the first). {@code events x events} is a
 * 2.25M-row result; {@link #ENDLESS} streams for hours and {@link #ENDLESS_COUNT} computes for hours.
 */
final class TestServer implements AutoCloseable {
    static final int EVENTS = 1500;
    static final long START = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    /** Event property {@code label} of the first event: text beyond Latin-1, with a character outside the BMP. */
    static final String UNICODE = "h\u00e9llo \u2713 \ud83d\ude00 \u4e2d\u6587";
    static final String USER = UserAccounts.DEFAULT_USER;
    static final String PASSWORD = UserAccounts.DEFAULT_PASSWORD;
    static final String PROJECT = Projects.DEFAULT_PROJECT;
    /** Rows for hours, streamed as fast as the client reads. */
    static final String ENDLESS = "SELECT a.user_id, b.event_type, c.event_time FROM events a, events b, events c";
    /** Hours of computing before its one row. */
    static final String ENDLESS_COUNT = "SELECT COUNT(*) FROM events a, events b, events c";

    final TroupeServer server;
    final Project project;

    TestServer(Path dir) {
        server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(dir).withFreePorts());
        project = server.projects().get(PROJECT);
        project.store().ingest(events());
    }

    static List<Command> events() {
        List<Command> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String type = switch (i % 3) {
                case 0 -> "a";
                case 1 -> "b";
                default -> "c";
            };
            ObjectNode properties = JsonNodeFactory.instance.objectNode();
            properties.put("plan", i % 2 == 0 ? "pro" : "free");
            properties.put("n", i);
            if (i == 0) {
                properties.put("label", UNICODE);
            }
            events.add(new Event(START + i * 60_000L, type, "user-" + (i % 50), null, "e" + i,
                    Map.of("org_id", List.of("org-" + (i % 7))), properties, null));
        }
        return events;
    }

    InetSocketAddress address() {
        return server.sqlAddress();
    }

    /** {@code jdbc:troupe://127.0.0.1:port/default}. */
    String url() {
        return "jdbc:troupe://" + address().getHostString() + ":" + address().getPort() + "/" + PROJECT;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    Connection connect(Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        p.putAll(extra);
        return DriverManager.getConnection(url(), p);
    }

    /** The rows the engine itself gives for a statement (in-process, JDBC getObject of Calcite's result set). */
    List<List<Object>> engineRows(String sql, Object... parameters) {
        try (SqlSession s = project.sql().open()) {
            return s.rows(sql, parameters);
        }
    }

    /** Queries that ended with this outcome ({@code ok}, {@code cancelled}, {@code timeout}, ...). */
    long queries(String outcome) {
        var timer = server.context().metrics().registry().find("troupe.sql.queries").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Override
    public void close() {
        server.close();
    }
}
