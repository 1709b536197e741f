package io.troupe.bench.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB SQL for a sequential window funnel (ClickHouse {@code windowFunnel(window)(t, c1..cn)}, default mode)
 * with window functions only, no self-join, and for its brute-force definition (self-joins, for tests).
 *
 * <p><b>Definition.</b> Per unit, level k is reached when rows e1..ek exist with ei matching step i,
 * t(e1) &lt;= ... &lt;= t(ek) and t(ek) - t(e1) &lt;= window (inclusive); one row may match several steps, and
 * may be ei and ej at once.
 *
 * <p><b>Formulation.</b> From a step-1 row at t1, the greedy chain (g1 = t1; g(i+1) = the earliest step-(i+1)
 * time at or after g(i)) reaches every step at the earliest possible time: any chain through steps 1..m can
 * be moved, step by step, to the greedy choices without making a later time larger. So level m is reached
 * from t1 exactly when g(m) - t1 &lt;= window, and the unit's level is the best over its step-1 rows. g(m) is
 * computed backwards with window functions, per unit ordered by time in a RANGE frame from the current row
 * (peers, the rows with equal times, included: equal times may follow each other) to the end:
 * <pre>
 *   X(m, m)(r) = MIN(t          of a step-m row) over the frame of r
 *   X(m, k)(r) = MIN(X(m, k+1)  of a step-k row) over the frame of r       for k = m-1 .. 2
 *   g(m) of a step-1 row r = X(m, 2)(r)
 * </pre>
 * X(m, k)(r) is the earliest time the chain k..m can end when step k comes at or after t(r): the earliest
 * step-k row at or after t(r) is the best start for the rest, as X(m, k+1) never decreases with time, so the
 * MIN over the frame picks it. Levels 2..n need n(n-1)/2 window columns, computed in n-1 nested passes
 * (pass j computes X(m, m-j+1) for every m &gt; j), over only the rows that match some step. Times are
 * epoch milliseconds ({@code BIGINT}), so the window is compared in ms.
 *
 * <p>Validated against {@link #bruteForceLevels} on random data with ties and overlapping steps in
 * {@code FunnelSqlTest}.
 */
final class FunnelSql {
    private FunnelSql() {
    }

    /**
     * A query giving {@code (u, level)} for every unit with at least one step-1 row (level &gt;= 1).
     *
     * @param source  a table or sub-query with columns {@code u} (the unit), {@code ms} (BIGINT epoch ms) and
     *                whatever the step conditions read
     * @param steps   the step conditions, SQL over {@code source}'s columns (a column may be written
     *                {@code $col}, as {@link #bruteForceLevels} needs)
     * @param windowMs the window in ms (inclusive)
     */
    static String levels(String source, List<String> steps, long windowMs) {
        steps = steps.stream().map(c -> c.replace("$", "")).toList();
        int n = steps.size();
        if (n < 1) {
            throw new IllegalArgumentException("a funnel needs a step");
        }
        StringBuilder flags = new StringBuilder();
        StringBuilder any = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            flags.append(", (").append(steps.get(i - 1)).append(") IS TRUE AS s").append(i);
            any.append(i == 1 ? "" : " OR ").append('(').append(steps.get(i - 1)).append(')');
        }
        String frame = " OVER (PARTITION BY u ORDER BY ms RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)";
        String query = "SELECT u, ms" + flags + " FROM " + source + " WHERE " + any;
        for (int pass = 1; pass <= n - 1; pass++) {
            List<String> cols = new ArrayList<>();
            for (int m = pass + 1; m <= n; m++) {
                int k = m - pass + 1; // X(m, k)
                String value = pass == 1 ? "ms" : "x" + m + "_" + (k + 1);
                cols.add("MIN(CASE WHEN s" + k + " THEN " + value + " END)" + frame + " AS x" + m + "_" + k);
            }
            query = "SELECT *, " + String.join(", ", cols) + " FROM (" + query + ") p" + pass;
        }
        StringBuilder level = new StringBuilder("CASE");
        for (int m = n; m >= 2; m--) {
            level.append(" WHEN x").append(m).append("_2 - ms <= ").append(windowMs).append(" THEN ").append(m);
        }
        level.append(" ELSE 1 END");
        String best = n == 1 ? "1" : level.toString();
        return "SELECT u, MAX(" + best + ") AS level FROM (" + query + ") c WHERE s1 GROUP BY u";
    }

    /** {@code (step, units)} for steps 1..n from {@link #levels}: units whose level is at least the step. */
    static String unitsPerStep(String levels, int steps) {
        return "SELECT k AS step, (SELECT COUNT(*) FROM (" + levels + ") l WHERE l.level >= k) AS units"
                + " FROM range(1, " + (steps + 1) + ") r(k)";
    }

    /**
     * The definition as self-joins: {@code (u, level)} for every unit with a step-1 row, level = the largest k
     * for which rows e1..ek exist as the definition says. Exponential in nothing but quadratic per unit and
     * step: for small test data only. Columns in the step conditions are written {@code $col}.
     */
    static String bruteForceLevels(String source, List<String> steps, long windowMs) {
        int n = steps.size();
        StringBuilder sb = new StringBuilder("SELECT e1.u AS u, ");
        sb.append("GREATEST(1");
        for (int k = 2; k <= n; k++) {
            StringBuilder exists = new StringBuilder("(SELECT 1 FROM ");
            List<String> cond = new ArrayList<>();
            for (int i = 2; i <= k; i++) {
                exists.append(i == 2 ? "" : ", ").append(source).append(" e").append(i);
                cond.add("e" + i + ".u = e1.u");
                cond.add("(" + steps.get(i - 1).replace("$", "e" + i + ".") + ") IS TRUE");
                cond.add("e" + i + ".ms >= e" + (i - 1) + ".ms");
            }
            cond.add("e" + k + ".ms - e1.ms <= " + windowMs);
            exists.append(" WHERE ").append(String.join(" AND ", cond)).append(')');
            sb.append(", CASE WHEN EXISTS ").append(exists).append(" THEN ").append(k).append(" ELSE 1 END");
        }
        sb.append(") AS level FROM ").append(source).append(" e1 WHERE (")
                .append(steps.get(0).replace("$", "e1.")).append(") IS TRUE");
        return "SELECT u, MAX(level) AS level FROM (" + sb + ") b GROUP BY u";
    }
}
