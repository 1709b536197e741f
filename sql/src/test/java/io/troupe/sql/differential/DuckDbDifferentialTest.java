/*
 * Differential test: Troupe's SQL engine against DuckDB (in-process) on the same seeded data.
 *
 * Dialect mappings (Troupe -> DuckDB), applied by DuckDbDialect.translate or written as explicit pairs:
 *   FLOOR(col TO unit)          -> date_trunc('unit', col)           both UTC, weeks start on Monday
 *   DATE_TRUNC('unit', col)     -> unchanged                        same function, same units
 *   EXTRACT(DOW FROM col)       -> (EXTRACT(DOW FROM col) + 1)      Calcite: Sunday = 1 .. Saturday = 7;
 *                                                                   DuckDB: Sunday = 0 .. Saturday = 6
 *   event_properties['k']       -> ep_k                             DuckDB holds the copied map entries as
 *   user_properties['k']        -> up_k                             VARCHAR columns (see DuckDbMirror)
 *   properties['k'] (profiles)  -> gp_k
 *   integer a / b               -> a // b        (pair)             both truncate toward zero
 *   TIMESTAMPDIFF(unit, a, b)   -> date_sub('unit', a, b) (pair)    whole units elapsed
 *   NULL ordering               -> SET default_null_order = 'nulls_last_on_asc_first_on_desc' in DuckDB
 *                                  (Troupe: NULLs last ascending, first descending)
 *   time zone                   -> SET TimeZone = 'UTC' in DuckDB; Troupe is always UTC
 *   (DuckDB also runs with SET threads = 1: performance only, the data is small)
 * Everything else (CAST, CASE, COALESCE, LIKE, SUBSTRING ... FROM ... FOR, INTERVAL 'n' DAY, windows,
 * FILTER, ROLLUP, LIMIT/OFFSET) is spelled the same in both.
 *
 * Types and values (ResultComparison): integers of any width (DuckDB's HUGEINT sums included) compare as
 * longs; timestamps as ISO strings of their UTC wall-clock time at millisecond precision; strings exactly;
 * NULL as NULL; doubles exactly (AVG of integers is a DOUBLE in both and must agree to the bit), except
 * SUM and AVG of floating values (CAST(... AS DOUBLE)), which depend on the order of additions and compare
 * with a relative tolerance of 1e-9.
 *
 * Seed: printed at the start; rerun with -Dtroupe.seed=<n> (or -Dtroupe.seed=random).
 */
