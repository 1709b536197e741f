package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import io.troupe.storage.partition.Manifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment whose manifest entry lists none of the event types a filter requires is not read at all. Proved
 * by damaging the segment that holds only other types: the query for the listed type never touches it.
 */
class SegmentSkippingTest {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    @Test
    void aSegmentWithoutTheEventTypeIsNotRead() {
        try (TestProject p = new TestProject(dir.resolve("project"))) {
            p.ingest(List.of(event(DAY, "Signup", "alice"), event(DAY + 1, "Signup", "bob"),
                    event(2 * DAY, "Pay", "alice"), event(2 * DAY + 5, "Open", "carol")));
            p.flush();
            Manifest day2 = p.store().manifests().lastEntry().getValue();
            assertEquals(List.of(idOf(p, "Open"), idOf(p, "Pay")).stream().sorted().toList(),
                    day2.segments().get(0).eventTypes());
            p.damageSegment(day2.segments().get(0).name());
            p.restart();
            SqlSession s = p.session();
            assertEquals("[[2]]", s.rows("select count(user_id) from events where event_type = 'Signup'").toString());
            assertEquals("[[2]]", s.rows("select count(distinct user_id) from events where event_type in ('Signup', 'Nope')").toString());
            TroupeException e = assertThrows(TroupeException.class,
                    () -> s.rows("select count(distinct user_id) from events where event_type = 'Pay'"));
            assertEquals(ErrorCode.STORAGE_CORRUPT, e.errorCode(), e.toString());
        }
    }

    private static int idOf(TestProject p, String type) {
        return p.store().dictionaries().eventTypes().idOf(type);
    }

    private static Event event(long t, String type, String user) {
        return new Event(t, type, user, null, null, Map.of(), null, null);
    }

}
