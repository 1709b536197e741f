package io.troupe.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden plans: for each Troupe planner rule, statements whose plans show what the rule takes from Calcite
 * and what it leaves (sql/src/test/resources/plans/golden.plans). A changed plan fails the test; rerun with
 * {@code -Dtroupe.plans.update=true} to rewrite the file, then review the diff.
 */
class PlanGoldenTest {
    private static final Path FILE = Path.of("src/test/resources/plans/golden.plans");
    private static final String CASE = "==== ";
    private static final String PLAN = "----";

    @TempDir
    Path dir;

    @Test
    void plansMatchTheGoldenFile() throws IOException {
        List<String[]> cases = read();
        try (TestProject p = new TestProject(dir)) {
            p.ingest(List.of(new Event(1_700_000_000_000L, "Open", "alice", null, "i1",
                    Map.of("org_id", List.of("acme")), null, null)));
            SqlSession s = p.session();
            StringBuilder actual = new StringBuilder();
            List<String> failures = new ArrayList<>();
            for (String[] c : cases) {
                String plan = s.explain(c[1]).strip();
                actual.append(CASE).append(c[0]).append('\n').append(c[1]).append('\n').append(PLAN).append('\n')
                        .append(plan).append("\n\n");
                if (!plan.equals(c[2])) {
                    failures.add(c[0] + ":\n" + c[1] + "\nexpected:\n" + c[2] + "\nactual:\n" + plan);
                }
            }
            if (Boolean.getBoolean("troupe.plans.update")) {
                Files.writeString(FILE, actual.toString(), StandardCharsets.UTF_8);
                return;
            }
            assertEquals(List.of(), failures);
        }
    }

    /** Cases as (name, sql, plan). */
    private static List<String[]> read() throws IOException {
        List<String[]> cases = new ArrayList<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        StringBuilder plan = new StringBuilder();
        boolean inPlan = false;
        for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
            if (line.startsWith(CASE)) {
                if (name != null) {
                    cases.add(new String[] {name, sql.toString().strip(), plan.toString().strip()});
                }
                name = line.substring(CASE.length()).strip();
                sql.setLength(0);
                plan.setLength(0);
                inPlan = false;
            } else if (line.equals(PLAN)) {
                inPlan = true;
            } else if (name != null) {
                (inPlan ? plan : sql).append(line).append('\n');
            }
        }
        if (name != null) {
            cases.add(new String[] {name, sql.toString().strip(), plan.toString().strip()});
        }
        return cases;
    }
}
