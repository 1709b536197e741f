package io.troupe.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

/**
 * The window-function funnel of {@link FunnelSql} against its definition written as self-joins, on seeded
 * random data made to be hard: few distinct times (many ties), steps that one row can match together, units
 * whose events straddle the window's edge. The seed is printed and part of every failure message.
 */
class FunnelSqlTest {
    private static final long SEED = Long.getLong("troupe.seed", 20260101L);

    @Test
    void windowFormulationMatchesTheSelfJoinDefinition() throws SQLException {
        System.out.println("FunnelSqlTest: seed " + SEED + " (rerun with -Dtroupe.seed=" + SEED + ")");
        Random random = new Random(SEED);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ev(u VARCHAR, ms BIGINT, e VARCHAR, x INTEGER)");
            int checked = 0;
            for (int round = 0; round < 12; round++) {
                s.execute("DELETE FROM ev");
                int units = 20 + random.nextInt(60);
                int timeRange = 1 + random.nextInt(round < 6 ? 12 : 200);
                try (DuckDBAppender app = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                        "ev")) {
                    for (int u = 0; u < units; u++) {
                        int rows = random.nextInt(12);
                        for (int r = 0; r < rows; r++) {
                            app.beginRow();
                            app.append("u" + u);
                            app.append((long) random.nextInt(timeRange));
                            app.append(String.valueOf((char) ('A' + random.nextInt(4))));
                            app.append(random.nextInt(3));
                            app.endRow();
                        }
                    }
                }
                long window = random.nextInt(timeRange + 1);
                for (List<String> steps : List.of(
                        List.of("$e = 'A'"),
                        List.of("$e = 'A'", "$e = 'B'"),
                        List.of("$e = 'A'", "$e = 'B'", "$e = 'C'"),
                        List.of("$e IN ('A', 'B')", "$e = 'B' OR $x = 1", "$e = 'C'", "$x = 2 OR $e = 'A'"),
                        List.of("$e = 'A'", "$e = 'A'", "$e = 'A'"))) {
                    String where = "seed " + SEED + ", round " + round + ", window " + window + ", steps " + steps;
                    TreeMap<String, Long> fast = levels(s, FunnelSql.levels("ev", steps, window));
                    TreeMap<String, Long> slow = levels(s, FunnelSql.bruteForceLevels("ev", steps, window));
                    assertEquals(slow, fast, where);
                    List<Long> perStep = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery(FunnelSql.unitsPerStep(FunnelSql.levels("ev", steps, window),
                            steps.size()) + " ORDER BY step")) {
                        while (rs.next()) {
                            assertEquals(perStep.size() + 1, rs.getInt(1), where);
                            perStep.add(rs.getLong(2));
                        }
                    }
                    assertEquals(steps.size(), perStep.size(), where);
                    for (int k = 1; k <= steps.size(); k++) {
                        final int step = k;
                        assertEquals(slow.values().stream().filter(l -> l >= step).count(), perStep.get(k - 1), where);
                    }
                    checked += slow.size();
                }
            }
            assertTrue(checked > 1000, "units checked: " + checked);
        }
    }

    private static TreeMap<String, Long> levels(Statement s, String sql) throws SQLException {
        TreeMap<String, Long> out = new TreeMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
