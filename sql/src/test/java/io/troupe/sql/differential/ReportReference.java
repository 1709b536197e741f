package io.troupe.sql.differential;

import java.util.List;

/**
 * DuckDB statements that compute Troupe's reports from their definitions, over a DuckDB table
 * {@code events(org_id VARCHAR, user_id VARCHAR, t BIGINT, event_type VARCHAR)} ({@code t} in epoch milliseconds).
 * Conditions are written on {@code event_type} and {@code t}, spelled the same in both engines.
 *
 * <h2>Funnel (SEQUENTIAL), window-function formulation</h2>
 * For a step-1 row r, {@code E_k(r)} is the earliest time at which a chain starting at r can reach step k:
 * {@code E_1 = t(r)}, {@code E_k} = the earliest step-k time at or after {@code E_(k-1)} (greedy is optimal: reaching
 * a step as early as possible leaves every later step reachable). r reaches level k when {@code E_k(r) - t(r) <=
 * window}; the unit's level is the highest over its step-1 rows. {@code R_(j,k)(x)}, the time a chain that has x as
 * its step j reaches step k, depends only on {@code t(x)} and is non-decreasing in it, so it is computed backwards
 * from the last step with one window per (j, k) over rows of the unit ordered by time, with a {@code RANGE} frame
 * from the current row on (rows of equal time are peers, so one row may serve several steps):
 * {@code R_(j,k) = MIN(CASE WHEN step j+1 THEN R_(j+1,k) END)}, {@code R_(k,k) = t}.
 *
 * <p>Time to convert (FunnelKernel): {@code T_k}, the first time the unit's level became {@code >= k}, is the least
 * {@code E_k(r)} over step-1 rows r reaching k; the chains reaching k at {@code T_k} are exactly those from the rows
 * r with {@code E_k(r) = T_k} that reach k, and the chosen one starts at the latest such r: convert = {@code T_k -
 * max t(r)}. The first touch of the unit is the start of the chain chosen for its final level L ({@code T_1} is the
 * unit's first step-1 time, chosen for L = 1).
 *
 * <p>{@link #funnelUnitsBySelfJoin} is the definition written with self-joins (one per step), used to check the
 * window formulation on the same data.
 *
 * <h2>Retention</h2>
 * {@link #retentionUnits} follows RetentionKernel: start = the unit's first start row; period k holds a unit with a
 * return row at {@code t >= start} whose offset (milliseconds, or UTC days with CALENDAR) divided by the period is k
 * (N_DAY) or at least k (UNBOUNDED); period k is eligible when it has fully elapsed (N_DAY) or begun (UNBOUNDED) by
 * the end of the data: the latest event time among the rows the WHERE keeps, with or without a unit (DIALECT.md;
 * Troupe only looks at rows with a unit, see KnownBugs).
 */
final class ReportReference {
    static final long DAY = 86_400_000L;

    /** One funnel: unit column, step conditions, window, WHERE (DuckDB spelling, or null), STARTING range or null. */
    record Funnel(String unit, List<String> steps, long window, String where, long[] starting) {
        int n() {
            return steps.size();
        }
    }

    /** One retention: unit column, conditions, mode, calendar, period (ms), periods, WHERE (DuckDB spelling or null). */
    record Retention(String unit, String start, String ret, boolean unbounded, boolean calendar, long period, int periods,
                     String where) {
    }

    private ReportReference() {
    }

    /** The funnel's rows: unit, t, s1..sn (booleans), the STARTING range folded into s1. */
    private static String funnelRows(Funnel f) {
        StringBuilder sql = new StringBuilder("SELECT ").append(f.unit()).append(" AS unit, t");
        for (int i = 0; i < f.n(); i++) {
            String c = f.steps().get(i);
            if (i == 0 && f.starting() != null) {
                c = "(" + c + ") AND t BETWEEN " + f.starting()[0] + " AND " + f.starting()[1];
            }
            sql.append(", COALESCE(").append(c).append(", false) AS s").append(i + 1);
        }
        sql.append(" FROM events WHERE ").append(f.unit()).append(" IS NOT NULL");
        if (f.where() != null) {
            sql.append(" AND (").append(f.where()).append(')');
        }
        return sql.toString();
    }

