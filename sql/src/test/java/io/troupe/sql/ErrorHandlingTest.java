package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures found by the SQL logic tests, kept as regressions: run-time errors get their codes and release
 * the scan's buffers, one-column Troupe results feed Calcite's operators as plain values, and events sent
 * without properties have empty (not NULL) maps.
 */
class ErrorHandlingTest {
    @TempDir
    Path dir;

    private TestProject project() {
        TestProject p = new TestProject(dir);
        p.ingest(List.of(new Event(1_000L, "Open", "alice", null, null, Map.of("org_id", List.of("acme")), null, null),
                new Event(2_000L, "Pay", "bob", null, null, Map.of(), null, null)));
        return p;
    }

    @Test
    void constantAndRunTimeErrorsGetTheirCodesAndReleaseTheScan() {
        try (TestProject p = project()) {
            SqlSession s = p.session();
            long before = p.store().allocator().getAllocatedMemory();
            assertEquals(ErrorCode.DIVISION_BY_ZERO, assertThrows(TroupeException.class, () -> s.rows("select 1/0")).errorCode());
            assertEquals(ErrorCode.DIVISION_BY_ZERO,
                    assertThrows(TroupeException.class, () -> s.rows("select 1/(count(*) - 2) from events")).errorCode());
            TroupeException cast = assertThrows(TroupeException.class,
                    () -> s.rows("select * from events where cast(event_type as integer) > 1"));
            assertEquals(ErrorCode.INVALID_CAST, cast.errorCode(), cast.toString());
            assertEquals(before, p.store().allocator().getAllocatedMemory());
            assertEquals("[[2]]", s.rows("select count(*) from events").toString());
        }
    }

    @Test
    void oneColumnTroupeResultsFeedSortsUnionsAndLimits() {
        try (TestProject p = project()) {
            SqlSession s = p.session();
            assertEquals("[[alice], [alice], [bob], [bob]]",
                    s.rows("select user_id from events union all select user_id from events order by 1").toString());
            assertEquals("[[Pay]]", s.rows("select event_type from events order by event_type desc limit 1").toString());
            assertEquals("[[2]]", s.rows("select count(*) from (select distinct org_id from events)").toString());
        }
    }

    @Test
    void eventsWithoutPropertiesOrGroupsHaveEmptyMaps() {
        try (TestProject p = project()) {
            SqlSession s = p.session();
            assertEquals("[[bob, {}, {}, false]]",
                    s.rows("select user_id, event_groups, event_properties, event_properties is null from events "
                            + "where user_id = 'bob'").toString());
        }
    }
}
