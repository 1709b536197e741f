package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.GroupIdentify;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A join of events with group_profiles on the group becomes a per-event look-up that Troupe aggregates
 * itself, with the join's answers: events without a group drop out, groups without properties stay.
 */
class ProfileJoinTest {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private static ObjectNode set(String name, String value) {
        ObjectNode ops = JsonNodeFactory.instance.objectNode();
        ops.putObject("$set").put(name, value);
        return ops;
    }

    private static Event event(long t, String user, String org) {
        return new Event(t, "Open", user, null, null, org == null ? Map.of() : Map.of("org_id", List.of(org)), null, null);
    }

    @Test
    void joinWithProfilesRunsInTroupeWithTheJoinsAnswers() {
        try (TestProject p = new TestProject(dir)) {
            p.ingest(List.of(new GroupIdentify("org_id", "acme", 0L, set("region", "EU")),
                    new GroupIdentify("org_id", "zeta", 0L, set("region", "US")),
                    new GroupIdentify("org_id", "idle", 0L, set("region", "US")),
                    event(DAY, "alice", "acme"), event(DAY + 1, "bob", "zeta"), event(2 * DAY, "carol", "acme"),
                    event(2 * DAY, "dave", "nova"), event(2 * DAY + 5, "erin", null)));
            SqlSession s = p.session();
            String join = "select floor(e.event_time to day) d, p.properties['region'] r, count(distinct e.org_id) n, count(*) c "
                    + "from events e join group_profiles p on p.group_type = 'org_id' and p.group_value = e.org_id "
                    + "group by 1, 2 order by 1, 2";
            String plan = s.explain(join);
            assertTrue(plan.contains("TroupeAggregate") && !plan.contains("Join"), plan);
            String expected = "[[1970-01-02 00:00:00.0, EU, 1, 1], [1970-01-02 00:00:00.0, US, 1, 1], "
                    + "[1970-01-03 00:00:00.0, EU, 1, 1], [1970-01-03 00:00:00.0, null, 1, 1]]";
            assertEquals(expected, s.rows(join).toString());
            p.flush();
            assertEquals(expected, s.rows(join).toString());
            // The profile's own columns come through as the join would give them.
            assertEquals("[[alice, org_id, acme, {region=EU}], [bob, org_id, zeta, {region=US}]]",
                    s.rows("select e.user_id, p.group_type, p.group_value, p.properties from events e join group_profiles p "
                            + "on e.org_id = p.group_value and p.group_type = 'org_id' where e.event_time < timestamp '1970-01-03 00:00:00' "
                            + "order by 1").toString());
            // first_seen needs the profile table itself: the join stays a join, with the same kind of answer.
            String seen = "select e.user_id, p.first_seen from events e join group_profiles p "
                    + "on p.group_type = 'org_id' and p.group_value = e.org_id order by 1";
            assertTrue(s.explain(seen).contains("Join"), s.explain(seen));
            assertEquals("[[alice, 1970-01-02 00:00:00.0], [bob, 1970-01-02 00:00:00.001], [carol, 1970-01-02 00:00:00.0], "
                    + "[dave, 1970-01-03 00:00:00.0]]", s.rows(seen).toString());
            // A left join keeps events without a group: not rewritten.
            String left = "select count(*) from events e left join group_profiles p on p.group_type = 'org_id' and p.group_value = e.org_id";
            assertFalse(s.explain(left).contains("CURRENT_GROUP_PROPERTIES"), s.explain(left));
            assertEquals("[[5]]", s.rows(left).toString());
        }
    }
}