    /**
     * Per unit with a step-1 row: {@code unit, lvl, c2..cn} (milliseconds to convert to step k, NULL above the
     * level) and {@code touch} (the step-1 time of the chain chosen for the final level), by the window formulation.
     */
    static String funnelUnits(Funnel f) {
        int n = f.n();
        StringBuilder sql = new StringBuilder("WITH l").append(n).append(" AS (").append(funnelRows(f)).append(")");
        String w = " WINDOW w AS (PARTITION BY unit ORDER BY t RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)";
        for (int j = n - 1; j >= 1; j--) {
            sql.append(", l").append(j).append(" AS (SELECT *");
            for (int k = j + 1; k <= n; k++) {
                String inner = k == j + 1 ? "t" : "r" + (j + 1) + "_" + k;
                sql.append(", MIN(CASE WHEN s").append(j + 1).append(" THEN ").append(inner).append(" END) OVER w AS r")
                        .append(j).append('_').append(k);
            }
            sql.append(" FROM l").append(j + 1).append(w).append(')');
        }
        // starts: one row per step-1 row, with E_k and its level.
        sql.append(", starts AS (SELECT unit, t AS e1");
        for (int k = 2; k <= n; k++) {
            sql.append(", r1_").append(k).append(" AS e").append(k);
        }
        sql.append(", CASE");
        for (int k = n; k >= 2; k--) {
            sql.append(" WHEN r1_").append(k).append(" - t <= ").append(f.window()).append(" THEN ").append(k);
        }
        sql.append(n == 1 ? " WHEN true THEN 1" : "").append(" ELSE 1 END AS lvl FROM l1 WHERE s1)");
        return sql.append(unitsFromStarts(n)).toString();
    }

    /** From {@code starts(unit, e1..en, lvl)}: the per-unit level, times to convert and touch. */
    private static String unitsFromStarts(int n) {
        StringBuilder sql = new StringBuilder(", firsts AS (SELECT unit, MAX(lvl) AS lvl");
        for (int k = 1; k <= n; k++) {
            sql.append(", MIN(e").append(k).append(") FILTER (WHERE lvl >= ").append(k).append(") AS t").append(k);
        }
        sql.append(" FROM starts GROUP BY unit), chosen AS (SELECT f.unit, f.lvl");
        for (int k = 1; k <= n; k++) {
            sql.append(", f.t").append(k).append(", MAX(s.e1) FILTER (WHERE s.lvl >= ").append(k).append(" AND s.e").append(k)
                    .append(" = f.t").append(k).append(") AS b").append(k);
        }
        sql.append(" FROM firsts f JOIN starts s USING (unit) GROUP BY ALL) SELECT unit, lvl");
        for (int k = 2; k <= n; k++) {
            sql.append(", t").append(k).append(" - b").append(k).append(" AS c").append(k);
        }
        sql.append(", CASE lvl");
        for (int k = 1; k <= n; k++) {
            sql.append(" WHEN ").append(k).append(" THEN b").append(k);
        }
        return sql.append(" END AS touch FROM chosen").toString();
    }

    /** The same columns as {@link #funnelUnits}, from chains enumerated by self-joins (the definition itself). */
    static String funnelUnitsBySelfJoin(Funnel f) {
        int n = f.n();
        StringBuilder sql = new StringBuilder("WITH r AS (").append(funnelRows(f)).append(")");
        // chains_k: (unit, e1 = step-1 time, ek = step-k time) of every chain within the window.
        for (int k = 1; k <= n; k++) {
            sql.append(", chains").append(k).append(" AS (SELECT DISTINCT x1.unit, x1.t AS e1, x").append(k)
                    .append(".t AS ek FROM r x1");
            for (int j = 2; j <= k; j++) {
                sql.append(" JOIN r x").append(j).append(" ON x").append(j).append(".unit = x1.unit AND x").append(j)
                        .append(".s").append(j).append(" AND x").append(j).append(".t >= x").append(j - 1).append(".t AND x")
                        .append(j).append(".t - x1.t <= ").append(f.window());
            }
            sql.append(" WHERE x1.s1)");
        }
        sql.append(", starts AS (SELECT c1.unit, c1.e1");
        for (int k = 2; k <= n; k++) {
            sql.append(", (SELECT MIN(ek) FROM chains").append(k).append(" c WHERE c.unit = c1.unit AND c.e1 = c1.e1) AS e")
                    .append(k);
        }
        sql.append(", 1");
        for (int k = 2; k <= n; k++) {
            sql.append(" + CASE WHEN EXISTS (SELECT 1 FROM chains").append(k)
                    .append(" c WHERE c.unit = c1.unit AND c.e1 = c1.e1) THEN 1 ELSE 0 END");
        }
        sql.append(" AS lvl FROM (SELECT DISTINCT unit, e1 FROM chains1) c1)");
        return sql.append(unitsFromStarts(n)).toString();
    }

