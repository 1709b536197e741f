package io.troupe.sql.differential;

import java.util.List;
import java.util.function.Predicate;

/**
 * Troupe bugs the differential test has found and that are not fixed yet. A query matching one is still run
 * on both engines (with {@link DuckDbDifferentialTest#KNOWN_BUG_TIMEOUT_SECONDS}); when its answers differ the
 * test prints a warning naming the bug instead of failing, and when they agree it says the bug did not
 * reproduce there. Remove an entry when its bug is fixed; keep the statements that found it in the corpus.
 *
 * <p>Each predicate is a textual approximation of the bug's trigger, for example
 * {@code q -> q.troupeSql().contains("NOT IN (SELECT")}; it may match statements that do not fail, which the
 * test then reports as "did not reproduce".
 *
 * <p>Open: none. Found and fixed so far (each still pinned by a hand-written statement or a pinned report):
 * <ul>
 *   <li>one-column Troupe results handed to Calcite as {@code Object[1]} (UNION gave
 *       {@code [Ljava.lang.Object;@...} values, a merge join and a sorted DISTINCT a ClassCastException):
 *       h41, h47, h48; fixed in 0d4006f</li>
 *   <li>a scalar or NOT IN sub-query's Troupe scan re-run for every outer row (timeouts on 47k events): h45,
 *       h59; fixed in 2eb1c71</li>
 *   <li>{@code FLOOR(t TO WEEK)} and {@code DATE_TRUNC('week', t)} in one SELECT list beside an expression
 *       Troupe does not compute: AssertionError "type mismatch" from the planner: h05; fixed in c9eba55</li>
 *   <li>a sub-query's LIKE on user_id or device_id re-bound (every dictionary entry matched) for every outer
 *       row, before the per-statement memo: h58; fixed in c9eba55</li>
 *   <li>a report whose WHERE folds to FALSE refused with SQL_UNSUPPORTED (ReportDifferentialTest's pinned
 *       statement); fixed by EnumerableReport, which takes any input</li>
 *   <li>a retention's end of data measured on rows with a unit only (the rewrite filtered the others out);
 *       fixed in the rewrite</li>
 * </ul>
 */
final class KnownBugs {
    /** One open bug: a name, what goes wrong, and which corpus queries hit it. */
    record Bug(String name, String description, Predicate<DiffQuery> matches) {
    }

    static final List<Bug> OPEN = List.of();

    private KnownBugs() {
    }

    /** The open bug this query hits, or null. */
    static Bug of(DiffQuery q) {
        for (Bug b : OPEN) {
            if (b.matches().test(q)) {
                return b;
            }
        }
        return null;
    }
}
