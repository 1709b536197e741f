package io.troupe.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import io.troupe.sql.SqlSession;
import io.troupe.sql.testing.TestProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's sessions parse with Troupe's parser: its syntax reaches the validator, its errors keep positions. */
class TroupeParserEngineTest {
    @TempDir
    Path dir;

    @Test
    void sessionsUseTroupesParser() {
        try (TestProject p = new TestProject(dir)) {
            SqlSession s = p.session();
            assertEquals("[[1, 2, 3]]",
                    s.rows("select funnel, mode, step from (select 1 as funnel, 2 as mode, 3 as step) as retention")
                            .toString());

            // the design example is past the parser: it runs, or the validator has its say (not a syntax error)
            try {
                s.rows(TroupeSyntaxTest.DESIGN_EXAMPLE.strip().replaceAll(";$", ""));
            } catch (TroupeException e) {
                assertNotEquals(ErrorCode.SQL_SYNTAX_ERROR, e.errorCode(), e.toString());
            }

            TroupeException bad = assertThrows(TroupeException.class,
                    () -> s.rows("select funnel(event_type = 'a' within 7) from events"));
            assertEquals(ErrorCode.SQL_SYNTAX_ERROR, bad.errorCode(), bad.toString());
            assertEquals(new SqlPosition(1, 39), bad.position(), bad.toString());

            TroupeException twice = assertThrows(TroupeException.class,
                    () -> s.rows("select retention(a, b\n calendar calendar) from events"));
            assertEquals(ErrorCode.SQL_SYNTAX_ERROR, twice.errorCode(), twice.toString());
            assertEquals(new SqlPosition(2, 11), twice.position(), twice.toString());
        }
    }
}
