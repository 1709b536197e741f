package io.troupe.sql.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.SqlOptions;
import io.troupe.sql.exec.QueryScope;
import io.troupe.sql.testing.TestProject;
import io.troupe.testing.generator.B2bGenerator;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A behavioral cohort's query runs as a statement of its own, tied to the statement that uses the cohort: when
 * that one is cancelled or past its deadline, the cohort's query stops too (it checks between batches).
 */
class CohortEvaluationScopeTest {
    @TempDir
    Path dir;

    @Test
    void theUsingStatementsCancelAndDeadlineStopTheCohortsQuery() throws Exception {
        B2bGenerator.Config data = B2bGenerator.Config.builder().seed(3).orgs(20).days(5).targetEvents(5_000).build();
        try (TestProject p = new TestProject(dir, SqlOptions.defaults(), c -> c)) {
            p.loadGenerated(data);
            p.session().rows("CREATE COHORT openers FOR GROUP TYPE org_id AS SELECT org_id FROM events"
                    + " WHERE event_type = 'Open App'");
            CohortEvaluator evaluator = new CohortEvaluator(p.store(), () -> p.engine().connect());
            try {
                long expected = p.session().rows("SELECT DISTINCT org_id FROM events WHERE event_type = 'Open App'"
                        + " AND org_id IS NOT NULL").size();
                assertTrue(expected > 0, "the data has members");

                try (QueryScope running = scope(p, evaluator, new AtomicBoolean(), 0)) {
                    assertEquals(expected, running.cohortMembers("openers").size());
                }

                try (QueryScope cancelled = scope(p, evaluator, new AtomicBoolean(true), 0)) {
                    TroupeException e = assertThrows(TroupeException.class, () -> cancelled.cohortMembers("openers"));
                    assertEquals(ErrorCode.QUERY_CANCELLED, e.errorCode());
                }

                try (QueryScope late = scope(p, evaluator, new AtomicBoolean(), 1)) {
                    Thread.sleep(5);
                    TroupeException e = assertThrows(TroupeException.class, () -> late.cohortMembers("openers"));
                    assertEquals(ErrorCode.QUERY_TIMEOUT, e.errorCode());
                }

                // the scope a cohort evaluation opened does not outlive it: a later statement is not tied to it
                assertEquals(expected, p.session().rows("SELECT DISTINCT org_id FROM events WHERE org_id IN COHORT openers")
                        .size());
            } finally {
                evaluator.close();
            }
        }
    }

    private static QueryScope scope(TestProject p, CohortEvaluator evaluator, AtomicBoolean cancelled, long timeoutMillis) {
        return new QueryScope(p.store(), cancelled, timeoutMillis, 1L << 30).withCohorts(evaluator);
    }
}
