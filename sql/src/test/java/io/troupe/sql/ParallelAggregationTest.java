package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.sql.testing.TestProject;
import io.troupe.testing.generator.B2bGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan split over several threads (segments round-robin, the tail on one) gives the answers of one thread:
 * dense and hashed keys, bitset and hashed distinct counts, MIN/MAX, filters.
 */
class ParallelAggregationTest {
    @TempDir
    Path dir;

    @Test
    void parallelScansAnswerLikeOneThread() {
        try (TestProject p = new TestProject(dir)) {
            p.loadGenerated(B2bGenerator.Config.builder().seed(7).orgs(40).days(20).targetEvents(30_000).build());
            p.flush();
            p.loadGenerated(B2bGenerator.Config.builder().seed(8).orgs(10).days(5).targetEvents(3_000).build());
            assertTrue(p.store().manifests().size() > 5, "expected many partitions");
            List<String> queries = List.of(
                    "select floor(event_time to day), count(distinct user_id) from events group by 1",
                    "select floor(event_time to day), count(distinct org_id), count(*) from events group by 1",
                    "select floor(event_time to day), current_group_property(org_id, 'region'), count(distinct org_id) from events group by 1, 2",
                    "select event_type, count(*), min(event_time), max(event_time) from events group by 1",
                    "select user_id, count(*) from events group by 1",
                    "select org_id, user_id, count(distinct event_type) from events group by 1, 2",
                    "select count(*) from events where event_type in ('Create Report', 'Share Report')",
                    "select count(distinct device_id) from events");
            try (SqlEngine one = new SqlEngine(p.store(), SqlOptions.defaults().withParallelism(1));
                 SqlEngine three = new SqlEngine(p.store(), SqlOptions.defaults().withParallelism(3));
                 SqlSession a = one.open();
                 SqlSession b = three.open()) {
                for (String q : queries) {
                    assertEquals(sorted(a.rows(q)), sorted(b.rows(q)), q);
                }
            }
        }
    }

    private static List<String> sorted(List<List<Object>> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.toString()));
        out.sort(null);
        return out;
    }
}
