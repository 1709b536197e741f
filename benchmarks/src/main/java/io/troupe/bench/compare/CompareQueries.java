package io.troupe.bench.compare;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import io.troupe.bench.compare.CompareQuery.Scan;
import io.troupe.bench.compare.CompareQuery.TroupeForm;
import io.troupe.testing.generator.EventTypes;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The queries of {@link SqlCompare}, in one place. The Troupe SQL of each query is a constant here: to time a
 * new Troupe form (say {@code CURRENT_GROUP_PROPERTY(org_id, 'region')} instead of the join), change the
 * constant; the DuckDB form, which defines the expected answer, stays as it is.
 *
 * <p>DuckDB's tables: {@code events(event_time TIMESTAMP, event_type VARCHAR, user_id VARCHAR, org_id VARCHAR)}
 * (org_id the event's effective org) and {@code org_profiles(org_id VARCHAR, region VARCHAR)} (the org's
 * current region), both copied from Troupe; see {@link DuckDbSide}.
 */
public final class CompareQueries {
    public static final String DAU = "daily active users";
    public static final String DAILY_ORGS = "daily active orgs";
    public static final String DAILY_ORGS_BY_REGION = "daily active orgs by current region";
    public static final String DAILY_ORGS_BY_REGION_CGP = "daily active orgs by current region, CURRENT_GROUP_PROPERTY form";
    public static final String EVENTS_BY_TYPE = "events by type";
    public static final String FILTERED_COUNT = "filtered count";
    public static final String FUNNEL_ORG = "funnel, 3 steps, 7 days, by org";
    public static final String FUNNEL_ORG_LEVELS = "funnel, 3 steps, 7 days, by org, FUNNEL_LEVEL form";
    public static final String FUNNEL_USER = "funnel, 3 steps, 7 days, by user";
    public static final String FUNNEL_ORG_1DAY = "funnel, 2 steps, 1 day, by org";
    public static final String RETENTION_ORG = "retention, 7 daily periods, by org";
    public static final String MICROSCOPE_ORG = "microscope: orgs at step 2, not 3 (3-step funnel by org)";
    public static final String COHORT_DAILY_ORGS = "daily active orgs of a behavioral cohort";
    public static final String COHORT_FUNNEL_ORG = "funnel, 3 steps, 7 days, by org, orgs of a behavioral cohort";

    /**
     * The cohort of the cohort queries: the orgs that triggered "Create customized report" (the example),
     * behavioral, so Troupe evaluates its query again in every statement that uses it, as DuckDB and ClickHouse
     * evaluate their {@code IN (subquery)}.
     */
    static final String COHORT = "customized";
    static final String COHORT_QUERY = "SELECT org_id FROM events WHERE event_type = "
            + "'" + EventTypes.CREATE_CUSTOMIZED_REPORT + "'";
    /** Run on Troupe before the queries (OR REPLACE: a cached store may hold it already). */
    public static final List<String> TROUPE_SETUP = List.of(
            "CREATE OR REPLACE COHORT " + COHORT + " FOR GROUP TYPE org_id AS " + COHORT_QUERY);

    /** The funnels' steps: event types of the generator's report-collaboration workflow, and its project one. */
    static final List<String> FUNNEL_STEPS = List.of(EventTypes.CREATE_REPORT, EventTypes.SHARE_REPORT,
            EventTypes.INVITE_USER);
    static final List<String> FUNNEL_1DAY_STEPS = List.of(EventTypes.CREATE_PROJECT, EventTypes.COMPLETE_TASK);
    /** Retention: start at an org's first Create Dashboard, return on any View Dashboard. */
    static final String RETENTION_START = EventTypes.CREATE_DASHBOARD;
    static final String RETENTION_RETURN = EventTypes.VIEW_DASHBOARD;
    static final int RETENTION_PERIODS = 7;
    static final long DAY_MS = 86_400_000L;

    // ---- Troupe SQL: change a Troupe form here ----------------------------------------------------------

