package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans the differential test against DuckDB found wrong, kept as regressions. */
class PlannerRegressionTest {
    @TempDir
    Path dir;

    private TestProject project() {
        TestProject p = new TestProject(dir);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(new Event(i * 3_600_000L * 7, i % 2 == 0 ? "Open" : "Pay", (i % 3 == 0 ? "a" : "b") + i, null, null,
                    Map.of(), null, null));
        }
        p.ingest(events);
        return p;
    }

    @Test
    void weekTruncationsThatPrintAlikeButDifferInNullabilityStayApart() {
        try (TestProject p = project()) {
            List<List<Object>> rows = p.session().rows("select floor(event_time to week), date_trunc('week', event_time), "
                    + "upper(event_type) from events where user_id = 'a0'");
            assertEquals("[[1969-12-29 00:00:00.0, 1969-12-29 00:00:00.0, OPEN]]", rows.toString());
        }
    }

    @Test
    void anAggregateSubQueryReopenedPerOuterRowIsComputedOnce() {
        try (TestProject p = project()) {
            assertEquals("[[2]]", p.session().rows("select count(*) from events where event_time >= "
                    + "(select max(event_time) from events where user_id like 'a%')").toString());
        }
    }
}