    /**
     * The funnel report from {@link #funnelUnits}: {@code [bucket,] step, units, median_ms, avg_ms} per bucket of the
     * first touch ({@code bucketMillis} > 0) and step with at least one unit. The caller fills in steps without units
     * and the conversions.
     */
    static String funnelReport(Funnel f, long bucketMillis) {
        int n = f.n();
        StringBuilder conv = new StringBuilder("CASE k");
        for (int k = 2; k <= n; k++) {
            conv.append(" WHEN ").append(k).append(" THEN c").append(k);
        }
        conv.append(" END");
        String bucket = bucketMillis > 0 ? "touch // " + bucketMillis + " * " + bucketMillis + " AS bucket, " : "";
        return "WITH u AS (" + funnelUnits(f) + "), per_step AS (SELECT " + bucket + "k, "
                + (n == 1 ? "NULL::BIGINT" : conv.toString()) + " AS ms FROM u, range(1, " + (n + 1)
                + ") s(k) WHERE k <= lvl) SELECT " + (bucketMillis > 0 ? "bucket, " : "")
                + "k, COUNT(*), quantile_cont(ms, 0.5), AVG(ms) FROM per_step GROUP BY ALL ORDER BY ALL";
    }

    /** The units of a funnel microscope (units reaching step k, or reaching exactly step k when dropped). */
    static String funnelMicroscope(Funnel f, int k, boolean dropped) {
        return "SELECT unit FROM (" + funnelUnits(f) + ") WHERE lvl " + (dropped ? "= " : ">= ") + k;
    }

    /** Per started unit and period 0..periods: {@code unit, k, retained, eligible}. */
    static String retentionUnits(Retention r) {
        String where = r.where() == null ? "" : " AND (" + r.where() + ")";
        String offset = r.calendar() ? "(x.t // " + DAY + " - st.start // " + DAY + ")" : "(x.t - st.start)";
        long per = r.calendar() ? r.period() / DAY : r.period();
        String inPeriod = r.unbounded() ? offset + " >= k * " + per : offset + " // " + per + " = k";
        String elapsed = r.calendar() ? "(e.last // " + DAY + " - st.start // " + DAY + ")" : "(e.last - st.start)";
        String eligible = r.unbounded() ? elapsed + " >= k * " + per : elapsed + " >= (k + 1) * " + per + " - 1";
        return "WITH rows AS (SELECT " + r.unit() + " AS unit, t, COALESCE(" + r.start() + ", false) AS s, COALESCE("
                + r.ret() + ", false) AS ret FROM events WHERE " + r.unit() + " IS NOT NULL" + where + "),"
                + " e AS (SELECT MAX(t) AS last FROM events WHERE true" + where + "),"
                + " st AS (SELECT unit, MIN(t) AS start FROM rows WHERE s GROUP BY unit)"
                + " SELECT st.unit, k, k = 0 OR EXISTS (SELECT 1 FROM rows x WHERE x.unit = st.unit AND x.ret AND x.t >= st.start"
                + " AND " + inPeriod + ") AS retained, k = 0 OR " + eligible + " AS eligible"
                + " FROM st, e, range(0, " + (r.periods() + 1) + ") p(k)";
    }

    /** {@code period_index, units, eligible_units} for periods 0..periods with an eligible unit. */
    static String retentionReport(Retention r) {
        return "SELECT k, COUNT(*) FILTER (WHERE retained), COUNT(*) FROM (" + retentionUnits(r)
                + ") WHERE eligible GROUP BY k ORDER BY k";
    }

    static String retentionMicroscope(Retention r, int k, boolean lost) {
        return "SELECT unit FROM (" + retentionUnits(r) + ") WHERE eligible AND k = " + k + " AND "
                + (lost ? "NOT " : "") + "retained";
    }
}
