package io.troupe.sql.dynamic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.SqlOptions;
import io.troupe.sql.SqlSession;
import io.troupe.testing.MutableClock;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refreshes over a simulated clock: a rolling 7-day window, a calendar week and a calendar month, advanced day by
 * day from Wednesday 2026-01-28 across the month boundary (Sunday 02-01) and the week boundary (Monday 02-02).
 *
 * <p>Events: acme's user a1 every day 01-20 .. 02-03 at 10:00, its user a2 on 01-26 and 01-29; beta's user b1 on
 * 01-27. Rolling 7 days at refresh day D counts [D - 7 days, D): acme has 2 users until D = 02-05 (a2's 01-29 is
 * in [01-29, 02-05)) and 1 from 02-06; beta has 1 until D = 02-03 and 0 from 02-04.
 */
class DynamicPropertyRefreshTest {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static Event event(long time, String user, String org) {
        return new Event(time, "Open", user, null, null, Map.of("org_id", List.of(org)), null, null);
    }

    private static List<Command> events() {
        List<Command> events = new ArrayList<>();
        for (long t = at("2026-01-20T10:00:00Z"); t <= at("2026-02-03T10:00:00Z"); t += DAY) {
            events.add(event(t, "a1", "acme"));
        }
        events.add(event(at("2026-01-26T10:00:00Z"), "a2", "acme"));
        events.add(event(at("2026-01-29T10:00:00Z"), "a2", "acme"));
        events.add(event(at("2026-01-27T10:00:00Z"), "b1", "beta"));
        return events;
    }

