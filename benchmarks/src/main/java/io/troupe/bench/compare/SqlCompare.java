package io.troupe.bench.compare;

import io.troupe.bench.storage.Scratch;
import io.troupe.testing.generator.B2bGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * End-to-end comparison of Troupe's SQL engine with DuckDB on the same generated events: in one run, loads
 * the seeded B2B data set into a Troupe store (flushed: queries read segments) and into DuckDB (in-process,
 * the same rows copied from Troupe), then times five report queries in both and checks that the answers are
 * identical; with {@code --clickhouse} also in a throwaway ClickHouse server (the funnels, retention and
 * microscope only). Prints a markdown table (and with {@code --write-docs} puts it into docs/benchmarks.md between
 * the {@code sql-compare} markers).
 *
 * <p>Each query is prepared once per engine (the first execution, planning included, is reported apart),
 * run {@code --warmup} times, then {@code --runs} times; a time is one {@code executeQuery} of the prepared
 * statement plus fetching every row with {@code getObject}. The table gives the medians.
 *
 * <p>Each query's bytes (the columns a scan reads times the rows, {@link CompareQuery.Scan}) over its median
 * time is set against the machine's sequential read bandwidth, measured once per run
 * ({@link MemoryBandwidth}).
 *
 * <p>Usage: {@code benchmarks/run-sql-compare.sh [--events N] [--seed S] [--days D] [--runs R] [--warmup W]
 * [--dir DIR] [--threads T] [--troupe-threads T] [--duckdb-threads T] [--duckdb-memory] [--clickhouse]
 * [--clickhouse-script FILE] [--cache] [--keep] [--write-docs] [--docs FILE]}.
 *
 * <p>With {@code --cache} the loaded Troupe store and DuckDB file are kept in a folder named after the data
 * ({@link DataCache}) and reused by the next run with the same data: a 100M-event load happens once.
 */
public final class SqlCompare {
    private SqlCompare() {
    }

