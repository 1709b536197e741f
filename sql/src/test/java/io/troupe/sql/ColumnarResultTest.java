package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.exec.ColumnarResult;
import io.troupe.sql.testing.TestProject;
import io.troupe.testing.generator.B2bGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SqlSession#execute}: a plain scan's rows as column chunks, equal to the rows the JDBC path gives, within
 * the statement's limits (cancel, timeout, memory); anything else through the result set as before.
 */
class ColumnarResultTest {
    @TempDir
    Path dir;

    private static final B2bGenerator.Config DATA =
            B2bGenerator.Config.builder().seed(5).orgs(12).days(6).targetEvents(12_000).build();

    @Test
    void aPlainScansColumnsAreItsRows() throws SQLException {
        try (TestProject p = new TestProject(dir, SqlOptions.defaults(), 500)) {
            p.loadGenerated(DATA);
            p.flush();
            p.loadGenerated(B2bGenerator.Config.builder().seed(6).orgs(12).days(6).targetEvents(3_000).build());
            String[] statements = {
                "select event_time, event_type, user_id, device_id, insert_id, org_id from events",
                "select user_id, floor(event_time to day) from events where event_type in ('Open', 'Pay') and org_id is not null",
                "select org_id, user_id from events where org_id is null limit 20 offset 3",
                "select insert_id from events where event_type = 'no such type'"};
            for (String sql : statements) {
                List<List<Object>> expected = p.session().rows(sql);
                try (SqlSession.Executed executed = p.session().execute(sql)) {
                    assertNotNull(executed.columns(), sql);
                    assertEquals(expected, rows(executed), sql);
                }
            }
            assertEquals(0, p.store().allocator().getAllocatedMemory(), "every batch released");
        }
    }

    @Test
    void otherStatementsGiveTheirResultSet() throws SQLException {
        try (TestProject p = new TestProject(dir)) {
            p.loadGenerated(DATA);
            for (String sql : new String[] {"select event_type, count(*) from events group by event_type",
                    "select * from events", "select upper(user_id) from events", "select 1"}) {
                try (SqlSession.Executed executed = p.session().execute(sql)) {
                    assertNull(executed.columns(), sql);
                    assertTrue(executed.resultSet().next(), sql);
                }
            }
        }
    }

    @Test
    void aCancelStopsTheColumnsAtTheNextChunk() {
        try (TestProject p = new TestProject(dir, SqlOptions.defaults(), 64)) {
            p.loadGenerated(DATA);
            p.flush();
            SqlSession s = p.session();
            try (SqlSession.Executed executed = s.execute("select user_id, event_time from events")) {
                assertTrue(executed.columns().next());
                s.cancel();
                TroupeException e = assertThrows(TroupeException.class, () -> executed.columns().next());
                assertEquals(ErrorCode.QUERY_CANCELLED, e.errorCode(), e.toString());
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            assertEquals(1, s.rows("select count(*) from events").size(), "the session goes on");
        }
    }

    @Test
    void theColumnsStopAtTheStatementsTimeout() throws Exception {
        try (TestProject p = new TestProject(dir, SqlOptions.defaults(), 64)) {
            p.loadGenerated(DATA);
            SqlSession s = p.session();
            s.setTimeoutSeconds(1);
            try (SqlSession.Executed executed = s.execute("select user_id, event_time from events")) {
                assertTrue(executed.columns().next());
                Thread.sleep(1_100);
                TroupeException e = assertThrows(TroupeException.class, () -> executed.columns().next());
                assertEquals(ErrorCode.QUERY_TIMEOUT, e.errorCode(), e.toString());
            }
        }
    }

    @Test
    void theStringCacheCountsAgainstTheMemoryLimit() throws SQLException {
        try (TestProject p = new TestProject(dir, SqlOptions.defaults().withMemoryLimitBytes(512 * 1024), 65536)) {
            p.loadGenerated(DATA);
            try (SqlSession.Executed executed = p.session().execute("select device_id from events")) {
                TroupeException e = assertThrows(TroupeException.class, () -> rows(executed));
                assertEquals(ErrorCode.QUERY_MEMORY_LIMIT, e.errorCode(), e.toString());
            }
        }
    }

    /** The rows of a columnar result as {@code getObject} gives them (timestamps as Timestamp, strings as String). */
    private static List<List<Object>> rows(SqlSession.Executed executed) throws SQLException {
        ColumnarResult r = executed.columns();
        ResultSetMetaData md = executed.resultSet().getMetaData();
        assertEquals(md.getColumnCount(), r.columnCount());
        List<List<Object>> rows = new ArrayList<>();
        while (r.next()) {
            for (int i = 0; i < r.rows(); i++) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < r.columnCount(); c++) {
                    row.add(value(r, c, i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object value(ColumnarResult r, int c, int i) {
        switch (r.kind(c)) {
            case TIME:
                return new Timestamp(r.times(c)[i]);
            case DICTIONARY: {
                int id = r.ids(c)[i];
                return id < 0 ? null : new String(r.utf8(c, id), StandardCharsets.UTF_8);
            }
            default: {
                BaseVariableWidthVector v = r.texts(c);
                int row = r.sourceRows()[i];
                return v == null || v.isNull(row) ? null : new String(v.get(row), StandardCharsets.UTF_8);
            }
        }
    }
}
