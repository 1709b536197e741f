package io.troupe.sql.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.sql.SqlSession;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random funnels: Troupe's FUNNEL_LEVEL per org against a DuckDB formulation of the definition in
 * DIALECT.md (a unit reaches step k when events e1..ek match steps 1..k with non-decreasing times, the last
 * at most the window after the first; one row may fill several steps), written as self-joins. Per-unit levels
 * must be identical. The seed is printed; rerun with {@code -Dtroupe.seed=N}.
 */
class FunnelDifferentialTest {
    private static final String[] TYPES = {"A", "B", "C", "D", "E"};

    @TempDir
    Path dir;

    @Test
    void funnelLevelsMatchTheDefinitionInDuckDb() throws Exception {
        long seed = Long.getLong("troupe.seed", System.nanoTime());
        System.out.println("FunnelDifferentialTest seed " + seed + " (rerun with -Dtroupe.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 6; round++) {
            Path roundDir = dir.resolve("round-" + round);
            try (TestProject p = new TestProject(roundDir);
                 Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                List<Event> events = new ArrayList<>();
                int orgs = 5 + random.nextInt(40);
                int n = 200 + random.nextInt(800);
                for (int i = 0; i < n; i++) {
                    long t = 1_700_000_000_000L + random.nextInt(60) * 60_000L; // an hour of minutes: many ties
                    String type = TYPES[random.nextInt(TYPES.length)];
                    events.add(new Event(t, type, "u" + random.nextInt(50), null, null,
                            Map.of("org_id", List.of("o" + random.nextInt(orgs))), null, null));
                }
                p.ingest(events);
                if (random.nextBoolean()) {
                    p.flush();
                }
                try (Statement s = duck.createStatement()) {
                    s.execute("CREATE TABLE events (org_id VARCHAR, t BIGINT, event_type VARCHAR)");
                }
                try (PreparedStatement insert = duck.prepareStatement("INSERT INTO events VALUES (?, ?, ?)")) {
                    for (Event e : events) {
                        insert.setString(1, e.groups().get("org_id").get(0));
                        insert.setLong(2, e.time());
                        insert.setString(3, e.eventType());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                int steps = 2 + random.nextInt(3);
                long windowMinutes = random.nextInt(25);
                List<String> conditions = new ArrayList<>();
                for (int k = 0; k < steps; k++) {
                    String a = TYPES[random.nextInt(TYPES.length)];
                    String b = TYPES[random.nextInt(TYPES.length)];
                    conditions.add(random.nextBoolean() ? "event_type = '" + a + "'" : "event_type IN ('" + a + "', '" + b + "')");
                }
                String troupeSql = "SELECT org_id, FUNNEL_LEVEL(event_time, INTERVAL '" + windowMinutes + "' MINUTE, "
                        + String.join(", ", conditions) + ") FROM events GROUP BY org_id";
                Map<String, Integer> troupe = new TreeMap<>();
                SqlSession session = p.session();
                for (List<Object> row : session.rows(troupeSql)) {
                    troupe.put((String) row.get(0), ((Number) row.get(1)).intValue());
                }
                Map<String, Integer> expected = duckLevels(duck, conditions, windowMinutes * 60_000L);
                assertEquals(expected, troupe, "seed " + seed + " round " + round + ": " + troupeSql);
            }
        }
    }

    /** Level per org by the definition: for each k, orgs with a chain through step k (self-joins on the events). */
    private static Map<String, Integer> duckLevels(Connection duck, List<String> conditions, long window) throws Exception {
        Map<String, Integer> levels = new TreeMap<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT org_id FROM events")) {
            while (rs.next()) {
                levels.put(rs.getString(1), 0);
            }
        }
        for (int k = 1; k <= conditions.size(); k++) {
            StringBuilder sql = new StringBuilder("SELECT DISTINCT e1.org_id FROM events e1");
            for (int j = 2; j <= k; j++) {
                sql.append(" JOIN events e").append(j).append(" ON e").append(j).append(".org_id = e1.org_id AND e")
                        .append(j).append(".t >= e").append(j - 1).append(".t AND e").append(j).append(".t - e1.t <= ")
                        .append(window).append(" AND ").append(conditions.get(j - 1).replace("event_type", "e" + j + ".event_type"));
            }
            sql.append(" WHERE ").append(conditions.get(0).replace("event_type", "e1.event_type"));
            try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    levels.put(rs.getString(1), k);
                }
            }
        }
        return levels;
    }
}