package io.troupe.sql.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.sql.SqlSession;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Event;
import io.troupe.testing.generator.B2bGenerator;
import io.troupe.testing.generator.GeneratedEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a corpus of hand-written and seeded generated statements on Troupe and on DuckDB over the same events
 * and compares the answers (see the comment block above for the dialect mappings and the comparison rules,
 * and docs/sql-differential.md).
 *
 * <p>Data: three B2B generator batches and two of {@link AnonymousEvents}; two flushes put most of it in
 * segments, the rest stays in the tail, so every statement reads both (see {@link #load}). The events are then
 * read back from Troupe and appended to DuckDB ({@link DuckDbMirror}), after a check that the full scan returns
 * exactly the events the generators produced. The hand-written statements run a second time after a restart
 * (the tail replayed from the write-ahead log).
 */
class DuckDbDifferentialTest {
    /** The seed when {@code -Dtroupe.seed} is not given. */
    static final long DEFAULT_SEED = 20_260_101L;
    /** Generated statements per run, on top of the hand-written ones. */
    static final int GENERATED = 210;
    static final int ANONYMOUS_EVENTS = 900;
    /** Seconds a statement may run on Troupe; every statement of the corpus takes well under one second. */
    static final int TIMEOUT_SECONDS = 20;
    /** Seconds for a statement that hits a known bug (they time out rather than answer, see {@link KnownBugs}). */
    static final int KNOWN_BUG_TIMEOUT_SECONDS = 2;
    /** {@code -Dtroupe.differential.verbose=true} prints every statement with its time on Troupe. */
    static final boolean VERBOSE = Boolean.getBoolean("troupe.differential.verbose");
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant SECOND_START = Instant.parse("2026-01-18T00:00:00Z");
    static final Instant THIRD_START = Instant.parse("2026-01-10T00:00:00Z");
    /** An event type and an org that only tail events carry. */
    static final String TAIL_ONLY_EVENT_TYPE = "Start Checkout";
    static final String TAIL_ONLY_ORG = "org-anon";
    static final Instant END = Instant.parse("2026-02-08T00:00:00Z");

    @TempDir
    Path dir;

    /** Rows in segments after the second flush. */
    private long flushedRows;

    @Test
    void troupeAnswersLikeDuckDb() throws Exception {
        long seed = seed();
        System.out.println("DuckDbDifferentialTest: seed " + seed + " (rerun with -Dtroupe.seed=" + seed + ")");
        long started = System.nanoTime();
        try (TestProject project = new TestProject(dir);
             Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            Map<String, GeneratedEvent> expected = load(project, seed);
            long loaded = System.nanoTime();

            SqlSession troupe = project.session();
            try (Statement st = duck.createStatement()) {
                for (String setting : DuckDbDialect.SESSION_SETTINGS) {
                    st.execute(setting);
                }
            }
            List<List<Object>> events = DuckDbMirror.copy(troupe, duck);
            checkCopy(seed, troupe, duck, events, expected);
            long copied = System.nanoTime();

            DataFacts facts = DataFacts.of(events);
            List<DiffQuery> corpus = new ArrayList<>(HandWrittenQueries.all(facts));
            corpus.addAll(QueryCorpus.generate(facts, seed * 0x9E3779B97F4A7C15L + 1, GENERATED));
            assertTrue(corpus.size() >= 200, "corpus of " + corpus.size());
            Outcome outcome = new Outcome();
            run(seed, project, troupe, duck, corpus, outcome);
            // The hand-written statements again after a restart: the tail comes back from the write-ahead log.
            project.restart();
            List<DiffQuery> afterRestart = new ArrayList<>();
            for (DiffQuery q : corpus) {
                if (q.template().equals("hand")) {
                    afterRestart.add(q.renamed(q.id() + "@restart"));
                }
            }
            run(seed, project, project.session(), duck, afterRestart, outcome);
            corpus.addAll(afterRestart);
            long done = System.nanoTime();

            System.out.printf("DuckDbDifferentialTest: seed %d, %d events (%d flushed), %d statements run (%d of them"
                            + " hand-written ones again after a restart); load %.1f s, copy %.1f s, corpus %.1f s"
                            + " (Troupe %.1f s, DuckDB %.1f s); CPU: test thread %.1f s, process %.1f s%n",
                    seed, events.size(), flushedRows, corpus.size(), afterRestart.size(),
                    secs(loaded - started), secs(copied - loaded), secs(done - copied),
                    outcome.troupeNanos / 1e9, outcome.duckNanos / 1e9,
                    java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9, processCpuSeconds());
            System.out.println("DuckDbDifferentialTest: statements per template " + outcome.perTemplate);
            System.out.println("DuckDbDifferentialTest: slowest on Troupe " + outcome.slowest());
            for (String warning : outcome.knownBugWarnings) {
                System.out.println("WARNING " + warning);
            }
            if (!outcome.failures.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                sb.append(outcome.failures.size()).append(" of ").append(corpus.size())
                        .append(" statements answer differently from DuckDB (seed ").append(seed)
                        .append(", rerun with -Dtroupe.seed=").append(seed).append("):\n");
                outcome.failures.forEach(f -> sb.append('\n').append(f));
                System.out.println(sb);
                fail(sb.toString());
            }
        }
    }

    /**
     * Loads the data in three steps so that statements read segments written by two flushes and the tail:
     * generator batch A and half the anonymous events, flush; batch B, flush; batch C and the other anonymous
     * events (with an event type and an org only the tail has) stay in the tail. Returns the distinct events
     * the generators produced, by insert id.
     */
    private Map<String, GeneratedEvent> load(TestProject project, long seed) {
        B2bGenerator.Config a = B2bGenerator.Config.builder().seed(seed).orgs(60).start(START)
                .days(24).targetEvents(20_000).duplicateRate(0.01).build();
        B2bGenerator.Config b = B2bGenerator.Config.builder().seed(seed * 31 + 7).orgs(40).start(SECOND_START)
                .days(21).targetEvents(10_000).build();
        B2bGenerator.Config c = B2bGenerator.Config.builder().seed(seed * 131 + 11).orgs(25).start(THIRD_START)
                .days(28).targetEvents(5_000).duplicateRate(0.01).build();
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            orgs.add("org-" + i);
        }
        long start = START.toEpochMilli();
        long end = END.toEpochMilli();
        List<Event> flushedAnonymous = AnonymousEvents.generate(seed, ANONYMOUS_EVENTS / 2, start, end, orgs, null, null);
        List<Event> tailAnonymous = AnonymousEvents.generate(seed + 1, ANONYMOUS_EVENTS / 2, start, end, orgs,
                TAIL_ONLY_EVENT_TYPE, TAIL_ONLY_ORG);

        project.loadGenerated(a);
        project.ingest(flushedAnonymous);
        project.flush();
        project.loadGenerated(b);
        project.flush();
        flushedRows = project.store().rowCount();
        project.loadGenerated(c);
        project.ingest(tailAnonymous);

        Map<String, GeneratedEvent> expected = new HashMap<>();
        for (B2bGenerator.Config config : List.of(a, b, c)) {
            new B2bGenerator(config).events().forEach(e -> expected.putIfAbsent(e.insertId(), e));
        }
        for (List<Event> batch : List.of(flushedAnonymous, tailAnonymous)) {
            for (Event e : batch) {
                expected.put(e.insertId(), new GeneratedEvent(e.time(), e.eventType(), e.userId(), e.deviceId(),
                        e.insertId(), Map.of(), Map.of(), Map.of()));
            }
        }
        return expected;
    }

    /** The copy holds exactly the generated events (dedup applied), and both engines count the same rows. */
    private static void checkCopy(long seed, SqlSession troupe, Connection duck, List<List<Object>> events,
                                  Map<String, GeneratedEvent> expected) throws SQLException {
        String where = "seed " + seed + ": ";
        assertEquals(expected.size(), events.size(), where + "events read back from Troupe vs distinct events generated");
        Map<String, List<Object>> byInsertId = new HashMap<>();
        for (List<Object> row : events) {
            byInsertId.put((String) row.get(4), row);
        }
        assertEquals(expected.size(), byInsertId.size(), where + "distinct insert ids read back");
        for (GeneratedEvent e : expected.values()) {
            List<Object> row = byInsertId.get(e.insertId());
            assertTrue(row != null, where + "event " + e.insertId() + " missing from Troupe's scan");
            assertEquals(e.time(), ((Timestamp) row.get(0)).getTime(), where + "event_time of " + e.insertId());
            assertEquals(e.eventType(), row.get(1), where + "event_type of " + e.insertId());
            assertEquals(e.userId(), row.get(2), where + "user_id of " + e.insertId());
            assertEquals(e.deviceId(), row.get(3), where + "device_id of " + e.insertId());
        }
        for (String table : List.of("events", "group_profiles")) {
            long troupeCount = ((Number) troupe.rows("SELECT COUNT(*) FROM " + table).get(0).get(0)).longValue();
            long duckCount;
            try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                duckCount = rs.getLong(1);
            }
            assertEquals(troupeCount, duckCount, where + "rows of " + table + " in Troupe and in DuckDB");
        }
    }

    /** What running the corpus found. */
    private static final class Outcome {
        final List<String> failures = new ArrayList<>();
        final List<String> knownBugWarnings = new ArrayList<>();
        final Map<String, Integer> perTemplate = new TreeMap<>();
        final Map<String, Long> troupeMillis = new HashMap<>();
        long troupeNanos;
        long duckNanos;

        String slowest() {
            Map<String, Long> byTemplate = new TreeMap<>();
            troupeMillis.forEach((id, ms) -> byTemplate.merge(id.startsWith("h") ? "hand" : id.substring(id.indexOf('-') + 1), ms, Long::sum));
            return troupeMillis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                    .map(e -> e.getKey() + " " + e.getValue() + " ms").toList() + "; ms per template " + byTemplate;
        }
    }

    private static void run(long seed, TestProject project, SqlSession troupe, Connection duck, List<DiffQuery> corpus,
                            Outcome outcome) {
        SqlSession session = troupe;
        for (DiffQuery q : corpus) {
            outcome.perTemplate.merge(q.template(), 1, Integer::sum);
            List<List<Object>> duckRows;
            long t0 = System.nanoTime();
            try {
                duckRows = ResultComparison.normaliseDuck(duckRows(duck, q));
            } catch (SQLException e) {
                outcome.failures.add(report(seed, q, "the test's DuckDB statement fails (a corpus bug): " + e.getMessage()));
                continue;
            }
            long t1 = System.nanoTime();
            String difference;
            KnownBugs.Bug bug = KnownBugs.of(q);
            session.setTimeoutSeconds(bug == null ? TIMEOUT_SECONDS : KNOWN_BUG_TIMEOUT_SECONDS);
            try {
                List<List<Object>> troupeRows = ResultComparison.normaliseTroupe(session.rows(q.troupeSql(), troupeParams(q)));
                difference = ResultComparison.difference(q, troupeRows, duckRows);
            } catch (VirtualMachineError e) {
                if (!(e instanceof StackOverflowError)) {
                    throw e;
                }
                difference = "Troupe fails: " + e;
            } catch (Throwable e) {
                // Troupe must answer what DuckDB answers; an error (even Calcite's AssertionError) is a difference.
                difference = "Troupe fails: " + e.getClass().getName() + ": " + firstLine(e.getMessage())
                        + "\n  DuckDB answers " + duckRows.size() + " rows" + (duckRows.isEmpty() ? "" : ", first "
                        + ResultComparison.show(duckRows.get(0)));
                session = project.session();
            }
            long t2 = System.nanoTime();
            outcome.duckNanos += t1 - t0;
            outcome.troupeNanos += t2 - t1;
            outcome.troupeMillis.put(q.id(), (t2 - t1) / 1_000_000);
            if (VERBOSE) {
                System.out.printf("%s %d ms %s: %s%n", q.id(), (t2 - t1) / 1_000_000, difference == null ? "same" : "DIFFERENT",
                        q.troupeSql());
            }
            if (difference == null) {
                if (bug != null) {
                    outcome.knownBugWarnings.add("known bug " + bug.name() + " did not reproduce on " + q.id()
                            + " (the answers agree): " + q.troupeSql());
                }
                continue;
            }
            if (bug != null) {
                outcome.knownBugWarnings.add("known bug " + bug.name() + " (" + bug.description() + ") excluded from the assertion: "
                        + report(seed, q, difference));
            } else {
                outcome.failures.add(report(seed, q, difference));
            }
        }
    }

    private static String report(long seed, DiffQuery q, String difference) {
        return q.id() + " (seed " + seed + ")\n  Troupe SQL: " + q.troupeSql()
                + (q.duckSql().equals(q.troupeSql()) ? "" : "\n  DuckDB SQL: " + q.duckSql())
                + (q.params().isEmpty() ? "" : "\n  parameters: " + q.params())
                + "\n  " + difference.replace("\n", "\n  ").stripTrailing() + "\n";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    private static Object[] troupeParams(DiffQuery q) {
        Object[] values = new Object[q.params().size()];
        for (int i = 0; i < values.length; i++) {
            Object v = q.params().get(i);
            values[i] = v instanceof Instant t ? new Timestamp(t.toEpochMilli()) : v;
        }
        return values;
    }

    private static List<List<Object>> duckRows(Connection duck, DiffQuery q) throws SQLException {
        try (PreparedStatement ps = duck.prepareStatement(q.duckSql())) {
            for (int i = 0; i < q.params().size(); i++) {
                Object v = q.params().get(i);
                ps.setObject(i + 1, v instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : v);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return ResultComparison.rows(rs);
            }
        }
    }

    static long seed() {
        String s = System.getProperty("troupe.seed");
        if (s == null || s.isBlank()) {
            return DEFAULT_SEED;
        }
        if (s.equalsIgnoreCase("random")) {
            return Math.abs(System.nanoTime() % 1_000_000_007L);
        }
        return Long.parseLong(s.trim());
    }

    /** CPU time of this JVM so far (all threads), or NaN where the platform does not say. */
    private static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
