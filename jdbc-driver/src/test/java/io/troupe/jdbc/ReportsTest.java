package io.troupe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dialect's group-level reports through the driver, row for row as the engine answers them. */
class ReportsTest extends ServerTest {
    static final String FUNNEL = "SELECT FUNNEL(event_type = 'a', event_type = 'b', event_type = 'c' WITHIN INTERVAL '10' MINUTE) "
            + "FROM events WHERE event_time >= TIMESTAMP '2024-01-01 00:00:00' AND event_time < TIMESTAMP '2024-01-01 01:00:00' "
            + "GROUP BY GROUP TYPE org_id";
    static final String MICROSCOPE = "SELECT MICROSCOPE(FUNNEL(event_type = 'a', event_type = 'b', event_type = 'c' "
            + "WITHIN INTERVAL '10' MINUTE), 2, DROPPED) FROM events WHERE event_time < TIMESTAMP '2024-01-01 01:00:00' "
            + "GROUP BY GROUP TYPE org_id";

    /** Rows as text, numbers as plain decimals, so that the engine's and the driver's classes compare. */
    private static List<String> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                row.add(text(rs.getObject(c)));
            }
            rows.add(row.toString());
        }
        return rows;
    }

    private static Object text(Object v) {
        return v instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString() : v;
    }

    private static List<String> engine(String sql) {
        List<String> rows = new ArrayList<>();
        for (List<Object> row : server.engineRows(sql)) {
            rows.add(row.stream().map(ReportsTest::text).toList().toString());
        }
        return rows;
    }

    @Test
    void aFunnelByGroupTypeReadsAsTheEngineAnswersIt() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(FUNNEL + " ORDER BY step")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals("step", md.getColumnLabel(1));
            assertEquals(Types.INTEGER, md.getColumnType(1));
            assertEquals("units", md.getColumnLabel(2));
            assertEquals(Types.BIGINT, md.getColumnType(2));
            assertEquals(Types.DOUBLE, md.getColumnType(3));
            List<String> rows = rows(rs);
            assertEquals(engine(FUNNEL + " ORDER BY step"), rows);
            assertEquals(3, rows.size());
            // one event a minute, org = i % 7 and type = i % 3: an org's next event comes 7 minutes later with the next
            // type, so every org goes a -> b within 10 minutes but reaches c only 14 minutes after a
            assertTrue(rows.get(0).startsWith("[1, 7, 1,"), rows.get(0));
            assertTrue(rows.get(1).startsWith("[2, 7, 1,"), rows.get(1));
            assertTrue(rows.get(2).startsWith("[3, 0, 0,"), rows.get(2));
        }
    }

    @Test
    void aMicroscopeNamesTheUnitsBehindADataPoint() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(MICROSCOPE + " ORDER BY 1")) {
            assertEquals("org_id", rs.getMetaData().getColumnLabel(1));
            List<String> rows = rows(rs);
            assertEquals(engine(MICROSCOPE + " ORDER BY 1"), rows);
            assertEquals(List.of("[org-0]", "[org-1]", "[org-2]", "[org-3]", "[org-4]", "[org-5]", "[org-6]"), rows,
                    "every org reached step 2 and dropped before step 3");
        }
        String converted = MICROSCOPE.replace("DROPPED", "CONVERTED").replace(", 2,", ", 3,");
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(converted + " ORDER BY 1")) {
            assertEquals(List.of(), rows(rs), "none converted at step 3");
        }
    }

    @Test
    void aReportTakesParametersAndRunsAsASubquery() throws SQLException {
        String sql = "SELECT COUNT(*) FROM events WHERE org_id IN (SELECT MICROSCOPE(FUNNEL(event_type = 'a', event_type = 'b' "
                + "WITHIN INTERVAL '2' MINUTE), 1, CONVERTED) FROM events WHERE event_time < ? GROUP BY GROUP TYPE org_id)";
        LocalDateTime end = LocalDateTime.of(2024, 1, 1, 12, 0);
        Object expected = server.engineRows(sql, new java.sql.Timestamp(end.toInstant(java.time.ZoneOffset.UTC).toEpochMilli())).get(0).get(0);
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setObject(1, end);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(((Number) expected).longValue(), rs.getLong(1));
            }
        }
    }

    @Test
    void uniquesCountsGroupsPerBucket() throws SQLException {
        String sql = "SELECT FLOOR(event_time TO HOUR) AS hr, UNIQUES() AS orgs FROM events "
                + "WHERE event_time < TIMESTAMP '2024-01-01 03:00:00' GROUP BY GROUP TYPE org_id, FLOOR(event_time TO HOUR) ORDER BY 1";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString("HR") + " " + rs.getLong("orgs"));
            }
            assertEquals(List.of("2024-01-01 00:00:00 7", "2024-01-01 01:00:00 7", "2024-01-01 02:00:00 7"), rows);
        }
    }
}