    static final String TROUPE_DAU =
            "SELECT FLOOR(event_time TO DAY) AS d, COUNT(DISTINCT user_id) AS n FROM events GROUP BY 1";
    static final String TROUPE_DAILY_ORGS =
            "SELECT FLOOR(event_time TO DAY) AS d, COUNT(DISTINCT org_id) AS n FROM events GROUP BY 1";
    static final String TROUPE_DAILY_ORGS_BY_REGION =
            "SELECT FLOOR(e.event_time TO DAY) AS d, p.properties['region'] AS r, COUNT(DISTINCT e.org_id) AS n"
            + " FROM events e JOIN group_profiles p ON p.group_type = 'org_id' AND p.group_value = e.org_id"
            + " GROUP BY 1, 2";
    /**
     * The same question in Troupe's own form: the org's current region looked up per group instead of a join
     * with {@code group_profiles} (an event without an org has no row in the join, hence the filter).
     */
    static final String TROUPE_DAILY_ORGS_BY_REGION_CGP =
            "SELECT FLOOR(event_time TO DAY) AS d, CURRENT_GROUP_PROPERTY(org_id, 'region') AS r,"
            + " COUNT(DISTINCT org_id) AS n FROM events WHERE org_id IS NOT NULL GROUP BY 1, 2";
    static final String TROUPE_EVENTS_BY_TYPE =
            "SELECT event_type, COUNT(*) AS n FROM events GROUP BY 1";
    /** {@code %1$s}: the event type (a quoted literal); {@code %2$s}, {@code %3$s}: the week's bounds (timestamp literals). */
    static final String TROUPE_FILTERED_COUNT =
            "SELECT COUNT(*) AS n FROM events WHERE event_type = %1$s AND event_time >= %2$s AND event_time < %3$s";

    /*
     * Funnels, retention, microscope. Each Troupe form is a TroupeForm: switch between the composable
     * FUNNEL_LEVEL form and the report syntax by changing the one line that picks it (FUNNEL_ORG_FORM, ...).
     * %1$s: the step conditions (event_type = 'A', event_type = 'B', ...); %2$s the window interval.
     */
    /** Composable form: orgs per level (level 0: orgs with no step-1 event), units per step derived. */
    static final String TROUPE_FUNNEL_LEVELS_ORG =
            "SELECT lvl, COUNT(*) AS n FROM (SELECT org_id, FUNNEL_LEVEL(event_time, %2$s, %1$s) AS lvl"
            + " FROM events WHERE org_id IS NOT NULL GROUP BY org_id) t GROUP BY lvl";
    static final String TROUPE_FUNNEL_LEVELS_USER =
            "SELECT lvl, COUNT(*) AS n FROM (SELECT user_id, FUNNEL_LEVEL(event_time, %2$s, %1$s) AS lvl"
            + " FROM events WHERE user_id IS NOT NULL GROUP BY user_id) t GROUP BY lvl";
    /** Report syntax (the lead's FUNNEL report): one row per step. */
    static final String TROUPE_FUNNEL_REPORT_ORG =
            "SELECT step, units FROM (SELECT FUNNEL(%1$s WITHIN %2$s) FROM events GROUP BY GROUP TYPE org_id) t";
    static final String TROUPE_FUNNEL_REPORT_USER =
            "SELECT step, units FROM (SELECT FUNNEL(%1$s WITHIN %2$s) FROM events) t";
    /** Composable form of the microscope: the orgs whose level is exactly 2. */
    static final String TROUPE_MICROSCOPE_LEVELS =
            "SELECT org_id FROM (SELECT org_id, FUNNEL_LEVEL(event_time, %2$s, %1$s) AS lvl"
            + " FROM events WHERE org_id IS NOT NULL GROUP BY org_id) t WHERE lvl = 2";
    static final String TROUPE_MICROSCOPE_REPORT =
            "SELECT MICROSCOPE(FUNNEL(%1$s WITHIN %2$s), 2, DROPPED) FROM events GROUP BY GROUP TYPE org_id";
    /** %1$s start condition, %2$s return condition, %3$d periods. */
    static final String TROUPE_RETENTION_REPORT =
            "SELECT period_index, units, eligible_units FROM (SELECT RETENTION(%1$s, %2$s, INTERVAL '1' DAY, %3$d)"
            + " FROM events GROUP BY GROUP TYPE org_id) t";

