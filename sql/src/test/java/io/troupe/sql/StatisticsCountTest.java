package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import io.troupe.storage.partition.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts by event type over whole segments come from the manifest's per-segment counts: the same answers as a
 * scan (partial segments and the tail are still scanned), and the segments themselves are not read.
 */
class StatisticsCountTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    @Test
    void countsByTypeFromManifestsAnswerLikeAScan() {
        try (TestProject p = new TestProject(dir.resolve("project"))) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 24 * 6; i++) { // six days, one event an hour
                events.add(new Event(i * HOUR, i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C", "u" + (i % 5), null, null, Map.of(), null, null));
            }
            p.ingest(events);
            p.flush();
            p.ingest(List.of(new Event(2 * HOUR + 1, "A", "late", null, null, Map.of(), null, null)));
            SqlSession s = p.session();
            // Statistics (COUNT(*)) against a scan of the same rows (SUM(1) runs in Calcite over a Troupe scan).
            String[][] pairs = {
                {"select event_type, count(*) from events group by 1 order by 1",
                    "select event_type, sum(1) from events group by 1 order by 1"},
                {"select count(*) from events where event_type in ('A', 'C')",
                    "select sum(1) from events where event_type in ('A', 'C')"},
                {"select floor(event_time to day), event_type, count(*) from events where event_type = 'B' group by 1, 2 order by 1",
                    "select floor(event_time to day), event_type, sum(1) from events where event_type = 'B' group by 1, 2 order by 1"},
                {"select count(*) from events where event_time >= timestamp '1970-01-02 12:00:00' and event_time < timestamp '1970-01-05 00:00:00'",
                    "select sum(1) from events where event_time >= timestamp '1970-01-02 12:00:00' and event_time < timestamp '1970-01-05 00:00:00'"},
                {"select floor(event_time to hour), count(*) from events group by 1 order by 1",
                    "select floor(event_time to hour), sum(1) from events group by 1 order by 1"}};
            for (String[] pair : pairs) {
                assertEquals(s.rows(pair[1]), s.rows(pair[0]), pair[0]);
            }
            assertEquals("[[A, 49], [B, 48], [C, 48]]", s.rows(pairs[0][0]).toString());
            // A damaged segment is never read by a count from statistics, but a scan needs it.
            Manifest day3 = new ArrayList<>(p.store().manifests().values()).get(2);
            p.damageSegment(day3.segments().get(0).name());
            p.restart();
            SqlSession after = p.session();
            assertEquals("[[A, 49], [B, 48], [C, 48]]", after.rows(pairs[0][0]).toString());
            TroupeException e = assertThrows(TroupeException.class,
                    () -> after.rows("select event_type, count(distinct user_id) from events group by 1"));
            assertEquals(ErrorCode.STORAGE_CORRUPT, e.errorCode(), e.toString());
        }
    }

}
