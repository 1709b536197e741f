package io.troupe.sql.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.sql.SqlOptions;
import io.troupe.sql.SqlSession;
import io.troupe.sql.testing.TestProject;
import io.troupe.testing.generator.B2bGenerator;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GROUP_ACTIVITY against the plain query it stands for, {@code SELECT ... FROM events WHERE org_id = ? ORDER BY
 * event_time DESC}, on generated data spread over segments of many days and the tail: the same events, newest first;
 * and its pages, chained by {@code before_timestamp}, add up to the whole stream. Also GROUP_SEARCH's window setting.
 */
class GroupActivityDifferentialTest {
    private static final String COLUMNS = "event_time, event_type, user_id, device_id, insert_id, event_properties, "
            + "user_properties, event_groups";

    @TempDir
    Path dir;

    @Test
    void groupActivityIsTheGroupsEventsNewestFirst() {
        // Small batches: a segment has many, most without a given org's rows.
        try (TestProject p = new TestProject(dir, SqlOptions.defaults().withParallelism(1), 512)) {
            p.loadGenerated(B2bGenerator.Config.builder().seed(11).orgs(12).days(20).targetEvents(12_000).build());
            p.flush();
            p.loadGenerated(B2bGenerator.Config.builder().seed(12).orgs(12).days(25).targetEvents(3_000).build());
            SqlSession s = p.session();
            List<List<Object>> orgs = s.rows("SELECT org_id, COUNT(*) FROM events WHERE org_id IS NOT NULL "
                    + "GROUP BY org_id ORDER BY 2 DESC, 1 LIMIT 4");
            assertEquals(4, orgs.size());
            for (List<Object> org : orgs) {
                String value = (String) org.get(0);
                List<List<Object>> expected = s.rows("SELECT " + COLUMNS + " FROM events WHERE org_id = ? ORDER BY event_time DESC", value);
                List<List<Object>> actual = s.rows("SELECT " + COLUMNS + " FROM TABLE(GROUP_ACTIVITY('org_id', ?))", value);
                assertEquals(((Number) org.get(1)).intValue(), actual.size(), value);
                assertNewestFirst(actual);
                assertEquals(canonical(expected), canonical(actual), value);

                List<List<Object>> paged = new ArrayList<>();
                List<List<Object>> page = s.rows("SELECT " + COLUMNS + " FROM TABLE(GROUP_ACTIVITY('org_id', ?, 97))", value);
                while (!page.isEmpty()) {
                    assertTrue(page.size() >= 97 || paged.size() + page.size() == actual.size(), "only the last page is short");
                    paged.addAll(page);
                    Timestamp last = (Timestamp) page.get(page.size() - 1).get(0);
                    page = s.rows("SELECT " + COLUMNS + " FROM TABLE(GROUP_ACTIVITY('org_id', ?, 97, ?))", value, last);
                }
                assertNewestFirst(paged);
                assertEquals(canonical(actual), canonical(paged), value + ": the pages add up to the stream");
            }
            assertTrue(s.rows("SELECT * FROM TABLE(GROUP_ACTIVITY('org_id', 'no such org'))").isEmpty());
        }
    }

    private static void assertNewestFirst(List<List<Object>> rows) {
        for (int i = 1; i < rows.size(); i++) {
            Timestamp before = (Timestamp) rows.get(i - 1).get(0);
            Timestamp after = (Timestamp) rows.get(i).get(0);
            assertFalse(after.after(before), "row " + i + " is newer than the one before it");
        }
    }

    /** The rows sorted by time, then by their text: events with equal times come in no particular order. */
    private static List<String> canonical(List<List<Object>> rows) {
        return rows.stream().sorted(Comparator.<List<Object>, Timestamp>comparing(r -> (Timestamp) r.get(0)).reversed()
                .thenComparing(Object::toString)).map(Object::toString).toList();
    }

    @Test
    void theSearchWindowIsASetting() {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        SqlOptions options = SqlOptions.defaults().withClock(Clock.fixed(now, ZoneOffset.UTC));
        String events = "SELECT group_value FROM TABLE(GROUP_SEARCH('org_id', ''))";
        try (TestProject p = new TestProject(dir.resolve("default"), options, 1024)) {
            p.loadGenerated(B2bGenerator.Config.builder().seed(5).orgs(6).start(Instant.parse("2026-01-01T00:00:00Z"))
                    .days(30).targetEvents(2_000).build());
            assertEquals(6, p.session().rows(events).size(), "every org had an event within 183 days");
        }
        try (TestProject p = new TestProject(dir.resolve("narrow"), options.withLookupActiveWindowDays(20), 1024)) {
            p.loadGenerated(B2bGenerator.Config.builder().seed(5).orgs(6).start(Instant.parse("2026-01-01T00:00:00Z"))
                    .days(30).targetEvents(2_000).build());
            SqlSession s = p.session();
            // Active within 20 days of 2026-03-01: a last event on or after 2026-02-09, which the data (January) has not.
            assertTrue(s.rows(events).isEmpty());
            List<List<Object>> all = s.rows("SELECT COUNT(*) FROM group_profiles WHERE last_seen >= TIMESTAMP '2026-01-20 00:00:00'");
            assertEquals(6L, ((Number) all.get(0).get(0)).longValue(), "the same orgs are active with a longer window");
        }
    }
}