    /**
     * The forms in use: one line each to switch. The report syntax (on main since 575d834); the composable
     * FUNNEL_LEVEL forms stay in the comments, and the org funnel is also timed in that form
     * ({@link #FUNNEL_ORG_LEVELS}).
     */
    static TroupeForm troupeFunnelOrg(String steps, String window, int n) {
        return TroupeForm.rows(String.format(TROUPE_FUNNEL_REPORT_ORG, steps, window));
        // return TroupeForm.funnelLevels(String.format(TROUPE_FUNNEL_LEVELS_ORG, steps, window), n);
    }

    static TroupeForm troupeFunnelUser(String steps, String window, int n) {
        return TroupeForm.rows(String.format(TROUPE_FUNNEL_REPORT_USER, steps, window));
        // return TroupeForm.funnelLevels(String.format(TROUPE_FUNNEL_LEVELS_USER, steps, window), n);
    }

    static TroupeForm troupeMicroscope(String steps, String window) {
        return TroupeForm.rows(String.format(TROUPE_MICROSCOPE_REPORT, steps, window));
        // return TroupeForm.rows(String.format(TROUPE_MICROSCOPE_LEVELS, steps, window));
    }

    static TroupeForm troupeRetention(String start, String back, int periods) {
        return TroupeForm.rows(String.format(TROUPE_RETENTION_REPORT, start, back, periods));
        // return TroupeForm.notYet("RETENTION does not execute yet (RETENTION_FLAGS neither)");
    }

    // ---- DuckDB SQL: the reference -----------------------------------------------------------------------

    static final String DUCKDB_DAU =
            "SELECT date_trunc('day', event_time) AS d, COUNT(DISTINCT user_id) AS n FROM events GROUP BY 1";
    static final String DUCKDB_DAILY_ORGS =
            "SELECT date_trunc('day', event_time) AS d, COUNT(DISTINCT org_id) AS n FROM events GROUP BY 1";
    static final String DUCKDB_DAILY_ORGS_BY_REGION =
            "SELECT date_trunc('day', e.event_time) AS d, p.region AS r, COUNT(DISTINCT e.org_id) AS n"
            + " FROM events e JOIN org_profiles p ON p.org_id = e.org_id GROUP BY 1, 2";
    static final String DUCKDB_EVENTS_BY_TYPE =
            "SELECT event_type, COUNT(*) AS n FROM events GROUP BY 1";
    static final String DUCKDB_FILTERED_COUNT =
            "SELECT COUNT(*) AS n FROM events WHERE event_type = %1$s AND event_time >= %2$s AND event_time < %3$s";

    /** DuckDB: the most frequent event type, the filtered count's type (ties: the first by name). */
    static final String DUCKDB_MOST_COMMON_TYPE =
            "SELECT event_type FROM events GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1";

    /**
     * DuckDB: units with rows of two different steps at the same time, in units of {unit} ms (ClickHouse's
     * time unit). %1$s unit column, %2$s the types.
     */
    static final String DUCKDB_TIED_UNITS =
            "SELECT COUNT(DISTINCT %1$s) FROM (SELECT %1$s, epoch_ms(event_time) // {unit} FROM events WHERE %1$s IS NOT NULL"
            + " AND event_type IN (%2$s) GROUP BY 1, 2 HAVING COUNT(DISTINCT event_type) > 1) t";

