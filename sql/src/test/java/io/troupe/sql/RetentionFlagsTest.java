package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RETENTION_FLAGS with a plain GROUP BY, per org and per user, in the tail and in segments: the array reaches JDBC
 * as an SQL ARRAY, and an outer query reads it with {@code flags[k]} (1-based: {@code [1]} is period 0) and
 * {@code CARDINALITY}.
 */
class RetentionFlagsTest {
    private static final long H = 3_600_000L;
    private static final long D = 24 * H;
    private static final long T0 = 1_767_571_200_000L; // 2026-01-05 00:00 UTC

    @TempDir
    Path dir;

    private static Event e(long time, String type, String user, String org) {
        return new Event(time, type, user, null, null, Map.of("org_id", List.of(org)), null, null);
    }

    /** Rows with arrays turned into lists. */
    private static String rows(SqlSession s, String sql) {
        List<List<Object>> rows = s.rows(sql);
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i) instanceof Array a) {
                    try {
                        Object values = a.getArray(); // boolean[]: the elements are BOOLEAN NOT NULL
                        List<Object> list = new ArrayList<>();
                        for (int k = 0; k < java.lang.reflect.Array.getLength(values); k++) {
                            list.add(java.lang.reflect.Array.get(values, k));
                        }
                        row.set(i, list);
                    } catch (SQLException ex) {
                        throw new IllegalStateException(ex);
                    }
                }
            }
        }
        return rows.toString();
    }

    @Test
    void flagsPerOrgAndPerUser() {
        try (TestProject p = new TestProject(dir)) {
            p.ingest(new ArrayList<>(List.of(
                    e(T0 + 10 * H, "Sign Up", "u1", "o1"), e(T0 + 34 * H, "Open App", "u2", "o1"),   // o1: day 1 by u2
                    e(T0 + 10 * H + 2 * D, "Open App", "u1", "o1"),                                  // o1: exactly start + 2P
                    e(T0, "Open App", "u3", "o2"), e(T0 + H, "Sign Up", "u3", "o2"),                 // o2: return before start
                    e(T0 + H + 3 * D - 1, "Open App", "u3", "o2"),                                   // o2: last ms of period 2
                    e(T0, "Open App", "u4", "o3"),                                                   // o3: no start: NULL
                    e(T0 + 5 * D, "Sign Up", "u5", "o4"), e(T0 + 5 * D, "Open App", "u5", "o4")))); // o4: same time
            SqlSession s = p.session();
            String byOrg = "select org_id, retention_flags(event_time, event_type = 'Sign Up', event_type = 'Open App', "
                    + "interval '1' day, 3) as flags from events group by org_id";
            String expected = "[[o1, [true, true, true, false]], [o2, [true, false, true, false]], [o3, null], "
                    + "[o4, [true, false, false, false]]]";
            assertEquals(expected, rows(s, byOrg + " order by org_id"));
            assertTrue(s.explain(byOrg).contains("RETENTION_FLAGS"), s.explain(byOrg));
            assertEquals("[[u1, [true, false, true, false]], [u2, null]]", rows(s,
                    "select user_id, retention_flags(event_time, event_type = 'Sign Up', event_type = 'Open App', "
                            + "interval '1' day, 3) from events where org_id = 'o1' group by user_id order by user_id"));
            p.flush();
            assertEquals(expected, rows(s, byOrg + " order by org_id"));
            // As a building block: flags[1] is period 0, flags[3] period 2; CARDINALITY is periods + 1.
            assertEquals("[[o1, true, true, 4], [o2, true, true, 4], [o3, null, null, null], [o4, true, false, 4]]",
                    rows(s, "select org_id, flags[1], flags[3], cardinality(flags) from (" + byOrg + ") t order by org_id"));
            assertEquals("[[3, 2]]", rows(s, "select count(*) filter (where flags[1]), count(*) filter (where flags[3]) from ("
                    + byOrg + ") t"));
            // Without GROUP BY: one unit, started by o2's sign-up at T0 + 1h; o4's return at T0 + 5d is past period 3.
            assertEquals("[[[true, true, true, false]]]", rows(s, "select retention_flags(event_time, event_type = 'Sign Up', "
                    + "event_type = 'Open App', interval '1' day, 3) from events"));
            assertEquals("[[null]]", rows(s, "select retention_flags(event_time, event_type = 'Sign Up', "
                    + "event_type = 'Open App', interval '1' day, 3) from events where org_id = 'nope'"));
        }
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        try (TestProject p = new TestProject(dir)) {
            p.ingest(List.of(e(T0, "A", "u1", "o1")));
            SqlSession s = p.session();
            TroupeException unsupported = assertThrows(TroupeException.class, () -> s.rows("select org_id, retention_flags("
                    + "event_time, upper(event_type) = 'A', event_type = 'A', interval '1' day, 3) from events group by org_id"));
            assertEquals(ErrorCode.SQL_UNSUPPORTED, unsupported.errorCode(), unsupported.toString());
            TroupeException types = assertThrows(TroupeException.class, () -> s.rows(
                    "select retention_flags(event_time, event_type = 'A', event_type = 'A', 5, 3) from events"));
            assertEquals(ErrorCode.SQL_TYPE_MISMATCH, types.errorCode(), types.toString());
            TroupeException range = assertThrows(TroupeException.class, () -> s.rows(
                    "select retention_flags(event_time, event_type = 'A', event_type = 'A', interval '1' day, 64) from events"));
            assertEquals(ErrorCode.SQL_INVALID, range.errorCode(), range.toString());
            assertTrue(range.getMessage().contains("0 to 63"), range.getMessage());
        }
    }
}
