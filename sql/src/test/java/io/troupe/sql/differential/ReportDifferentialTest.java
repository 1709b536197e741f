package io.troupe.sql.differential;

import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.sql.SqlOptions;
import io.troupe.sql.SqlSession;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random FUNNEL (SEQUENTIAL) and RETENTION reports and their MICROSCOPEs, at org and user level, against
 * DuckDB computing them from their definitions ({@link ReportReference}): units per step, conversions, median and
 * average time to convert, first-touch breakdowns by a time bucket, retained and eligible units per period, and
 * the unit sets of microscopes. Each round loads a few hundred events (few units, times on a coarse grain so that
 * many share a time, several event types, rows without an org or a user) partly flushed to segments and partly
 * left in the tail, sometimes read in small batches. The window formulation of the funnel is checked against the
 * self-join definition on the same data.
 *
 * <p>The seed is printed; rerun with {@code -Dtroupe.seed=N} (or {@code random}). A failure names the seed, the
 * round, the statement in both spellings and both answers. See docs/sql-differential.md.
 */
class ReportDifferentialTest {
    static final int ROUNDS = Integer.getInteger("troupe.report.rounds", 10);
    static final int FUNNELS_PER_ROUND = 3;
    static final int RETENTIONS_PER_ROUND = 2;
    static final double TOLERANCE = 1e-9;
    private static final String[] TYPES = {"A", "B", "C", "D", "E"};
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = ReportReference.DAY;
    private static final long DEFAULT_WINDOW = 30 * DAY;
    /** The suffix of a statement id whose time conditions leave no row (see {@link KnownBugs}). */
    static final String EMPTY_WHERE = "@empty-where";
    /** The tag of a retention whose latest row has no unit (see {@link KnownBugs}). */
    static final String UNITLESS_END = "@unitless-end";

    @TempDir
    Path dir;

    private long seed;
    private int round;
    private final List<String> failures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int statements;
    private int microscopes;
    private int nonEmptyMicroscopes;
    private TestProject project;
    private SqlSession troupe;

    @Test
    void reportsMatchTheirDefinitionsInDuckDb() throws Exception {
        seed = DuckDbDifferentialTest.seed();
        System.out.println("ReportDifferentialTest: seed " + seed + " (rerun with -Dtroupe.seed=" + seed + ")");
        long started = System.nanoTime();
        Random random = new Random(seed);
        for (round = 0; round < ROUNDS; round++) {
            runRound(new Random(random.nextLong()));
        }
        System.out.printf("ReportDifferentialTest: seed %d, %d rounds, %d statements (%d microscopes, %d of them with"
                + " units), %.1f s%n", seed, ROUNDS, statements, microscopes, nonEmptyMicroscopes, (System.nanoTime() - started) / 1e9);
        warnings.forEach(w -> System.out.println("WARNING " + w));
        if (!failures.isEmpty()) {
            String all = failures.size() + " report statements answer differently from their DuckDB definition (seed " + seed
                    + ", rerun with -Dtroupe.seed=" + seed + "):\n\n" + String.join("\n", failures);
            System.out.println(all);
            fail(all);
        }
    }