    /**
     * DuckDB retention, per org: start = first start event; the org is in period k (1..n) with a return event
     * in [start + k days, start + (k+1) days) and counts in period k only when start + (k+1) days is at or
     * before the data's last event (period 0: every starting org). %1$s start type, %2$s return type,
     * %3$d periods.
     */
    static final String DUCKDB_RETENTION =
            "WITH st AS (SELECT org_id AS u, MIN(epoch_ms(event_time)) AS start FROM events"
            + " WHERE org_id IS NOT NULL AND event_type = %1$s GROUP BY 1),"
            + " last AS (SELECT MAX(epoch_ms(event_time)) AS m FROM events),"
            + " ret AS (SELECT DISTINCT st.u, (epoch_ms(e.event_time) - st.start) // 86400000 AS k"
            + " FROM st JOIN events e ON e.org_id = st.u WHERE e.event_type = %2$s"
            + " AND epoch_ms(e.event_time) >= st.start + 86400000"
            + " AND epoch_ms(e.event_time) < st.start + (%3$d + 1) * 86400000),"
            + " p AS (SELECT st.u, r.k FROM st, last, range(0, %3$d + 1) r(k)"
            + " WHERE r.k = 0 OR st.start + (r.k + 1) * 86400000 <= last.m)"
            + " SELECT p.k AS period_index, COUNT(*) FILTER (WHERE p.k = 0 OR ret.u IS NOT NULL) AS units,"
            + " COUNT(*) AS eligible_units FROM p LEFT JOIN ret ON ret.u = p.u AND ret.k = p.k GROUP BY p.k";

    // ---- ClickHouse SQL (18.16; t is UInt32 time since the data's first event in ClickHouseSide's unit) ----
    // Durations are written {ms:N}: N milliseconds, replaced by N / unit (CompareQuery.clickhouseSql(unit)).

    /** %1$s unit column, %2$d window ms, %3$s step conditions, %4$s the step types, %5$s [1, 2, ..]. */
    static final String CLICKHOUSE_FUNNEL =
            "SELECT k AS step, countIf(level >= k) AS units FROM (SELECT %1$s, windowFunnel({ms:%2$d})(t, %3$s) AS level"
            + " FROM events WHERE %1$s IS NOT NULL AND event_type IN (%4$s) GROUP BY %1$s) ARRAY JOIN %5$s AS k"
            + " GROUP BY k";
    static final String CLICKHOUSE_MICROSCOPE =
            "SELECT org_id FROM (SELECT org_id, windowFunnel({ms:%1$d})(t, %2$s) AS level FROM events"
            + " WHERE org_id IS NOT NULL AND event_type IN (%3$s) GROUP BY org_id) WHERE level = 2";
    /** Per org: start, return times as an array; then periods as array elements. %1$s, %2$s, %3$d as DuckDB's. */
    static final String CLICKHOUSE_RETENTION =
            "SELECT k AS period_index, sum(k = 0 OR has(periods, k)) AS units, count() AS eligible_units FROM ("
            + "SELECT org_id, start, (SELECT max(t) FROM events) AS m, arrayMap(x -> intDiv(x - start, {ms:86400000}),"
            + " arrayFilter(x -> x >= start + {ms:86400000} AND x < start + (%3$d + 1) * {ms:86400000}, rs)) AS periods"
            + " FROM (SELECT org_id, minIf(t, event_type = %1$s) AS start, groupArrayIf(t, event_type = %2$s) AS rs"
            + " FROM events WHERE org_id IS NOT NULL AND event_type IN (%1$s, %2$s) GROUP BY org_id"
            + " HAVING countIf(event_type = %1$s) > 0)) ARRAY JOIN range(%3$d + 1) AS k"
            + " WHERE k = 0 OR start + (k + 1) * {ms:86400000} <= m GROUP BY k";

    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("''yyyy-MM-dd HH:mm:ss''");

    private CompareQueries() {
    }

