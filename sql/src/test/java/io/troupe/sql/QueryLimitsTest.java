package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.testing.TestProject;
import io.troupe.testing.generator.B2bGenerator;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query's timeout, memory limit and cancellation: clear errors, and the session keeps working after them. */
class QueryLimitsTest {
    @TempDir
    Path dir;

    private static final B2bGenerator.Config DATA =
            B2bGenerator.Config.builder().seed(3).orgs(20).days(10).targetEvents(20_000).build();

    @Test
    void aQueryPastItsTimeoutStops() {
        try (TestProject p = new TestProject(dir, SqlOptions.defaults().withTimeoutMillis(1), 64)) {
            p.loadGenerated(DATA);
            p.flush();
            TroupeException e = assertThrows(TroupeException.class,
                    () -> p.session().rows("select user_id, count(*) from events group by user_id"));
            assertEquals(ErrorCode.QUERY_TIMEOUT, e.errorCode(), e.toString());
            assertEquals("57014", e.errorCode().sqlState());
        }
    }

    @Test
    void aQueryOverItsMemoryLimitStopsAndTheNextOneRuns() {
        try (TestProject p = new TestProject(dir, SqlOptions.defaults().withMemoryLimitBytes(64 * 1024), 65536)) {
            p.loadGenerated(DATA);
            SqlSession s = p.session();
            TroupeException e = assertThrows(TroupeException.class,
                    () -> s.rows("select user_id, device_id, count(*) from events group by user_id, device_id"));
            assertEquals(ErrorCode.QUERY_MEMORY_LIMIT, e.errorCode(), e.toString());
            assertTrue(e.getMessage().contains("queryMemoryLimitMb"), e.getMessage());
            assertEquals(1, s.rows("select count(*) from events").size());
        }
    }

    @Test
    void cancelStopsARunningScan() throws Exception {
        try (TestProject p = new TestProject(dir, SqlOptions.defaults(), 64)) {
            p.loadGenerated(DATA);
            p.flush();
            SqlSession s = p.session();
            try (ResultSet rs = s.query("select * from events")) {
                assertTrue(rs.next());
                s.cancel();
                TroupeException e = assertThrows(TroupeException.class, () -> {
                    try {
                        while (rs.next()) {
                            // drain until the scan notices
                        }
                    } catch (Exception thrown) {
                        throw SqlErrors.translate(thrown);
                    }
                });
                assertEquals(ErrorCode.QUERY_CANCELLED, e.errorCode(), e.toString());
            }
            assertEquals(1, s.rows("select count(*) from events").size());
        }
    }
}