    /** The data of one round: times on a grain (a minute or half an hour), and the statements run over it. */
    private void runRound(Random r) throws Exception {
        boolean minutes = r.nextBoolean();
        long grain = minutes ? MINUTE : 30 * MINUTE;
        int slots = minutes ? 60 + r.nextInt(90) : 96 + r.nextInt(200);
        // Minute data straddles midnight, so that CALENDAR days differ from 24-hour periods.
        long base = Instant.parse(minutes ? "2026-01-05T23:10:00Z" : "2026-01-05T17:00:00Z").toEpochMilli();
        int orgs = 2 + r.nextInt(12);
        int users = 4 + r.nextInt(25);
        int n = 150 + r.nextInt(450);
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t = base + r.nextInt(slots) * grain;
            String user = r.nextInt(100) < 85 ? "u" + r.nextInt(users) : null;
            Map<String, List<String>> groups = r.nextInt(100) < 80 ? Map.of("org_id", List.of("o" + r.nextInt(orgs))) : Map.of();
            events.add(new Event(t, TYPES[r.nextInt(TYPES.length)], user, "d" + r.nextInt(20), "r" + round + "-" + i,
                    groups, null, null));
        }
        if (r.nextBoolean()) {
            // The latest event has neither user nor org: the end of the data is later than any unit's last event.
            events.add(r.nextInt(n), new Event(base + slots * grain, TYPES[r.nextInt(TYPES.length)], null, "d-last",
                    "r" + round + "-last", Map.of(), null, null));
            n++;
        }
        int batchRows = r.nextBoolean() ? 64 : 65_536;
        try (TestProject p = new TestProject(dir.resolve("round-" + round), SqlOptions.defaults(), batchRows);
             Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            project = p;
            // Part in segments (one or two flushes), the rest in the tail.
            int cut1 = r.nextInt(n + 1);
            int cut2 = cut1 + r.nextInt(n - cut1 + 1);
            project.ingest(events.subList(0, cut1));
            project.flush();
            project.ingest(events.subList(cut1, cut2));
            if (r.nextBoolean()) {
                project.flush();
            }
            project.ingest(events.subList(cut2, n));
            copy(duck, events);
            troupe = project.session();
            if (round == 0) {
                pinned(duck);
            }
            long first = base;
            long last = base + (slots - 1) * grain;
            for (int i = 0; i < FUNNELS_PER_ROUND; i++) {
                funnel(r, duck, grain, first, last, minutes ? HOUR : DAY);
            }
            for (int i = 0; i < RETENTIONS_PER_ROUND; i++) {
                retention(r, duck, grain, minutes, first, last);
            }
        }
    }

    private static void copy(Connection duck, List<Event> events) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads = 1");
            s.execute("CREATE TABLE events (org_id VARCHAR, user_id VARCHAR, t BIGINT, event_type VARCHAR)");
        }
        try (DuckDBAppender a = duck.unwrap(DuckDBConnection.class).createAppender("events")) {
            for (Event e : events) {
                a.beginRow();
                List<String> org = e.groups().get("org_id");
                if (org == null) {
                    a.appendNull();
                } else {
                    a.append(org.get(0));
                }
                if (e.userId() == null) {
                    a.appendNull();
                } else {
                    a.append(e.userId());
                }
                a.append(e.time());
                a.append(e.eventType());
                a.endRow();
            }
        }
    }

    // ---- funnels ----------------------------------------------------------------------------------------------

    private void funnel(Random r, Connection duck, long grain, long first, long last, long bucket)
            throws SQLException {
        boolean org = r.nextBoolean();
        int n = 1 + r.nextInt(4);
        List<String> steps = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            steps.add(condition(r));
        }
        long window = r.nextInt(10) == 0 ? DEFAULT_WINDOW : r.nextInt(26) * grain;
        TimeRange where = r.nextInt(10) < 3 ? timeRange(r, grain, first, last) : null;
        long[] starting = null;
        if (r.nextInt(10) < 3) {
            long a = first + r.nextInt((int) ((last - first) / grain) + 1) * grain;
            long b = Math.min(last + grain, a + r.nextInt(40) * grain);
            starting = new long[] {a, b};
        }
        ReportReference.Funnel f = new ReportReference.Funnel(org ? "org_id" : "user_id", steps, window,
                where == null ? null : where.duck(), starting);
        // The WHERE and STARTING's scan range [a, b + window] leave no row: Calcite folds the input to nothing.
        boolean emptyWhere = where != null && starting != null
                && Math.max(where.lo(), starting[0]) > Math.min(where.hi(), starting[1] + window);
        StringBuilder call = new StringBuilder("FUNNEL(").append(String.join(", ", steps));
        if (window != DEFAULT_WINDOW || r.nextBoolean()) {
            call.append(" WITHIN ").append(interval(window));
        }
        if (r.nextBoolean()) {
            call.append(" ORDER SEQUENTIAL");
        }
        if (starting != null) {
            call.append(" STARTING BETWEEN ").append(DataFacts.literal(starting[0])).append(" AND ")
                    .append(DataFacts.literal(starting[1]));
        }
        call.append(')');
        String from = " FROM events" + (where == null ? "" : " WHERE " + where.troupe());
        String unitClause = org ? " GROUP BY GROUP TYPE org_id" : "";

        crossCheck(duck, f);
        // The report.
        String sql = "SELECT " + call + from + unitClause;
        compare(sql, ReportReference.funnelReport(f, 0), troupeRows(sql),
                () -> expectedFunnel(duck, f, 0), emptyWhere ? EMPTY_WHERE : "");
        // A microscope.
        int k = 1 + r.nextInt(n);
        boolean dropped = k < n && r.nextBoolean();
        String micro = "SELECT MICROSCOPE(" + call + ", " + k + ", " + (dropped ? "DROPPED" : "CONVERTED") + ")" + from + unitClause;
        String duckMicro = ReportReference.funnelMicroscope(f, k, dropped);
        compare(micro, duckMicro, troupeRows(micro), () -> sorted(duckRows(duck, duckMicro)), emptyWhere ? EMPTY_WHERE : "");
        // A first-touch breakdown by the step-1 event's hour or day.
        if (r.nextBoolean()) {
            String unit = bucket == DAY ? "DAY" : "HOUR";
            String key = "FLOOR(event_time TO " + unit + ")";
            String bsql = "SELECT " + key + " AS bucket, " + call + from
                    + (org ? " GROUP BY GROUP TYPE org_id, " + key : " GROUP BY " + key);
            compare(bsql, ReportReference.funnelReport(f, bucket), troupeRows(bsql),
                    () -> expectedFunnel(duck, f, bucket), emptyWhere ? EMPTY_WHERE : "");
        }
    }

    /** Statements that found bugs, run in the first round. */
    private void pinned(Connection duck) throws SQLException {
        // A WHERE that folds to FALSE: every report refused with "Not supported: FUNNEL here" (KnownBugs).
        ReportReference.Funnel f = new ReportReference.Funnel("org_id", List.of("event_type = 'A'", "event_type = 'B'"),
                DEFAULT_WINDOW, "1 = 0", null);
        String sql = "SELECT FUNNEL(event_type = 'A', event_type = 'B') FROM events WHERE 1 = 0 GROUP BY GROUP TYPE org_id";
        compare(sql, ReportReference.funnelReport(f, 0), troupeRows(sql), () -> expectedFunnel(duck, f, 0), EMPTY_WHERE);
        ReportReference.Retention r = new ReportReference.Retention("user_id", "event_type = 'A'", "event_type = 'B'", false,
                false, DAY, 7, "1 = 0");
        String rsql = "SELECT RETENTION(event_type = 'A', event_type = 'B') FROM events WHERE 1 = 0";
        compare(rsql, ReportReference.retentionReport(r), troupeRows(rsql), () -> expectedRetention(duck, r), EMPTY_WHERE);
    }

    /** The window formulation and the self-join definition give the same per-unit level, conversions and touch. */
    private void crossCheck(Connection duck, ReportReference.Funnel f) throws SQLException {
        String window = ReportReference.funnelUnits(f);
        String selfJoin = ReportReference.funnelUnitsBySelfJoin(f);
        List<List<Object>> a = sorted(duckRows(duck, window));
        List<List<Object>> b = sorted(duckRows(duck, selfJoin));
        statements++;
        if (!a.equals(b)) {
            failures.add("round " + round + " (seed " + seed + "): the DuckDB window formulation disagrees with the"
                    + " self-join definition (a test bug)\n  window: " + window + "\n  self-join: " + selfJoin
                    + "\n  window answers    " + a + "\n  self-join answers " + b + "\n");
        }
    }

    /** Troupe's report rows expected from DuckDB's per-step counts: every step (per bucket with units), conversions. */
    private static List<List<Object>> expectedFunnel(Connection duck, ReportReference.Funnel f, long bucket)
            throws SQLException {
        int n = f.n();
        // bucket (or 0) -> step -> (count, median ms, avg ms)
        Map<Long, Map<Long, List<Object>>> byBucket = new TreeMap<>();
        for (List<Object> row : duckRows(duck, ReportReference.funnelReport(f, bucket))) {
            int i = 0;
            long b = bucket > 0 ? (Long) row.get(i++) : 0L;
            long k = (Long) row.get(i++);
            byBucket.computeIfAbsent(b, x -> new TreeMap<>()).put(k, row.subList(i, row.size()));
        }
        if (bucket == 0 && byBucket.isEmpty()) {
            byBucket.put(0L, Map.of());
        }
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<Long, Map<Long, List<Object>>> e : byBucket.entrySet()) {
            long previous = 0;
            long firstUnits = 0;
            for (long k = 1; k <= n; k++) {
                List<Object> v = e.getValue().get(k);
                long units = v == null ? 0 : (Long) v.get(0);
                if (k == 1) {
                    firstUnits = units;
                    previous = units;
                }
                List<Object> row = new ArrayList<>();
                if (bucket > 0) {
                    row.add(e.getKey());
                }
                row.add(k);
                row.add(units);
                row.add(firstUnits == 0 ? null : (double) units / firstUnits);
                row.add(previous == 0 ? null : (double) units / previous);
                row.add(v == null || v.get(1) == null ? null : ((Number) v.get(1)).doubleValue() / 1000.0);
                row.add(v == null || v.get(2) == null ? null : ((Number) v.get(2)).doubleValue() / 1000.0);
                out.add(row);
                previous = units;
            }
        }
        return out;
    }

    // ---- retention --------------------------------------------------------------------------------------------

    private void retention(Random r, Connection duck, long grain, boolean minutes, long first, long last)
            throws SQLException {
        boolean org = r.nextBoolean();
        String start = condition(r);
        String ret = condition(r);
        boolean unbounded = r.nextBoolean();
        boolean calendar = r.nextInt(3) == 0;
        boolean defaults = r.nextInt(8) == 0;
        long period;
        int periods;
        if (defaults) {
            period = DAY;
            periods = 7;
        } else {
            if (calendar) {
                period = (1 + r.nextInt(2)) * DAY;
            } else if (minutes) {
                period = (1 + r.nextInt(20)) * MINUTE;
            } else {
                period = r.nextInt(6) == 0 ? DAY : (1 + r.nextInt(12)) * HOUR;
            }
            periods = 1 + r.nextInt(8);
        }
        TimeRange where = r.nextInt(10) < 3 ? timeRange(r, grain, first, last) : null;
        ReportReference.Retention spec = new ReportReference.Retention(org ? "org_id" : "user_id", start, ret, unbounded,
                calendar, period, periods, where == null ? null : where.duck());
        StringBuilder call = new StringBuilder("RETENTION(").append(start).append(", ").append(ret);
        if (!defaults) {
            call.append(", ").append(interval(period)).append(", ").append(periods);
        }
        if (unbounded || r.nextBoolean()) {
            call.append(" MODE ").append(unbounded ? "UNBOUNDED" : "N_DAY");
        }
        if (calendar) {
            call.append(" CALENDAR");
        }
        call.append(')');
        String from = " FROM events" + (where == null ? "" : " WHERE " + where.troupe()) + (org ? " GROUP BY GROUP TYPE org_id" : "");
        String sql = "SELECT " + call + from;
        String tag = unitlessEnd(duck, spec) ? UNITLESS_END : "";
        compare(sql, ReportReference.retentionReport(spec), troupeRows(sql), () -> expectedRetention(duck, spec), tag);
        int k = r.nextInt(periods + 1);
        boolean lost = r.nextBoolean();
        String micro = "SELECT MICROSCOPE(" + call + ", " + k + ", " + (lost ? "LOST" : "RETAINED") + ")" + from;
        String duckMicro = ReportReference.retentionMicroscope(spec, k, lost);
        compare(micro, duckMicro, troupeRows(micro), () -> sorted(duckRows(duck, duckMicro)), tag);
    }

    /** Whether the latest row the WHERE keeps has no unit (so the end of the data is later than every unit's rows). */
    private static boolean unitlessEnd(Connection duck, ReportReference.Retention spec) throws SQLException {
        String where = spec.where() == null ? "true" : spec.where();
        List<List<Object>> rows = duckRows(duck, "SELECT MAX(t) = MAX(t) FILTER (WHERE " + spec.unit() + " IS NOT NULL)"
                + " FROM events WHERE " + where);
        return Boolean.FALSE.equals(rows.get(0).get(0));
    }

    /** Troupe's retention rows expected from DuckDB's counts: every period, the retention as a share. */
    private static List<List<Object>> expectedRetention(Connection duck, ReportReference.Retention spec) throws SQLException {
        Map<Long, List<Object>> byPeriod = new HashMap<>();
        for (List<Object> row : duckRows(duck, ReportReference.retentionReport(spec))) {
            byPeriod.put((Long) row.get(0), row);
        }
        List<List<Object>> out = new ArrayList<>();
        for (long k = 0; k <= spec.periods(); k++) {
            List<Object> v = byPeriod.get(k);
            long units = v == null ? 0 : (Long) v.get(1);
            long eligible = v == null ? 0 : (Long) v.get(2);
            List<Object> row = new ArrayList<>(List.of(k, units, eligible));
            row.add(eligible == 0 ? null : (double) units / eligible);
            out.add(row);
        }
        return out;
    }

    // ---- statements -------------------------------------------------------------------------------------------

    /** A step or retention condition on event_type, an IN list half of the time (one row may match several steps). */
    private static String condition(Random r) {
        String a = TYPES[r.nextInt(TYPES.length)];
        if (r.nextBoolean()) {
            return "event_type = '" + a + "'";
        }
        String b = TYPES[r.nextInt(TYPES.length)];
        return "event_type IN ('" + a + "', '" + b + "')";
    }

    /** A WHERE on event_time: Troupe's spelling, DuckDB's, and the inclusive bounds it keeps. */
    private record TimeRange(String troupe, String duck, long lo, long hi) {
    }

    /** A WHERE on event_time with bounds on the grain (so that rows lie exactly on them). */
    private static TimeRange timeRange(Random r, long grain, long first, long last) {
        int slots = (int) ((last - first) / grain) + 1;
        long a = first + r.nextInt(slots) * grain;
        long b = first + r.nextInt(slots) * grain;
        if (a > b) {
            long x = a;
            a = b;
            b = x;
        }
        switch (r.nextInt(3)) {
            case 0:
                return new TimeRange("event_time >= " + DataFacts.literal(a), "t >= " + a, a, Long.MAX_VALUE);
            case 1:
                return new TimeRange("event_time < " + DataFacts.literal(b), "t < " + b, Long.MIN_VALUE, b - 1);
            default:
                return new TimeRange("event_time >= " + DataFacts.literal(a) + " AND event_time <= " + DataFacts.literal(b),
                        "t >= " + a + " AND t <= " + b, a, b);
        }
    }

    /** An interval literal Calcite accepts (leading fields of at most two digits). */
    static String interval(long millis) {
        if (millis % DAY == 0 && millis > 0 && millis / DAY < 100) {
            return "INTERVAL '" + millis / DAY + "' DAY";
        }
        if (millis % HOUR == 0 && millis > 0 && millis / HOUR < 100) {
            return "INTERVAL '" + millis / HOUR + "' HOUR";
        }
        long minutes = millis / MINUTE;
        if (minutes < 100) {
            return "INTERVAL '" + minutes + "' MINUTE";
        }
        return "INTERVAL '" + minutes / 60 + ":" + String.format("%02d", minutes % 60) + "' HOUR TO MINUTE";
    }

    // ---- running and comparing --------------------------------------------------------------------------------

    /** Something that computes the expected rows from DuckDB. */
    private interface Expected {
        List<List<Object>> rows() throws SQLException;
    }

    private void compare(String troupeSql, String duckSql, Object troupeAnswer, Expected expected) throws SQLException {
        compare(troupeSql, duckSql, troupeAnswer, expected, "");
    }

    /**
     * Compares Troupe's answer with the expected rows; {@code tags} ({@link #EMPTY_WHERE}, {@link #UNITLESS_END}) say
     * what the statement meets, for {@link KnownBugs} to name.
     */
    private void compare(String troupeSql, String duckSql, Object troupeAnswer, Expected expected, String tags)
            throws SQLException {
        statements++;
        List<List<Object>> want = expected.rows();
        if (troupeSql.contains("MICROSCOPE")) {
            microscopes++;
            nonEmptyMicroscopes += want.isEmpty() ? 0 : 1;
        }
        KnownBugs.Bug bug = KnownBugs.of(DiffQuery.of("report-r" + round + tags, troupeSql, false));
        String problem;
        if (troupeAnswer instanceof String error) {
            problem = "Troupe fails: " + error;
        } else {
            @SuppressWarnings("unchecked")
            List<List<Object>> got = (List<List<Object>>) troupeAnswer;
            problem = difference(got, want);
        }
        if (bug != null) {
            warnings.add(problem == null ? "known bug " + bug.name() + " did not reproduce (the answers agree): " + troupeSql
                    : "known bug " + bug.name() + " (" + bug.description() + ") excluded from the assertion, round " + round
                    + " (seed " + seed + "): " + troupeSql + "\n  " + problem);
        } else if (problem != null) {
            failures.add("round " + round + " (seed " + seed + ", rerun with -Dtroupe.seed=" + seed + ")\n  Troupe SQL: "
                    + troupeSql + "\n  DuckDB SQL: " + duckSql + "\n  " + problem + "\n  DuckDB answers " + want
                    + "\n  Troupe answers " + (troupeAnswer instanceof String ? "an error" : troupeAnswer) + "\n");
        }
    }

    /**
     * Troupe's rows, normalised (integers as longs, timestamps as epoch milliseconds, doubles as doubles) and sorted
     * on their first {@code keys + 1} columns, or the error's text.
     */
    private Object troupeRows(String sql) {
        try {
            List<List<Object>> rows = new ArrayList<>();
            for (List<Object> row : troupe.rows(sql)) {
                rows.add(normalise(row));
            }
            return sorted(rows);
        } catch (RuntimeException | AssertionError e) {
            troupe = project.session(); // a fresh session after an error
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static List<List<Object>> duckRows(Connection duck, String sql) throws SQLException {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            for (List<Object> row : ResultComparison.rows(rs)) {
                rows.add(normalise(row));
            }
            return rows;
        }
    }

    private static List<Object> normalise(List<Object> row) {
        List<Object> out = new ArrayList<>(row.size());
        for (Object v : row) {
            if (v instanceof Timestamp ts) {
                out.add(ts.getTime());
            } else if (v instanceof Double || v instanceof Float) {
                out.add(((Number) v).doubleValue());
            } else if (v instanceof java.math.BigDecimal d) {
                out.add(d.doubleValue());
            } else if (v instanceof Number num) {
                out.add(num.longValue());
            } else if (v instanceof Boolean || v == null || v instanceof String) {
                out.add(v);
            } else {
                out.add(v.toString());
            }
        }
        return out;
    }

    private static final Comparator<Object> VALUE_ORDER = (a, b) -> {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return a.toString().compareTo(b.toString());
    };

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort((x, y) -> {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int c = VALUE_ORDER.compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        });
        return copy;
    }

    /** Null when the rows agree (doubles to a relative 1e-9), else what differs first. */
    static String difference(List<List<Object>> got, List<List<Object>> want) {
        if (got.size() != want.size()) {
            return "Troupe has " + got.size() + " rows, DuckDB " + want.size();
        }
        for (int i = 0; i < got.size(); i++) {
            List<Object> g = got.get(i);
            List<Object> w = want.get(i);
            if (g.size() != w.size()) {
                return "row " + i + ": " + g.size() + " columns vs " + w.size();
            }
            for (int c = 0; c < g.size(); c++) {
                if (!same(g.get(c), w.get(c))) {
                    return "row " + i + " column " + (c + 1) + ": Troupe " + g + ", DuckDB " + w;
                }
            }
        }
        return null;
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Double || b instanceof Double) {
            if (!(a instanceof Number x) || !(b instanceof Number y)) {
                return false;
            }
            double p = x.doubleValue();
            double q = y.doubleValue();
            return p == q || Math.abs(p - q) <= TOLERANCE * Math.max(Math.abs(p), Math.abs(q));
        }
        return a.equals(b);
    }
}
