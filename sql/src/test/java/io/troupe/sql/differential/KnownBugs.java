package io.troupe.sql.differential;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Troupe bugs the differential test has found and that are not fixed yet. A query matching one is still run
 * on both engines; when its answers differ the test prints a warning naming the bug instead of failing, and
 * when they agree it says the bug did not reproduce there. Remove an entry when its bug is fixed.
 *
 * <p>Each predicate is a textual approximation of the bug's trigger; it may match a few statements that do not
 * fail, which the test then reports as "did not reproduce".
 */
final class KnownBugs {
    /** One open bug: a name, what goes wrong, and which corpus queries hit it. */
    record Bug(String name, String description, Predicate<DiffQuery> matches) {
    }

    static final List<Bug> OPEN = List.of(
            new Bug("TRP-WEEK-PROJECT",
                    "FLOOR(t TO WEEK) and DATE_TRUNC('week', t) in one SELECT list beside an expression Troupe does not"
                            + " compute: TroupeRules.ProjectRule dedups the two calls by their text although their"
                            + " nullability differs, and Calcite fails with AssertionError 'type mismatch'",
                    q -> upper(q).contains(" TO WEEK)") && upper(q).contains("DATE_TRUNC('WEEK'")));

    private KnownBugs() {
    }

    private static String upper(DiffQuery q) {
        return q.troupeSql().toUpperCase(Locale.ROOT);
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
