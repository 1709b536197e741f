package io.troupe.sql.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.sql.SqlSession;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.sql.Array;
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
 * Seeded random retention: Troupe's RETENTION_FLAGS per org and per user against DuckDB evaluating the definition
 * in plain SQL: the unit's start is the MIN time of its start events; period 0 holds every started unit; period k
 * holds when a return event lies in {@code [start + k*P, start + (k+1)*P)} (an EXISTS per unit and period). Events
 * lie on whole hours and periods are whole hours, so returns exactly on a period boundary are common; starts and
 * returns often share a time. Per-unit flags must be identical (NULL for a unit without a start). The seed is
 * printed; rerun with {@code -Dtroupe.seed=N}.
 */
class RetentionDifferentialTest {
    private static final String[] TYPES = {"A", "B", "C", "D"};
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    @Test
    void retentionFlagsMatchTheDefinitionInDuckDb() throws Exception {
        long seed = Long.getLong("troupe.seed", System.nanoTime());
        System.out.println("RetentionDifferentialTest seed " + seed + " (rerun with -Dtroupe.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 6; round++) {
            try (TestProject p = new TestProject(dir.resolve("round-" + round));
                 Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                List<Event> events = new ArrayList<>();
                int orgs = 5 + random.nextInt(30);
                int n = 200 + random.nextInt(800);
                for (int i = 0; i < n; i++) {
                    long t = 1_700_000_000_000L - 1_700_000_000_000L % HOUR + random.nextInt(8 * 24) * HOUR; // 8 days
                    events.add(new Event(t, TYPES[random.nextInt(TYPES.length)], "u" + random.nextInt(50), null, null,
                            Map.of("org_id", List.of("o" + random.nextInt(orgs))), null, null));
                }
                p.ingest(events);
                if (random.nextBoolean()) {
                    p.flush();
                }
                try (Statement s = duck.createStatement()) {
                    s.execute("SET threads = 1");
                    s.execute("CREATE TABLE events (org_id VARCHAR, user_id VARCHAR, t BIGINT, event_type VARCHAR)");
                }
                try (PreparedStatement insert = duck.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?)")) {
                    for (Event e : events) {
                        insert.setString(1, e.groups().get("org_id").get(0));
                        insert.setString(2, e.userId());
                        insert.setLong(3, e.time());
                        insert.setString(4, e.eventType());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                String start = condition(random);
                String back = condition(random);
                long hours = 1 + random.nextInt(48);
                int periods = random.nextInt(8);
                for (String unit : List.of("org_id", "user_id")) {
                    String troupeSql = "SELECT " + unit + ", RETENTION_FLAGS(event_time, " + start + ", " + back
                            + ", INTERVAL '" + hours + "' HOUR, " + periods + ") FROM events GROUP BY " + unit;
                    Map<String, List<Boolean>> troupe = new TreeMap<>();
                    SqlSession session = p.session();
                    for (List<Object> row : session.rows(troupeSql)) {
                        troupe.put((String) row.get(0), flags(row.get(1)));
                    }
                    Map<String, List<Boolean>> expected = duckFlags(duck, unit, start, back, hours * HOUR, periods);
                    assertEquals(expected, troupe, "seed " + seed + " round " + round + ": " + troupeSql);
                }
            }
        }
    }

    private static String condition(Random random) {
        String a = TYPES[random.nextInt(TYPES.length)];
        String b = TYPES[random.nextInt(TYPES.length)];
        return random.nextBoolean() ? "event_type = '" + a + "'" : "event_type IN ('" + a + "', '" + b + "')";
    }

    private static List<Boolean> flags(Object value) throws Exception {
        if (value == null) {
            return null;
        }
        Object array = value instanceof Array a ? a.getArray() : value;
        List<Boolean> flags = new ArrayList<>();
        for (int k = 0; k < java.lang.reflect.Array.getLength(array); k++) {
            flags.add((Boolean) java.lang.reflect.Array.get(array, k));
        }
        return flags;
    }

    /** Flags per unit by the definition; NULL for a unit without a start event. */
    private static Map<String, List<Boolean>> duckFlags(Connection duck, String unit, String start, String back,
                                                        long period, int periods) throws Exception {
        Map<String, List<Boolean>> flags = new TreeMap<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT " + unit + " FROM events")) {
            while (rs.next()) {
                flags.put(rs.getString(1), null);
            }
        }
        String sql = "WITH s AS (SELECT " + unit + " AS unit, MIN(t) AS start FROM events WHERE " + start + " GROUP BY " + unit + ")"
                + " SELECT s.unit, k.k, k.k = 0 OR EXISTS (SELECT 1 FROM events e WHERE e." + unit + " = s.unit AND "
                + back.replace("event_type", "e.event_type")
                + " AND e.t >= s.start + k.k * " + period + " AND e.t < s.start + (k.k + 1) * " + period + ")"
                + " FROM s, range(0, " + (periods + 1) + ") AS k(k) ORDER BY s.unit, k.k";
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                flags.computeIfAbsent(rs.getString(1), u -> new ArrayList<>()).add(rs.getBoolean(3));
            }
        }
        return flags;
    }
}
