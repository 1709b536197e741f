package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ORDER BY a time with LIMIT runs as Troupe's top-N and answers like a full sort, in the tail and in segments. */
class TopNTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    @Test
    void topNByTimeAnswersLikeAFullSort() {
        try (TestProject p = new TestProject(dir, SqlOptions.defaults(), 64)) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                events.add(new Event(i * 600_000L, i % 3 == 0 ? "A" : "B", "u" + (i % 37), null, null, Map.of(), null, null));
            }
            p.ingest(events.subList(0, 1000));
            p.flush();
            p.ingest(events.subList(1000, 2000));
            SqlSession s = p.session();
            String newest = "select event_time, user_id from events order by event_time desc limit 3";
            assertTrue(s.explain(newest).contains("TroupeSort"), s.explain(newest));
            assertEquals("[[1970-01-14 21:10:00.0, u1], [1970-01-14 21:00:00.0, u0], [1970-01-14 20:50:00.0, u36]]",
                    s.rows(newest).toString());
            assertEquals("[[1970-01-01 00:20:00.0, u2], [1970-01-01 00:30:00.0, u3]]",
                    s.rows("select event_time, user_id from events order by event_time limit 2 offset 2").toString());
            assertEquals("[[1970-01-14 21:00:00.0, u0], [1970-01-14 20:30:00.0, u34]]",
                    s.rows("select event_time, user_id from events where event_type = 'A' order by event_time desc limit 2").toString());
            // Time buckets tie: compare the keys only.
            List<List<Object>> hours = s.rows("select floor(event_time to hour) h, user_id from events order by h desc limit 8");
            List<Object> keys = new ArrayList<>();
            hours.forEach(r -> keys.add(r.get(0)));
            assertEquals(8, keys.size());
            assertEquals(keys.get(0), keys.get(1));
            assertEquals("1970-01-14 21:00:00.0", keys.get(0).toString());
            assertEquals("1970-01-14 20:00:00.0", keys.get(2).toString());
            // The same answers as Calcite's sort (two keys are not Troupe's).
            assertEquals(s.rows("select event_time, user_id from events order by event_time desc, user_id limit 50"),
                    s.rows("select event_time, user_id from events order by event_time desc limit 50"));
            assertEquals("[]", s.rows("select event_time from events order by event_time limit 0").toString());
        }
    }
}