    /**
     * The five queries of the issue, plus the third in Troupe's {@code CURRENT_GROUP_PROPERTY} form (same DuckDB
     * statement, so the same expected answer), then the funnels, the retention and the microscope of issue #4.
     *
     * @param filterType the filtered count's event type
     * @param weekStart  start of the filtered count's week (inclusive); it ends 7 days later (exclusive)
     */
    public static List<CompareQuery> all(String filterType, Instant weekStart) {
        String type = quote(filterType);
        String from = timestamp(weekStart);
        String to = timestamp(weekStart.plusSeconds(7 * 86_400L));
        String weekRows = "SELECT COUNT(*) FROM events WHERE event_time >= " + from + " AND event_time < " + to;
        return List.of(
                new CompareQuery(DAU, TROUPE_DAU, DUCKDB_DAU, Scan.of("event_time", "user_id")),
                new CompareQuery(DAILY_ORGS, TROUPE_DAILY_ORGS, DUCKDB_DAILY_ORGS, Scan.of("event_time", "org_id")),
                new CompareQuery(DAILY_ORGS_BY_REGION, TROUPE_DAILY_ORGS_BY_REGION, DUCKDB_DAILY_ORGS_BY_REGION,
                        Scan.of("event_time", "org_id")),
                new CompareQuery(DAILY_ORGS_BY_REGION_CGP, TROUPE_DAILY_ORGS_BY_REGION_CGP, DUCKDB_DAILY_ORGS_BY_REGION,
                        Scan.of("event_time", "org_id")),
                new CompareQuery(EVENTS_BY_TYPE, TROUPE_EVENTS_BY_TYPE, DUCKDB_EVENTS_BY_TYPE, Scan.of("event_type")),
                new CompareQuery(FILTERED_COUNT, String.format(TROUPE_FILTERED_COUNT, type, from, to),
                        String.format(DUCKDB_FILTERED_COUNT, type, from, to),
                        new Scan(List.of("event_type", "event_time"), weekRows)),
                funnel(FUNNEL_ORG, "org_id", FUNNEL_STEPS, 7),
                funnelLevels(funnel(FUNNEL_ORG_LEVELS, "org_id", FUNNEL_STEPS, 7)),
                funnel(FUNNEL_USER, "user_id", FUNNEL_STEPS, 7),
                funnel(FUNNEL_ORG_1DAY, "org_id", FUNNEL_1DAY_STEPS, 1),
                retention(),
                microscope(),
                new CompareQuery(COHORT_DAILY_ORGS, TROUPE_DAILY_ORGS.replace(" GROUP BY", " WHERE org_id IN COHORT "
                        + COHORT + " GROUP BY"), DUCKDB_DAILY_ORGS.replace(" GROUP BY", " WHERE org_id IN ("
                        + COHORT_QUERY + ") GROUP BY"), Scan.of("event_time", "org_id")),
                cohortFunnel());
    }

    /** The org funnel restricted to the cohort's orgs: {@code IN COHORT} in Troupe, {@code IN (query)} elsewhere. */
    static CompareQuery cohortFunnel() {
        String conditions = conditions(FUNNEL_STEPS);
        long windowMs = 7 * DAY_MS;
        String troupe = "SELECT step, units FROM (SELECT FUNNEL(" + conditions + " WITHIN INTERVAL '7' DAY) FROM events"
                + " WHERE org_id IN COHORT " + COHORT + " GROUP BY GROUP TYPE org_id) t";
        String units = "(SELECT org_id AS u, epoch_ms(event_time) AS ms, event_type FROM events WHERE org_id IN ("
                + COHORT_QUERY + ")) ev";
        String duck = FunnelSql.unitsPerStep(FunnelSql.levels(units, duckdbSteps(FUNNEL_STEPS), windowMs),
                FUNNEL_STEPS.size());
        String clickhouse = String.format(CLICKHOUSE_FUNNEL, "org_id", windowMs, conditions, types(FUNNEL_STEPS), "[1, 2, 3]")
                .replace("WHERE org_id IS NOT NULL", "WHERE org_id IN (" + COHORT_QUERY + ")");
        return new CompareQuery(COHORT_FUNNEL_ORG, TroupeForm.rows(troupe), duck, clickhouse,
                Scan.of("event_time", "event_type", "org_id"), String.format(DUCKDB_TIED_UNITS, "org_id", types(FUNNEL_STEPS)));
    }