    /** Settings of one run. */
    public record Options(long events, long seed, int days, int runs, int warmup, Path dir, int troupeThreads,
                          int duckdbThreads, boolean duckdbInMemory, boolean clickhouse, Path clickhouseScript,
                          boolean cache, boolean keep, boolean writeDocs, Path docs, String command) {
        public static final Path CLICKHOUSE_SCRIPT = Path.of("benchmarks/clickhouse/start-clickhouse.sh");

        public static Options defaults() {
            int cores = Runtime.getRuntime().availableProcessors();
            return new Options(10_000_000, 42, 30, 7, 3, null, cores, cores, false, false, CLICKHOUSE_SCRIPT,
                    false, false, false, Path.of("docs/benchmarks.md"), "benchmarks/run-sql-compare.sh");
        }

        public static Options parse(String[] args) {
            Options o = defaults();
            long events = o.events;
            long seed = o.seed;
            int days = o.days;
            int runs = o.runs;
            int warmup = o.warmup;
            Path dir = o.dir;
            int troupeThreads = o.troupeThreads;
            int threads = o.duckdbThreads;
            boolean memory = o.duckdbInMemory;
            boolean clickhouse = o.clickhouse;
            Path clickhouseScript = o.clickhouseScript;
            boolean cache = o.cache;
            boolean keep = o.keep;
            boolean writeDocs = o.writeDocs;
            Path docs = o.docs;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--events" -> events = Long.parseLong(args[++i].replace("_", ""));
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--days" -> days = Integer.parseInt(args[++i]);
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--dir" -> dir = Path.of(args[++i]);
                    case "--threads" -> {
                        troupeThreads = Integer.parseInt(args[++i]);
                        threads = troupeThreads;
                    }
                    case "--troupe-threads" -> troupeThreads = Integer.parseInt(args[++i]);
                    case "--duckdb-threads" -> threads = Integer.parseInt(args[++i]);
                    case "--duckdb-memory" -> memory = true;
                    case "--clickhouse" -> clickhouse = true;
                    case "--clickhouse-script" -> clickhouseScript = Path.of(args[++i]);
                    case "--cache" -> cache = true;
                    case "--keep" -> keep = true;
                    case "--write-docs" -> writeDocs = true;
                    case "--docs" -> docs = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + a + "; usage: [--events N] "
                            + "[--seed S] [--days D] [--runs R] [--warmup W] [--dir DIR] [--threads T] [--troupe-threads T] "
                            + "[--duckdb-threads T] "
                            + "[--duckdb-memory] [--clickhouse] [--clickhouse-script FILE] [--cache] [--keep] [--write-docs] [--docs FILE]");
                }
            }
            if (runs < 1 || warmup < 0 || events < 1 || threads < 1 || troupeThreads < 1) {
                throw new IllegalArgumentException("--runs, --events and the thread counts must be positive, --warmup not negative");
            }
            String command = ("benchmarks/run-sql-compare.sh " + String.join(" ", args)).trim();
            if (cache && memory) {
                throw new IllegalArgumentException("--cache keeps DuckDB's database file: not with --duckdb-memory");
            }
            return new Options(events, seed, days, runs, warmup, dir, troupeThreads, threads, memory, clickhouse,
                    clickhouseScript, cache, keep, writeDocs, docs, command);
        }

        B2bGenerator.Config generator() {
            return B2bGenerator.Config.builder().seed(seed).days(days).targetEvents(events).build();
        }
    }

    /**
     * Times of one query in one engine, in ms; {@code error} set (and times NaN) when it failed, or
     * {@code notYet} when the engine cannot run the query yet (then {@code error} says why).
     */
    public record Timing(double firstMs, double medianMs, double minMs, double maxMs, int rows, String error,
                         boolean notYet) {
        Timing(double firstMs, double medianMs, double minMs, double maxMs, int rows, String error) {
            this(firstMs, medianMs, minMs, maxMs, rows, error, false);
        }

        static Timing failed(String error) {
            return new Timing(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, error, false);
        }

        static Timing notYet(String why) {
            return new Timing(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, why, true);
        }

        boolean ok() {
            return error == null;
        }
    }

    /**
     * One query's outcome.
     *
     * @param clickhouse            null when ClickHouse was not run for the query
     * @param clickhouseDifferences ClickHouse's answer against DuckDB's: empty when equal
     * @param tiedUnits             funnels: units with rows of different steps at the same time (-1: not a funnel)
     * @param scanRows              rows the bandwidth estimate counts
     */
    public record QueryResult(CompareQuery query, Timing troupe, Timing duckdb, String differences, Timing clickhouse,
                              String clickhouseDifferences, long tiedUnits, long scanRows) {
        QueryResult(CompareQuery query, Timing troupe, Timing duckdb, String differences) {
            this(query, troupe, duckdb, differences, null, "", -1, 0);
        }

        /** Both ran and answered the same. */
        public boolean answersMatch() {
            return troupe.ok() && duckdb.ok() && differences.isEmpty();
        }

        /** Answers match, or Troupe cannot run the query yet (and DuckDB ran it). */
        public boolean passes() {
            return answersMatch() || (troupe.notYet() && duckdb.ok());
        }

        /** ClickHouse ran and answered as DuckDB. */
        public boolean clickhouseMatches() {
            return clickhouse != null && clickhouse.ok() && duckdb.ok() && clickhouseDifferences.isEmpty();
        }

        /** Estimated bytes a scan reads. */
        public long scanBytes() {
            return scanRows * query.scan().bytesPerRow();
        }

        /** DuckDB's median over Troupe's: above 1 when Troupe is faster. */
        public double ratio() {
            return duckdb.medianMs / troupe.medianMs;
        }
    }

    /** Everything a run measured, for the report. */
    public record Result(Options options, Machine machine, long events, long commands, long users, long orgProfiles,
                         int troupeThreads,
                         double troupeLoadSeconds, double troupeIngestSeconds, double troupeFlushSeconds,
                         double duckdbLoadSeconds, double duckdbCheckpointSeconds, String duckdbVersion,
                         int duckdbThreads, String duckdbStorage, String filterType, Instant weekStart,
                         List<QueryResult> queries, String endLoadAverage, MemoryBandwidth.Result bandwidth,
                         ClickHouseInfo clickhouse, String cachedData) {
        /** Every query Troupe runs answers as DuckDB. */
        public boolean allMatch() {
            return queries.stream().allMatch(QueryResult::passes);
        }
    }

    /** The ClickHouse server of a run with {@code --clickhouse}, or null. */
    public record ClickHouseInfo(String version, long events, double loadSeconds, double exportSeconds, int threads,
                                 long unitMs) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Result result = run(options, System.out);
        String section = CompareReport.markdown(result);
        System.out.println();
        System.out.println(section);
        if (options.writeDocs()) {
            CompareReport.writeSection(options.docs(), section);
            System.out.println("Wrote the section into " + options.docs());
        }
        if (!result.allMatch()) {
            System.out.println("ANSWERS DIFFER (or a query failed): see the table");
            System.exit(1);
        }
        System.exit(0);
    }

    public static Result run(Options options, PrintStream log) throws SQLException {
        if (options.dir() != null) {
            System.setProperty(Scratch.DIR_PROPERTY, options.dir().toString());
        }
        Machine machine = Machine.describe();
        B2bGenerator.Config generator = options.generator();
        Path work = Scratch.newDirectory("sql-compare");
        log.printf("SQL comparison: %,d events (seed %d, %d days), work folder %s%n", options.events(), options.seed(),
                options.days(), work);
        log.println("Machine: " + machine.summary());
        Path data = options.cache() ? DataCache.directory(generator) : work;
        DataCache.Loads cached = options.cache() ? DataCache.read(data) : null;
        if (options.cache()) {
            log.println(cached != null ? "Reusing the cached data in " + data + " (loaded " + cached.date() + ")"
                    : "Caching the loaded data in " + data);
            if (cached == null) {
                Scratch.delete(data);
            }
        }
        try (TroupeSide troupe = cached != null
                ? TroupeSide.reopen(data.resolve("store"), generator, options.troupeThreads(), cached.troupeEvents(),
                        cached.commands(), cached.troupeLoadSeconds(), cached.troupeIngestSeconds(),
                        cached.troupeFlushSeconds(), log)
                : TroupeSide.load(data.resolve("store"), generator, options.troupeThreads(), log)) {
            log.printf("Troupe %s %,d events (%,d commands) in %.1f s: %.1f s inside ingest, final flush %.1f s%n",
                    cached != null ? "had loaded" : "loaded", troupe.events, troupe.commands, troupe.loadSeconds,
                    troupe.ingestSeconds, troupe.flushSeconds);
            Path duckFile = options.duckdbInMemory() && !options.cache() ? null : data.resolve("duck.db");
            try (DuckDbSide duck = cached != null
                    ? DuckDbSide.reopen(duckFile, options.duckdbThreads(), cached.duckdbEvents(), cached.orgProfiles(),
                            cached.duckdbLoadSeconds(), cached.duckdbCheckpointSeconds())
                    : DuckDbSide.open(duckFile, options.duckdbThreads());
                 Connection troupeConnection = troupe.connect()) {
                if (cached == null) {
                    duck.loadFrom(troupeConnection, log);
                    if (options.cache()) {
                        DataCache.write(data, new DataCache.Loads(Instant.now().toString().substring(0, 10),
                                troupe.events, troupe.commands, troupe.loadSeconds, troupe.ingestSeconds,
                                troupe.flushSeconds, duck.events, duck.orgProfiles, duck.loadSeconds,
                                duck.checkpointSeconds));
                    }
                }
                log.printf("DuckDB %s (%d threads, %s) %s %,d events and %,d org profiles in %.1f s "
                                + "(read back through Troupe's SQL and appended; checkpoint %.1f s)%n",
                        duck.version, duck.threads, duck.storage, cached != null ? "had loaded" : "loaded", duck.events,
                        duck.orgProfiles, duck.loadSeconds, duck.checkpointSeconds);
                if (duck.events != troupe.events) {
                    log.printf("WARNING: Troupe stored %,d events but its SQL returned %,d rows%n", troupe.events,
                            duck.events);
                }
                String filterType = mostCommonType(duck.connection());
                Instant weekStart = generator.start().plusSeconds((generator.days() >= 14 ? 7L : 0L) * 86_400);
                MemoryBandwidth.Result bandwidth = MemoryBandwidth.measure(Math.max(options.troupeThreads(),
                        options.duckdbThreads()));
                log.println("Memory bandwidth: " + bandwidth.summary());
                ClickHouseSide clickhouse = null;
                ClickHouseInfo clickhouseInfo = null;
                try {
                    if (options.clickhouse()) {
                        clickhouse = ClickHouseSide.start(options.clickhouseScript().toAbsolutePath(),
                                work.resolve("clickhouse"), options.duckdbThreads(), log);
                        clickhouse.loadFrom(duck.connection(), log);
                        clickhouseInfo = new ClickHouseInfo(clickhouse.version, clickhouse.events, clickhouse.loadSeconds,
                                clickhouse.exportSeconds, options.duckdbThreads(), clickhouse.unitMs);
                        log.printf("ClickHouse %s loaded %,d events in %.1f s (CSV from DuckDB %.1f s, insert and"
                                + " OPTIMIZE FINAL)%n", clickhouse.version, clickhouse.events, clickhouse.loadSeconds,
                                clickhouse.exportSeconds);
                    }
                    try (java.sql.Statement setup = troupeConnection.createStatement()) {
                        for (String statement : CompareQueries.TROUPE_SETUP) {
                            setup.execute(statement);
                        }
                    }
                    List<QueryResult> results = new ArrayList<>();
                    for (CompareQuery q : CompareQueries.all(filterType, weekStart)) {
                        results.add(runQuery(q, troupeConnection, duck, clickhouse, options, log));
                    }
                    return new Result(options, machine, troupe.events, troupe.commands,
                            troupe.store().dictionaries().users().size(), duck.orgProfiles, troupe.threads(),
                            troupe.loadSeconds,
                            troupe.ingestSeconds, troupe.flushSeconds, duck.loadSeconds, duck.checkpointSeconds,
                            duck.version, duck.threads, duck.storage, filterType, weekStart, results,
                            Machine.currentLoadAverage(), bandwidth, clickhouseInfo,
                            cached == null ? null : data + " (loaded " + cached.date() + ")");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } finally {
                    if (clickhouse != null) {
                        clickhouse.close();
                    }
                }
            }
        } finally {
            if (!options.keep()) {
                Scratch.delete(work);
            }
        }
    }

    /** Times one query in every engine that runs it and compares the answers with DuckDB's. */
    private static QueryResult runQuery(CompareQuery q, Connection troupe, DuckDbSide duck, ClickHouseSide clickhouse,
                                        Options options, PrintStream log) throws SQLException {
        log.printf("%s%n  Troupe: %s%n  DuckDB: %s%n", q.name(),
                q.troupe().runs() ? q.troupeSql() : "not yet (" + q.troupe().notYet() + ")", q.duckdbSql());
        boolean onClickHouse = clickhouse != null && q.clickhouseSql() != null;
        long unit = clickhouse == null ? 1 : clickhouse.unitMs;
        String clickhouseSql = q.clickhouseSql(unit);
        if (onClickHouse) {
            log.printf("  ClickHouse: %s%n", clickhouseSql);
        }
        List<List<Object>>[] troupeRows = answerHolder();
        List<List<Object>>[] duckRows = answerHolder();
        Timing t = q.troupe().runs()
                ? time(troupe, q.troupeSql(), Answers.Engine.TROUPE, options, troupeRows)
                : Timing.notYet(q.troupe().notYet());
        Timing d = time(duck.connection(), q.duckdbSql(), Answers.Engine.DUCKDB, options, duckRows);
        String diff;
        if (t.notYet()) {
            diff = "not compared: Troupe cannot run it yet";
        } else if (t.ok() && d.ok()) {
            diff = Answers.differences(Answers.normalise(q.troupe().answer(troupeRows[0])),
                    Answers.normalise(duckRows[0]), 5);
        } else {
            diff = "not compared: " + (t.ok() ? "DuckDB" : "Troupe") + " failed";
        }
        Timing c = null;
        String clickhouseDiff = "";
        if (onClickHouse) {
            List<List<Object>>[] chRows = answerHolder();
            c = timeCalls(() -> clickhouse.query(clickhouseSql), options, chRows);
            clickhouseDiff = c.ok() && d.ok()
                    ? Answers.differences(Answers.normalise(chRows[0]), Answers.normalise(duckRows[0]), 5)
                            .replace("Troupe", "ClickHouse")
                    : "not compared: " + (c.ok() ? "DuckDB" : "ClickHouse") + " failed";
        }
        long ties = q.tiesSql() == null ? -1 : count(duck.connection(), q.tiesSql(unit));
        long scanRows = count(duck.connection(), q.scan().rowsSql() == null ? "SELECT COUNT(*) FROM events"
                : q.scan().rowsSql());
        QueryResult r = new QueryResult(q, t, d, diff, c, clickhouseDiff, ties, scanRows);
        log.printf("  Troupe %s; DuckDB %s; answers %s%n", describe(t), describe(d),
                r.answersMatch() ? "OK (" + duckRows[0].size() + " rows)" : t.notYet() ? "-" : "MISMATCH: " + diff);
        if (c != null) {
            log.printf("  ClickHouse %s; answers %s%s%n", describe(c),
                    r.clickhouseMatches() ? "OK (" + c.rows() + " rows)" : "DIFFER: " + clickhouseDiff,
                    ties > 0 ? " (" + ties + " units have rows of different steps at equal times)" : "");
        }
        return r;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>>[] answerHolder() {
        return new List[1];
    }

    private static String describe(Timing t) {
        if (t.notYet()) {
            return "not yet";
        }
        return t.ok()
                ? String.format("median %.1f ms (min %.1f, max %.1f; first run with planning %.1f ms)", t.medianMs(),
                        t.minMs(), t.maxMs(), t.firstMs())
                : "FAILED: " + t.error();
    }

    private static String mostCommonType(Connection duck) throws SQLException {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(CompareQueries.DUCKDB_MOST_COMMON_TYPE)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Prepares {@code sql} once, runs it once (the first execution, planning included), {@code warmup} more
     * times, then {@code runs} timed times; {@code answer[0]} gets the last run's rows.
     */
    static Timing time(Connection c, String sql, Answers.Engine engine, Options options, List<List<Object>>[] answer) {
        System.gc();
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return runs(t0, () -> execute(ps, engine), options, answer);
        } catch (Exception e) {
            return failed(e);
        }
    }

    /** One execution of a query, returning its rows. */
    interface Call {
        List<List<Object>> run() throws Exception;
    }

    /** As {@link #time} for an engine reached by calls (ClickHouse over HTTP: each call sends the statement). */
    static Timing timeCalls(Call call, Options options, List<List<Object>>[] answer) {
        System.gc();
        try {
            return runs(System.nanoTime(), call, options, answer);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return failed(e);
        }
    }

    private static Timing runs(long t0, Call call, Options options, List<List<Object>>[] answer) throws Exception {
        answer[0] = call.run();
        double first = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < options.warmup(); i++) {
            answer[0] = call.run();
        }
        double[] ms = new double[options.runs()];
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            answer[0] = call.run();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        return new Timing(first, median, ms[0], ms[ms.length - 1], answer[0].size(), null);
    }

    private static Timing failed(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return Timing.failed(message.lines().findFirst().orElse(message));
    }

    private static List<List<Object>> execute(PreparedStatement ps, Answers.Engine engine) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return Answers.fetch(rs, engine);
        }
    }

    /** What the figures were measured on. */
    public record Machine(int cores, String cpu, String memory, String jvm, long maxHeapBytes, String commit,
                          int uncommittedFiles, String loadAverage, String date) {
        static Machine describe() {
            String cpu = firstLine(Path.of("/proc/cpuinfo"), "model name");
            String mem = firstLine(Path.of("/proc/meminfo"), "MemTotal");
            String memory = "unknown";
            if (mem != null) {
                String[] parts = mem.trim().split("\\s+");
                memory = String.format("%.0f GB", Long.parseLong(parts[0]) / 1024.0 / 1024.0);
            }
            String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
            String commit = git("rev-parse", "--short", "HEAD");
            String status = git("status", "--porcelain", "--", "sql/src/main", "storage/src/main", "common/src/main",
                    "testing/src/main");
            int dirty = status == null || status.isBlank() ? 0 : (int) status.lines().count();
            String load = currentLoadAverage();
            return new Machine(Runtime.getRuntime().availableProcessors(), cpu == null ? "unknown" : cpu.trim(), memory,
                    jvm, Runtime.getRuntime().maxMemory(), commit == null ? "unknown" : commit.trim(), dirty, load,
                    Instant.now().toString().substring(0, 10));
        }

        /** The 1-minute load average, or "unknown". */
        static String currentLoadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }

        String summary() {
            return String.format("%d cores (%s), %s RAM, %s, max heap %.1f GB, commit %s%s, load average %s", cores, cpu,
                    memory, jvm, maxHeapBytes / 1e9, commit,
                    uncommittedFiles > 0 ? " + " + uncommittedFiles + " uncommitted source files" : "", loadAverage);
        }

        private static String firstLine(Path file, String key) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith(key)) {
                        return line.substring(line.indexOf(':') + 1);
                    }
                }
                return null;
            } catch (IOException | UncheckedIOException e) {
                return null;
            }
        }

        private static String git(String... args) {
            List<String> command = new ArrayList<>();
            command.add("git");
            command.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                return p.waitFor() == 0 ? out : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
