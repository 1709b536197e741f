package io.troupe.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.sql.SqlSession;
import io.troupe.sql.dynamic.RefreshResult;
import io.troupe.storage.event.Event;
import io.troupe.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic group properties in the server: the scheduler's check (called directly, with the server's clock moved:
 * no sleeping for days) and {@code POST /projects/{p}/dynamic-properties/refresh} with its errors and metrics.
 */
class DynamicPropertiesAdminTest {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path data;

    private static void ingest(Project project) {
        long monday = Instant.parse("2026-01-05T10:00:00Z").toEpochMilli();
        List<Event> events = new ArrayList<>();
        for (int day = 0; day < 7; day++) { // acme: u1 daily; u2 on Monday only; beta: u3 on Friday
            events.add(new Event(monday + day * DAY, "Open", "u1", null, "a" + day, Map.of("org_id", List.of("acme")), null, null));
        }
        events.add(new Event(monday, "Open", "u2", null, "b", Map.of("org_id", List.of("acme")), null, null));
        events.add(new Event(monday + 4 * DAY, "Open", "u3", null, "c", Map.of("org_id", List.of("beta")), null, null));
        project.store().ingest(events);
    }

    private static String current(SqlSession s, String group, String property) {
        List<List<Object>> rows = s.rows("SELECT property_value FROM group_property_history WHERE group_value = ? "
                + "AND property_name = ? AND valid_to IS NULL", group, property);
        return rows.isEmpty() ? null : String.valueOf(rows.get(0).get(0));
    }

    @Test
    void theSchedulerRefreshesWhatIsDueAndTheAdminPortOnDemand() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-08T12:00:00Z"));
        ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withFreePorts()
                .with(Map.of("dynamic.checkSeconds", "0")).withClock(clock);
        try (TroupeServer server = TroupeServer.start(config)) {
            AdminClient admin = new AdminClient(server.adminAddress(), server.context().adminToken());
            Project project = server.projects().get("default");
            ingest(project);
            try (SqlSession s = project.sql().open()) {
                // at creation (Thursday 01-08): [01-01, 01-08): acme u1 + u2 = 2, beta 0; last full week: none
                s.rows("CREATE DYNAMIC GROUP PROPERTY active_users_7d FOR GROUP TYPE org_id AS UNIQUES() OVER LAST INTERVAL '7' DAY");
                s.rows("CREATE DYNAMIC GROUP PROPERTY weekly_active_users FOR GROUP TYPE org_id AS UNIQUES() OVER CALENDAR WEEK");
                assertEquals("2", current(s, "acme", "active_users_7d"));
                assertEquals("0", current(s, "acme", "weekly_active_users"));
                assertEquals(List.of(), server.dynamicProperties().tick(), "nothing is due on the day of creation");

                // Monday 01-12 00:01: the rolling window [01-05, 01-12) and the week [01-05, 01-12) are both due.
                clock.advance(Duration.ofHours(3 * 24 + 12).plusMinutes(1));
                List<RefreshResult> ticked = server.dynamicProperties().tick();
                assertEquals(List.of("active_users_7d", "weekly_active_users"), ticked.stream().map(RefreshResult::name).toList());
                assertEquals("2", current(s, "acme", "weekly_active_users"));
                assertEquals("1", current(s, "beta", "weekly_active_users"));
                assertEquals(List.of(), server.dynamicProperties().tick(), "the next check in the same period does nothing");

                // Tuesday 01-13: only the rolling window is due: [01-06, 01-13) loses u2 (Monday only).
                clock.advance(Duration.ofDays(1));
                assertEquals(List.of("active_users_7d"),
                        server.dynamicProperties().tick().stream().map(RefreshResult::name).toList());
                assertEquals("1", current(s, "acme", "active_users_7d"));
            }

            // On demand: all, or one by name; the same period again writes nothing new.
            AdminClient.Response all = admin.post("/projects/default/dynamic-properties/refresh", null);
            assertEquals(200, all.status(), all.toString());
            JsonNode refreshed = all.json().get("refreshed");
            assertEquals(2, refreshed.size());
            for (JsonNode r : refreshed) {
                assertEquals(0, r.get("groupsWritten").intValue(), r.toString());
                assertEquals(2, r.get("groups").intValue(), r.toString());
                assertTrue(r.has("millis"));
            }
            AdminClient.Response one = admin.post("/projects/default/dynamic-properties/refresh?name=weekly_active_users", null);
            assertEquals(200, one.status(), one.toString());
            assertEquals("weekly_active_users", one.json().get("refreshed").get(0).get("name").textValue());
            assertEquals("2026-01-05T00:00:00Z", one.json().get("refreshed").get(0).get("windowFrom").textValue());
            assertEquals("2026-01-12T00:00:00Z", one.json().get("refreshed").get(0).get("windowTo").textValue());

            AdminClient.Response unknown = admin.post("/projects/default/dynamic-properties/refresh?name=nope", null);
            assertEquals(404, unknown.status());
            assertEquals("UNKNOWN_DYNAMIC_PROPERTY", unknown.error());
            assertEquals(404, admin.post("/projects/nope/dynamic-properties/refresh", null).status());
            assertEquals(405, admin.get("/projects/default/dynamic-properties/refresh").status());

            // 3 scheduled + 3 on demand (the refresh of a CREATE runs in the statement and is not counted here)
            String metrics = admin.get("/metrics").body();
            assertTrue(metrics.contains("troupe_dynamic_property_refreshes_total 6.0"), metrics);
            assertTrue(metrics.contains("troupe_dynamic_property_refresh_failures_total 0.0"), metrics);
        }
    }
}