    /** A sequential funnel over {@code steps} (event types) within {@code days} days per {@code unit}. */
    static CompareQuery funnel(String name, String unit, List<String> steps, int days) {
        String conditions = conditions(steps);
        String window = "INTERVAL '" + days + "' DAY";
        TroupeForm troupe = unit.equals("org_id")
                ? troupeFunnelOrg(conditions, window, steps.size())
                : troupeFunnelUser(conditions, window, steps.size());
        long windowMs = days * DAY_MS;
        String duck = FunnelSql.unitsPerStep(FunnelSql.levels(duckdbUnits(unit), duckdbSteps(steps), windowMs),
                steps.size());
        String ks = "[" + java.util.stream.IntStream.rangeClosed(1, steps.size()).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ")) + "]";
        String clickhouse = String.format(CLICKHOUSE_FUNNEL, unit, windowMs, conditions, types(steps), ks);
        return new CompareQuery(name, troupe, duck, clickhouse, Scan.of("event_time", "event_type", unit),
                String.format(DUCKDB_TIED_UNITS, unit, types(steps)));
    }

    /** The same funnel by org in the composable form: FUNNEL_LEVEL per org, orgs counted per level. */
    static CompareQuery funnelLevels(CompareQuery q) {
        TroupeForm levels = TroupeForm.funnelLevels(String.format(TROUPE_FUNNEL_LEVELS_ORG, conditions(FUNNEL_STEPS),
                "INTERVAL '7' DAY"), FUNNEL_STEPS.size());
        return new CompareQuery(q.name(), levels, q.duckdbSql(), q.clickhouseSql(), q.scan(), q.tiesSql());
    }

    /** The orgs that reached step 2 of the 3-step org funnel and not step 3. */
    static CompareQuery microscope() {
        String conditions = conditions(FUNNEL_STEPS);
        long windowMs = 7 * DAY_MS;
        String duck = "SELECT u AS org_id FROM (" + FunnelSql.levels(duckdbUnits("org_id"), duckdbSteps(FUNNEL_STEPS),
                windowMs) + ") l WHERE level = 2";
        return new CompareQuery(MICROSCOPE_ORG, troupeMicroscope(conditions, "INTERVAL '7' DAY"), duck,
                String.format(CLICKHOUSE_MICROSCOPE, windowMs, conditions, types(FUNNEL_STEPS)),
                Scan.of("event_time", "event_type", "org_id"), String.format(DUCKDB_TIED_UNITS, "org_id", types(FUNNEL_STEPS)));
    }

    static CompareQuery retention() {
        String start = quote(RETENTION_START);
        String back = quote(RETENTION_RETURN);
        return new CompareQuery(RETENTION_ORG,
                troupeRetention("event_type = " + start, "event_type = " + back, RETENTION_PERIODS),
                String.format(DUCKDB_RETENTION, start, back, RETENTION_PERIODS),
                String.format(CLICKHOUSE_RETENTION, start, back, RETENTION_PERIODS),
                Scan.of("event_time", "event_type", "org_id"), null);
    }

    /** DuckDB: the unit, the time in epoch ms and the type of every event that has the unit. */
    private static String duckdbUnits(String unit) {
        return "(SELECT " + unit + " AS u, epoch_ms(event_time) AS ms, event_type FROM events WHERE " + unit
                + " IS NOT NULL) ev";
    }

    private static List<String> duckdbSteps(List<String> steps) {
        return steps.stream().map(s -> "$event_type = " + quote(s)).toList();
    }

    /** {@code event_type = 'A', event_type = 'B', ...} */
    static String conditions(List<String> steps) {
        return steps.stream().map(s -> "event_type = " + quote(s)).collect(Collectors.joining(", "));
    }

    private static String types(List<String> steps) {
        return steps.stream().map(CompareQueries::quote).collect(Collectors.joining(", "));
    }

    /** A SQL string literal. */
    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A {@code TIMESTAMP '...'} literal of a UTC instant (whole seconds), which both engines read alike. */
    static String timestamp(Instant t) {
        return "TIMESTAMP " + LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(LITERAL);
    }
}
