package io.troupe.sql.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.sql.SqlOptions;
import io.troupe.sql.SqlSession;
import io.troupe.sql.testing.TestProject;
import io.troupe.testing.generator.B2bGenerator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On generated B2B data: {@code org_id IN COHORT c} answers what {@code org_id IN (<c's query>)} answers, in the
 * pushed-down form and the row-at-a-time one, for behavioral and static cohorts, after flush and after a restart
 * (static members unchanged, behavioral ones following new data).
 */
class CohortDifferentialTest {
    private static final String POWER = "SELECT org_id FROM events WHERE event_type = 'Create customized report'"
            + " GROUP BY org_id HAVING COUNT(*) >= 3";

    @TempDir
    Path dir;

    @Test
    void membershipEqualsTheInlinedQuery() {
        long seed = Long.getLong("cohort.seed", 7);
        System.out.println("[cohorts] seed " + seed);
        B2bGenerator.Config data = B2bGenerator.Config.builder().seed(seed).orgs(60).days(20).targetEvents(30_000).build();
        try (TestProject p = new TestProject(dir, SqlOptions.defaults(), c -> c)) {
            p.loadGenerated(data);
            SqlSession sql = p.session();
            sql.rows("CREATE COHORT power_orgs FOR GROUP TYPE org_id AS " + POWER);
            sql.rows("CREATE STATIC COHORT power_then FOR GROUP TYPE org_id AS " + POWER);
            List<List<Object>> members = sql.rows(POWER + " ORDER BY 1");
            assertFalse(members.isEmpty(), "the data has power orgs");
            assertTrue(members.size() < sql.rows("SELECT DISTINCT org_id FROM events WHERE org_id IS NOT NULL").size(),
                    "and orgs that are not");

            String[] shapes = {
                "SELECT event_type, COUNT(*), COUNT(DISTINCT user_id) FROM events WHERE org_id %s GROUP BY 1 ORDER BY 1",
                "SELECT COUNT(*) FROM events WHERE NOT (org_id %s)",
                "SELECT org_id, COUNT(*) FROM events WHERE event_type = 'Open App' AND org_id %s GROUP BY 1 ORDER BY 1",
            };
            for (String shape : shapes) {
                String expected = String.format(shape, "IN (" + POWER + ")");
                for (String cohort : List.of("IN COHORT power_orgs", "IN COHORT power_then")) {
                    assertEquals(sql.rows(expected), sql.rows(String.format(shape, cohort)), shape + " with " + cohort);
                }
            }
            assertTrue(sql.explain("SELECT COUNT(*) FROM events WHERE org_id IN COHORT power_orgs").contains("TroupeFilter"));
            // the row-at-a-time form (a CASE Troupe does not push) gives the same answer
            assertEquals(sql.rows("SELECT SUM(CASE WHEN org_id IN (" + POWER + ") THEN 1 ELSE 0 END) FROM events"),
                    sql.rows("SELECT SUM(CASE WHEN org_id IN COHORT power_orgs THEN 1 ELSE 0 END) FROM events"));

            p.flush();
            assertEquals(members, sql.rows("SELECT member_value FROM cohort_members WHERE cohort = 'power_then' ORDER BY 1"));
            p.restart();
            SqlSession after = p.session();
            assertEquals(members, after.rows("SELECT member_value FROM cohort_members WHERE cohort = 'power_then' ORDER BY 1"));
            assertEquals(members, after.rows("SELECT member_value FROM cohort_members WHERE cohort = 'power_orgs' ORDER BY 1"));
            // more data: the behavioral cohort follows it, the static one does not
            List<Object> outsider = after.rows("SELECT org_id FROM events WHERE org_id IS NOT NULL AND org_id NOT IN COHORT"
                    + " power_orgs GROUP BY org_id ORDER BY 1 LIMIT 1").get(0);
            p.ingest(List.of(
                    event("x1", outsider.get(0)), event("x2", outsider.get(0)), event("x3", outsider.get(0))));
            assertEquals(members.size() + 1,
                    after.rows("SELECT member_value FROM cohort_members WHERE cohort = 'power_orgs'").size());
            assertEquals(members.size(),
                    after.rows("SELECT member_value FROM cohort_members WHERE cohort = 'power_then'").size());
        }
    }

    private static io.troupe.storage.event.Event event(String insertId, Object org) {
        return new io.troupe.storage.event.Event(B2bGenerator.Config.DEFAULT_START.toEpochMilli() + 1000,
                "Create customized report", "u-" + insertId, null, insertId,
                java.util.Map.of("org_id", List.of(org.toString())), null, null);
    }
}
