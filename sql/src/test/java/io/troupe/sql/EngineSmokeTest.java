package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end on three events: answers, and where the plan runs. */
class EngineSmokeTest {
    @TempDir
    Path dir;

    @Test
    void groupedCountsRunInTroupeAndAnswerAlikeBeforeAndAfterFlush() {
        try (TestProject p = new TestProject(dir)) {
            p.ingest(List.of(
                    new Event(1_700_000_000_000L, "Open", "alice", null, "i1", Map.of("org_id", List.of("acme")), null, null),
                    new Event(1_700_000_100_000L, "Open", "bob", null, "i2", Map.of("org_id", List.of("acme")), null, null),
                    new Event(1_700_090_000_000L, "Pay", "carol", null, "i3", Map.of("org_id", List.of("zeta")), null, null)));
            SqlSession s = p.session();
            String q = "select event_type, count(*), count(distinct user_id) from events group by event_type order by 1";
            assertEquals("[[Open, 2, 2], [Pay, 1, 1]]", s.rows(q).toString());
            assertTrue(s.explain(q).contains("TroupeAggregate"), s.explain(q));
            p.flush();
            assertEquals("[[Open, 2, 2], [Pay, 1, 1]]", s.rows(q).toString());
            String filtered = "select count(*) from events where event_type = 'Open' and event_time >= timestamp '2023-11-14 22:14:00'";
            assertEquals("[[1]]", s.rows(filtered).toString());
            assertTrue(s.explain(filtered).contains("TroupeFilter"), s.explain(filtered));
        }
    }
}