    /** The history of one property: "group value valid_from valid_to" lines, by group then time. */
    private static List<String> history(SqlSession s, String property) {
        return s.rows("SELECT group_value, property_value, valid_from, valid_to FROM group_property_history "
                        + "WHERE property_name = ? ORDER BY group_value, valid_from", property).stream()
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3))
                .collect(Collectors.toList());
    }

    @Test
    void rollingAndCalendarWindowsRefreshOncePerPeriodIntoTheHistory() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-28T12:00:00Z"));
        try (TestProject p = new TestProject(dir, SqlOptions.defaults().withClock(clock), 65536)) {
            p.ingest(events());
            SqlSession s = p.session();
            s.rows("CREATE DYNAMIC GROUP PROPERTY active_users_7d FOR GROUP TYPE org_id AS UNIQUES() OVER LAST INTERVAL '7' DAY");
            s.rows("CREATE DYNAMIC GROUP PROPERTY weekly_active_users FOR GROUP TYPE org_id AS UNIQUES() OVER CALENDAR WEEK");
            s.rows("CREATE DYNAMIC GROUP PROPERTY monthly_events FOR GROUP TYPE org_id AS COUNT(*) OVER CALENDAR MONTH");
            DynamicPropertyRefresher refresher = new DynamicPropertyRefresher(p.engine());
            assertEquals(List.of(), refresher.refreshDue(), "each was refreshed at creation: nothing is due the same day");

            // The scheduler's ticks: half a minute after midnight, each day from 01-29 to 02-06.
            Map<String, List<String>> refreshedOn = new java.util.TreeMap<>();
            clock.set(Instant.parse("2026-01-29T00:00:30Z"));
            for (int day = 0; day < 9; day++) {
                for (RefreshResult r : refresher.refreshDue()) {
                    refreshedOn.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(clock.instant().toString().substring(5, 10));
                    assertEquals(2, r.groups(), "every group of the type gets a value");
                }
                assertEquals(List.of(), refresher.refreshDue(), "a second tick in the same period refreshes nothing");
                clock.advance(Duration.ofDays(1));
            }
            assertEquals(List.of("01-29", "01-30", "01-31", "02-01", "02-02", "02-03", "02-04", "02-05", "02-06"),
                    refreshedOn.get("active_users_7d"));
            assertEquals(List.of("02-02"), refreshedOn.get("weekly_active_users"), "ISO weeks start on Monday");
            assertEquals(List.of("02-01"), refreshedOn.get("monthly_events"));

            // Only changes are written: valid_from is the refresh time, valid_to closes the previous value.
            assertEquals(List.of(
                    "acme 2 2026-01-28 12:00:00.0 2026-02-06 00:00:30.0",
                    "acme 1 2026-02-06 00:00:30.0 null",
                    "beta 1 2026-01-28 12:00:00.0 2026-02-04 00:00:30.0",
                    "beta 0 2026-02-04 00:00:30.0 null"), history(s, "active_users_7d"));
            // Calendar week: at creation the last complete week [01-19, 01-26) (acme: a1), then [01-26, 02-02).
            assertEquals(List.of(
                    "acme 1 2026-01-28 12:00:00.0 2026-02-02 00:00:30.0",
                    "acme 2 2026-02-02 00:00:30.0 null",
                    "beta 0 2026-01-28 12:00:00.0 2026-02-02 00:00:30.0",
                    "beta 1 2026-02-02 00:00:30.0 null"), history(s, "weekly_active_users"));
            // Calendar month: December had no events; January: acme 12 (a1, 01-20 .. 01-31) + 2 (a2) events.
            assertEquals(List.of(
                    "acme 0 2026-01-28 12:00:00.0 2026-02-01 00:00:30.0",
                    "acme 14 2026-02-01 00:00:30.0 null",
                    "beta 0 2026-01-28 12:00:00.0 2026-02-01 00:00:30.0",
                    "beta 1 2026-02-01 00:00:30.0 null"), history(s, "monthly_events"));

            // GROUP_PROPERTY at each event's time sees the value in force then, like any group property.
            assertEquals("[[2026-01-28 10:00:00.0, null, null], [2026-01-29 10:00:00.0, 2, 1], [2026-02-03 10:00:00.0, 2, 2]]",
                    s.rows("SELECT event_time, GROUP_PROPERTY(org_id, 'active_users_7d'), "
                            + "GROUP_PROPERTY(org_id, 'weekly_active_users') FROM events WHERE user_id = 'a1' "
                            + "AND event_time IN (TIMESTAMP '2026-01-28 10:00:00', TIMESTAMP '2026-01-29 10:00:00', "
                            + "TIMESTAMP '2026-02-03 10:00:00') ORDER BY event_time").toString());

            // On demand in the same period: computed again, the same values, nothing new written.
            List<RefreshResult> again = refresher.refreshNow(null);
            assertEquals(3, again.size());
            again.forEach(r -> assertEquals(0, r.groupsWritten(), r.toString()));
            assertThrows(TroupeException.class, () -> refresher.refreshNow("nope"));

            // OR REPLACE: refreshed at once with the new definition (a2 has no event in [01-30, 02-06): acme 0);
            // the values written before stay, and beta's unchanged 0 is not written again.
            clock.set(Instant.parse("2026-02-06T01:00:00Z"));
            s.rows("CREATE OR REPLACE DYNAMIC GROUP PROPERTY active_users_7d FOR GROUP TYPE org_id "
                    + "AS UNIQUES() WHERE user_id = 'a2' OVER LAST INTERVAL '7' DAY");
            assertEquals(List.of(
                    "acme 2 2026-01-28 12:00:00.0 2026-02-06 00:00:30.0",
                    "acme 1 2026-02-06 00:00:30.0 2026-02-06 01:00:00.0",
                    "acme 0 2026-02-06 01:00:00.0 null",
                    "beta 1 2026-01-28 12:00:00.0 2026-02-04 00:00:30.0",
                    "beta 0 2026-02-04 00:00:30.0 null"), history(s, "active_users_7d"));
        }
    }

    @Test
    void dropStopsRefreshesAndKeepsTheHistory() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-28T12:00:00Z"));
        try (TestProject p = new TestProject(dir, SqlOptions.defaults().withClock(clock), 65536)) {
            p.ingest(events());
            SqlSession s = p.session();
            s.rows("CREATE DYNAMIC GROUP PROPERTY active_users_7d FOR GROUP TYPE org_id AS UNIQUES() OVER LAST INTERVAL '7' DAY");
            List<String> before = history(s, "active_users_7d");
            s.rows("DROP DYNAMIC GROUP PROPERTY active_users_7d");
            clock.set(Instant.parse("2026-02-06T00:00:30Z"));
            assertEquals(List.of(), new DynamicPropertyRefresher(p.engine()).refreshDue());
            assertEquals(before, history(s, "active_users_7d"));
            assertEquals(2, before.size());
            TroupeException e = assertThrows(TroupeException.class,
                    () -> new DynamicPropertyRefresher(p.engine()).refreshNow("active_users_7d"));
            assertEquals(ErrorCode.UNKNOWN_DYNAMIC_PROPERTY, e.errorCode());
            // the definitions survive a restart (the history comes back from the WAL)
            s.rows("CREATE DYNAMIC GROUP PROPERTY events_7d FOR GROUP TYPE org_id AS COUNT(*) OVER LAST INTERVAL '7' DAY");
            p.restart();
            SqlSession again = p.session();
            assertEquals(before, history(again, "active_users_7d"));
            assertTrue(again.rows("SELECT name FROM dynamic_group_properties").toString().contains("events_7d"));
            assertEquals(List.of(), new DynamicPropertyRefresher(p.engine()).refreshDue(), "refreshed at creation today");
        }
    }
}
