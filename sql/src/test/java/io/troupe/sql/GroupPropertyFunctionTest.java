package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.GroupIdentify;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CURRENT_GROUP_PROPERTY: the latest value, as a Troupe grouping key and through Calcite's generated code alike. */
class GroupPropertyFunctionTest {
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
    void groupsByTheCurrentRegionInsideTroupeAndInGeneratedCode() {
        try (TestProject p = new TestProject(dir)) {
            p.ingest(List.of(
                    new GroupIdentify("org_id", "acme", 1_000L, set("region", "EU")),
                    new GroupIdentify("org_id", "zeta", 1_000L, set("region", "US")),
                    event(86_400_000L, "alice", "acme"),
                    event(86_400_001L, "bob", "zeta"),
                    event(2 * 86_400_000L, "carol", "acme"),
                    event(2 * 86_400_000L, "dave", "nova"),
                    new GroupIdentify("org_id", "acme", 3 * 86_400_000L, set("region", "APAC"))));
            SqlSession s = p.session();
            String q = "select floor(event_time to day) d, current_group_property(org_id, 'region') r, count(distinct org_id) n "
                    + "from events group by 1, 2 order by 1, 2";
            List<List<Object>> rows = s.rows(q);
            assertEquals("[[1970-01-02 00:00:00.0, APAC, 1], [1970-01-02 00:00:00.0, US, 1], "
                    + "[1970-01-03 00:00:00.0, APAC, 1], [1970-01-03 00:00:00.0, null, 1]]", rows.toString());
            assertTrue(s.explain(q).contains("TroupeAggregate"), s.explain(q));
            // The same function where Calcite evaluates it (a CASE around it is not a Troupe projection).
            String generated = "select user_id, case when current_group_property(org_id, 'region') = 'US' then 'us' else 'other' end "
                    + "from events order by 1";
            assertEquals("[[alice, other], [bob, us], [carol, other], [dave, other]]", s.rows(generated).toString());
            p.flush();
            assertEquals(rows, s.rows(q));
        }
    }

    @Test
    void groupPropertyIsTheValueInForceAtTheEventsTime() {
        try (TestProject p = new TestProject(dir)) {
            long day = 86_400_000L;
            p.ingest(List.of(
                    event(day - 1, "ann", "acme"), // before the first value: NULL
                    new GroupIdentify("org_id", "acme", day, set("plan", "free")),
                    event(day, "bob", "acme"), // at the change: the new value applies
                    event(2 * day, "cy", "acme"),
                    event(3 * day, "dee", "acme"),
                    event(3 * day + 1, "eve", "acme"),
                    event(3 * day + 2, "fay", null)));
            // A value sent later but dated earlier (a backfill) applies to the events after its time.
            p.ingest(List.of(new GroupIdentify("org_id", "acme", 3 * day, set("plan", "pro"))));
            SqlSession s = p.session();
            String q = "select group_property(org_id, 'plan') plan, count(*) n, count(distinct user_id) u from events "
                    + "group by 1 order by 1";
            List<List<Object>> rows = s.rows(q);
            assertEquals("[[free, 2, 2], [pro, 2, 2], [null, 2, 2]]", rows.toString());
            assertTrue(s.explain(q).contains("TroupeAggregate"), s.explain(q));
            String current = "select current_group_property(org_id, 'plan') plan, count(*) from events group by 1 order by 1";
            assertEquals("[[pro, 5], [null, 1]]", s.rows(current).toString());
            // Row at a time through Calcite's generated code: the same values.
            String generated = "select user_id, coalesce(group_property(org_id, 'plan'), '-') || '' from events order by 1";
            assertEquals("[[ann, -], [bob, free], [cy, free], [dee, pro], [eve, pro], [fay, -]]", s.rows(generated).toString());
            assertEquals("[[bob], [cy]]", s.rows("select user_id from events where group_property(org_id, 'plan') = 'free' "
                    + "order by 1").toString());
            assertEquals("[[2]]", s.rows("select count(distinct group_property(org_id, 'plan')) from events").toString());
            p.flush();
            assertEquals(rows, s.rows(q));
        }
    }

    @Test
    void groupPropertyNeedsTheEventsOwnTime() {
        try (TestProject p = new TestProject(dir)) {
            p.ingest(List.of(event(1L, "alice", "acme")));
            TroupeException e = assertThrows(TroupeException.class,
                    () -> p.session().rows("select group_property(org_id, 'plan') from (select org_id from events)"));
            assertEquals(ErrorCode.SQL_INVALID, e.errorCode(), e.toString());
            TroupeException unknown = assertThrows(TroupeException.class,
                    () -> p.session().rows("select group_property(user_id, 'plan') from events"));
            assertEquals(ErrorCode.UNKNOWN_GROUP_TYPE, unknown.errorCode(), unknown.toString());
        }
    }

    @Test
    void theFirstArgumentMustBeAGroupColumn() {
        try (TestProject p = new TestProject(dir)) {
            p.ingest(List.of(event(1L, "alice", "acme")));
            TroupeException e = assertThrows(TroupeException.class,
                    () -> p.session().rows("select current_group_property('acme', 'region') from events"));
            assertEquals(ErrorCode.SQL_INVALID, e.errorCode(), e.toString());
            TroupeException unknown = assertThrows(TroupeException.class,
                    () -> p.session().rows("select current_group_property(user_id, 'region') from events"));
            assertEquals(ErrorCode.UNKNOWN_GROUP_TYPE, unknown.errorCode(), unknown.toString());
        }
    }
}
