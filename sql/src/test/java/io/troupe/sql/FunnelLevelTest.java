package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FUNNEL_LEVEL with a plain GROUP BY: the dialect issue's windowFunnel cases (window 10 s, steps A, B, C), one
 * org each, in the tail and in segments; a group converts when different members do different steps.
 */
class FunnelLevelTest {
    private static final long S = 1000L;

    @TempDir
    Path dir;

    private static Event e(long seconds, String type, String user, String org) {
        return new Event(1_000_000 * S + seconds * S, type, user, null, null, Map.of("org_id", List.of(org)), null, null);
    }

    @Test
    void windowFunnelCasesPerOrgAndPerUser() {
        try (TestProject p = new TestProject(dir)) {
            List<Event> events = new ArrayList<>(List.of(
                    e(0, "A", "u1", "o1"), e(5, "B", "u1", "o1"), e(10, "C", "u1", "o1"),          // 3: inclusive window
                    e(0, "A", "u2", "o2"), e(5, "B", "u2", "o2"), e(11, "C", "u2", "o2"),          // 2
                    e(0, "A", "u3", "o3"), e(5, "A", "u3", "o3"), e(6, "B", "u3", "o3"), e(14, "C", "u3", "o3"), // 3
                    e(0, "AB", "u4", "o4"), e(1, "C", "u4", "o4"),                                 // 3: one row, two steps
                    e(5, "B", "u5", "o5"), e(5, "A", "u5", "o5"), e(6, "C", "u5", "o5"),          // 3: equal times in step order
                    e(0, "A", "admin", "o6"), e(5, "B", "payer", "o6"),                           // 2: two members
                    e(0, "X", "u7", "o7")));                                                      // 0
            p.ingest(events);
            SqlSession s = p.session();
            String steps = "event_type in ('A', 'AB'), event_type in ('B', 'AB'), event_type = 'C'";
            String byOrg = "select org_id, funnel_level(event_time, interval '10' second, " + steps + ") from events "
                    + "group by org_id order by org_id";
            String expected = "[[o1, 3], [o2, 2], [o3, 3], [o4, 3], [o5, 3], [o6, 2], [o7, 0]]";
            assertEquals(expected, s.rows(byOrg).toString());
            assertTrue(s.explain(byOrg).contains("FUNNEL_LEVEL"), s.explain(byOrg));
            assertEquals("[[admin, 1], [payer, 0]]", s.rows("select user_id, funnel_level(event_time, interval '10' second, "
                    + steps + ") from events where org_id = 'o6' group by user_id order by user_id").toString());
            p.flush();
            assertEquals(expected, s.rows(byOrg).toString());
            // As a building block: orgs per level.
            assertEquals("[[3, 4], [2, 2], [0, 1]]", s.rows("select lvl, count(*) from (" + byOrg.replace(" order by org_id", "")
                    + ") t(org, lvl) group by lvl order by lvl desc").toString());
        }
    }

    @Test
    void stepsTroupeCannotEvaluateAreRefusedClearly() {
        try (TestProject p = new TestProject(dir)) {
            p.ingest(List.of(e(0, "A", "u1", "o1")));
            TroupeException ex = assertThrows(TroupeException.class, () -> p.session().rows(
                    "select org_id, funnel_level(event_time, interval '1' day, upper(event_type) = 'A') from events group by org_id"));
            assertEquals(ErrorCode.SQL_UNSUPPORTED, ex.errorCode(), ex.toString());
            TroupeException types = assertThrows(TroupeException.class, () -> p.session().rows(
                    "select funnel_level(event_time, 5, event_type = 'A') from events"));
            assertEquals(ErrorCode.SQL_TYPE_MISMATCH, types.errorCode(), types.toString());
        }
    }
}
