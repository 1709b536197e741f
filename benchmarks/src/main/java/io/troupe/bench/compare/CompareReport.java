package io.troupe.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The markdown section {@link SqlCompare} prints and writes into docs/benchmarks.md. */
public final class CompareReport {
    public static final String BEGIN = "<!-- sql-compare:begin -->";
    public static final String END = "<!-- sql-compare:end -->";

    private CompareReport() {
    }

    /** The section, markers included. */
    public static String markdown(SqlCompare.Result r) {
        SqlCompare.Options o = r.options();
        SqlCompare.Machine m = r.machine();
        StringBuilder sb = new StringBuilder();
        sb.append(BEGIN).append('\n');
        sb.append(r.clickhouse() == null ? "## SQL end to end: Troupe vs DuckDB\n\n"
                : "## SQL end to end: Troupe vs DuckDB (and ClickHouse)\n\n");
        sb.append(String.format("Measured %s at commit `%s`%s with `io.troupe.bench.compare.SqlCompare`:%n", m.date(),
                m.commit(), m.uncommittedFiles() > 0
                        ? " (plus " + m.uncommittedFiles() + " uncommitted file(s) in the engine's modules' `src/main`)" : ""));
        sb.append("```bash\n").append(o.command()).append("\n```\n");
        sb.append(String.format("In one run it loads the same generated events into a Troupe store and into DuckDB%s, "
                + "times the queries below in each and compares their answers (DuckDB's are the reference).%n%n",
                r.clickhouse() == null ? "" : " (and ClickHouse)"));
        sb.append(String.format("- **Data**: %,d events (%,d commands with identifies and group changes) from the seeded "
                + "B2B generator (seed %d, 1,000 orgs, %d days from %s), %,d users, %,d orgs with a profile.%n",
                r.events(), r.commands(), o.seed(), o.days(), o.generator().start().toString().substring(0, 10),
                r.users(), r.orgProfiles()));
        sb.append(String.format("- **Machine**: %d cores (%s), %s RAM; %s, max heap %.1f GB; load average %s at the "
                + "start, %s at the end%s.%n", m.cores(), m.cpu(), m.memory(), m.jvm(),
                m.maxHeapBytes() / (1024.0 * 1024 * 1024), m.loadAverage(), r.endLoadAverage(),
                busy(m.loadAverage(), m.cores()) || busy(r.endLoadAverage(), m.cores())
                        ? " (**other processes competed for the cores**: the times are noisy, see the min–max column)"
                        : ""));
        sb.append(String.format("- **Engines**: Troupe's SQL engine (Calcite planning, Troupe's vectorized scan, "
                + "filter and aggregation; parallelism %d) over a flushed store (queries read segments only); "
                + "DuckDB %s in-process through JDBC, %d threads, %s%s.%n", r.troupeThreads(), r.duckdbVersion(), r.duckdbThreads(),
                r.duckdbStorage(), r.clickhouse() == null ? "" : String.format("; ClickHouse %s (Debian's package), a "
                        + "throwaway server on 127.0.0.1 queried over HTTP (TabSeparated), max_threads %d, MergeTree "
                        + "ordered by time, for the funnels, retention and microscope only", r.clickhouse().version(),
                        r.clickhouse().threads())));
        if (r.cachedData() != null) {
            sb.append(String.format("- **Cached data** (`--cache`): the store and DuckDB file were loaded by an earlier run "
                    + "and reopened from %s; the load figures below are that run's.%n", r.cachedData()));
        }
        sb.append(String.format("- **Loads**: Troupe %.1f s (generation, JSON mapping, %.1f s inside `ingest` in batches "
                + "of %,d events with fsync group commit, final flush %.1f s); DuckDB %.1f s (the rows read back "
                + "through Troupe's SQL and added with the Appender, org profiles, `CHECKPOINT` %.1f s).%n",
                r.troupeLoadSeconds(), r.troupeIngestSeconds(), TroupeSide.BATCH_EVENTS, r.troupeFlushSeconds(),
                r.duckdbLoadSeconds(), r.duckdbCheckpointSeconds()));
        if (r.clickhouse() != null) {
            sb.append(String.format("- **ClickHouse load**: %.1f s for %,d events (CSV written by DuckDB's `COPY` in %.1f s, "
                    + "posted to `INSERT ... FORMAT CSV`, then `OPTIMIZE TABLE events FINAL`). Times are stored as "
                    + "UInt32 units of **%d ms** since the first event: 18.16's `windowFunnel` takes only DateTime "
                    + "(seconds) or UInt32, and computes with Int32, so ms are exact only for data spanning less than "
                    + "2^31 ms (24.8 days; `--days 24`), and rounded down to 10 ms beyond.%n", r.clickhouse().loadSeconds(),
                    r.clickhouse().events(), r.clickhouse().exportSeconds(), r.clickhouse().unitMs()));
        }
        sb.append(String.format("- **Memory bandwidth**: %s; a query's figure below is its scan estimate over its "
                + "median time.%n", r.bandwidth().summary()));
        sb.append(String.format("- **Timing**: each query prepared once per engine, run once (reported as the first run, "
                + "planning included), %d warm-up runs, then the median of %d runs; a run is `executeQuery` of the "
                + "prepared statement plus reading every row with `getObject`. Answers compared as sorted rows "
                + "(times as UTC instants).%n%n", o.warmup(), o.runs()));

        boolean ch = r.clickhouse() != null;
        sb.append("| query | Troupe ms | DuckDB ms | DuckDB/Troupe | answers | Troupe first run (plan + run) ms "
                + "| DuckDB first run ms | min–max ms, Troupe; DuckDB |" + (ch ? " ClickHouse ms (min–max) | ClickHouse answers |" : "")
                + "\n");
        sb.append("|---|---:|---:|---:|---|---:|---:|---:|" + (ch ? "---:|---|" : "") + "\n");
        int met = 0;
        int ran = 0;
        for (SqlCompare.QueryResult q : r.queries()) {
            boolean bothRan = q.troupe().ok() && q.duckdb().ok();
            if (!q.troupe().notYet()) {
                ran++;
            }
            if (bothRan && q.ratio() >= 2 && q.answersMatch()) {
                met++;
            }
            sb.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s; %s |", q.query().name(), ms(q.troupe()),
                    ms(q.duckdb()), bothRan ? String.format("%.2fx", q.ratio()) : "–",
                    q.answersMatch() ? "OK (" + q.duckdb().rows() + " rows)" : q.troupe().notYet() ? "–" : "**MISMATCH**",
                    first(q.troupe()), first(q.duckdb()), range(q.troupe()), range(q.duckdb())));
            if (ch) {
                sb.append(String.format(" %s | %s |", q.clickhouse() == null ? "–"
                        : ms(q.clickhouse()) + (q.clickhouse().ok() ? " (" + range(q.clickhouse()) + ")" : ""),
                        clickhouseAnswers(q)));
            }
            sb.append('\n');
        }
        sb.append(String.format("%nTarget (issue): Troupe at least 2x faster than DuckDB on each query with identical "
                + "answers: **met on %d of the %d rows Troupe runs** (%d not yet).%n", met, ran, r.queries().size() - ran));
        for (SqlCompare.QueryResult q : r.queries()) {
            if (q.troupe().notYet()) {
                sb.append(String.format("%nTroupe does not run *%s* yet: %s.%n", q.query().name(), q.troupe().error()));
            } else if (!q.answersMatch()) {
                sb.append(String.format("%nAnswers differ on *%s*: %s%s%s%n", q.query().name(),
                        q.troupe().ok() ? "" : "Troupe failed: " + q.troupe().error() + ". ",
                        q.duckdb().ok() ? "" : "DuckDB failed: " + q.duckdb().error() + ". ",
                        q.differences().replace("\n", "\n    ")));
            }
        }
        if (ch) {
            for (SqlCompare.QueryResult q : r.queries()) {
                if (q.clickhouse() != null && !q.clickhouseMatches()) {
                    sb.append(String.format("%nClickHouse's answer to *%s* differs from DuckDB's%s: %s%n", q.query().name(),
                            q.tiedUnits() > 0 ? String.format(" (timing only: %,d units have rows of different steps "
                                    + "at the same time (in %d ms units), and 18.16 orders rows with equal times by the "
                                    + "order it reads them, not by step, so it may miss a chain the definition counts)",
                                    q.tiedUnits(), r.clickhouse().unitMs())
                                    : r.clickhouse().unitMs() > 1 ? String.format(" (times rounded to %d ms for "
                                    + "ClickHouse: a chain at a window's edge may change)", r.clickhouse().unitMs()) : "", q.clickhouseDifferences().replace("\n", "\n    ")));
                }
            }
        }
        sb.append(String.format("%nBandwidth: the bytes a scan of the query's columns reads (decoded widths: times 8 B, "
                + "types and ids 4 B, times the rows) over the median time, against the %.1f GB/s the machine reads "
                + "with %d threads. An engine that reads only some of the rows (statistics, a time range, a filter "
                + "before the other columns) can go past 100%%.%n%n", r.bandwidth().allThreadsGBs(), r.bandwidth().threads()));
        sb.append("| query | columns | rows | MB | Troupe GB/s (% of bandwidth) | DuckDB GB/s (%) |"
                + (ch ? " ClickHouse GB/s (%) |" : "") + "\n");
        sb.append("|---|---|---:|---:|---:|---:|" + (ch ? "---:|" : "") + "\n");
        for (SqlCompare.QueryResult q : r.queries()) {
            sb.append(String.format("| %s | %s | %,d | %.0f | %s | %s |", q.query().name(),
                    String.join(", ", q.query().scan().columns()), q.scanRows(), q.scanBytes() / 1e6,
                    rate(q.scanBytes(), q.troupe(), r.bandwidth()), rate(q.scanBytes(), q.duckdb(), r.bandwidth())));
            if (ch) {
                sb.append(String.format(" %s |", q.clickhouse() == null ? "–" : rate(q.scanBytes(), q.clickhouse(),
                        r.bandwidth())));
            }
            sb.append('\n');
        }
        sb.append(String.format("%nFunnels: ClickHouse's `windowFunnel(window)(t, c1, ..., cn)` default mode as the "
                + "definition (per unit, level k when events e1..ek match steps 1..k with t(e1) <= ... <= t(ek) "
                + "and t(ek) - t(e1) <= window; the answer is the units whose level is at least k, per step). "
                + "Retention: per org, start = its first start event; period k (1..%d) holds the org when it has a "
                + "return event in [start + k days, start + (k+1) days); an org counts in period k (retained or not) "
                + "only when start + (k+1) days is at or before the data's last event; period 0 is every starting org. "
                + "Microscope: the org ids whose level in the 3-step org funnel is exactly 2, compared as sorted lists.%n",
                CompareQueries.RETENTION_PERIODS));
        sb.append(String.format("%nThe queries (the filtered count's type is the most frequent one, its week %s to %s):%n%n",
                LocalDateTime.ofInstant(r.weekStart(), ZoneOffset.UTC).toLocalDate(),
                LocalDateTime.ofInstant(r.weekStart().plusSeconds(7 * 86_400L), ZoneOffset.UTC).toLocalDate()));
        sb.append("| query | Troupe SQL | DuckDB SQL |" + (ch ? " ClickHouse SQL |" : "") + "\n|---|---|---|"
                + (ch ? "---|" : "") + "\n");
        for (SqlCompare.QueryResult q : r.queries()) {
            sb.append(String.format("| %s | %s | `%s` |", q.query().name(),
                    q.query().troupe().runs() ? "`" + q.query().troupeSql().replace("|", "\\|") + "`"
                            + (q.query().troupe().funnelSteps() > 0 ? " (units per step = orgs or users with level >= step)" : "")
                            : "not yet",
                    q.query().duckdbSql().replace("|", "\\|")));
            if (ch) {
                sb.append(String.format(" %s |", q.query().clickhouseSql() == null ? "–"
                        : "`" + q.query().clickhouseSql(r.clickhouse().unitMs()).replace("|", "\\|") + "`"));
            }
            sb.append('\n');
        }
        sb.append(END).append('\n');
        return sb.toString();
    }

    private static String clickhouseAnswers(SqlCompare.QueryResult q) {
        if (q.clickhouse() == null) {
            return "–";
        }
        if (q.clickhouseMatches()) {
            return "OK (" + q.clickhouse().rows() + " rows)";
        }
        return q.tiedUnits() > 0 ? "differs, timing only (ties)" : "**DIFFERS**";
    }

    private static String rate(long bytes, SqlCompare.Timing t, MemoryBandwidth.Result bandwidth) {
        if (!t.ok() || !(t.medianMs() > 0)) {
            return "–";
        }
        double gbs = bytes / (t.medianMs() * 1e6);
        return String.format("%.2f (%.0f%%)", gbs, 100 * gbs / bandwidth.allThreadsGBs());
    }

    private static String ms(SqlCompare.Timing t) {
        if (t.notYet()) {
            return "not yet";
        }
        return t.ok() ? String.format("%.1f", t.medianMs()) : "failed: " + t.error().replace("|", "\\|");
    }

    private static String range(SqlCompare.Timing t) {
        return t.ok() ? String.format("%.0f–%.0f", t.minMs(), t.maxMs()) : "–";
    }

    private static boolean busy(String loadAverage, int cores) {
        try {
            return Double.parseDouble(loadAverage) > cores + 0.5;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String first(SqlCompare.Timing t) {
        return t.ok() ? String.format("%.1f", t.firstMs()) : "–";
    }

    /**
     * Replaces the text between the markers (markers included) with {@code section}, or appends it at the end
     * of the file when the markers are not there yet; nothing else in the file changes.
     */
    public static void writeSection(Path file, String section) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            String updated;
            if (begin >= 0 && end > begin) {
                int after = end + END.length();
                if (after < text.length() && text.charAt(after) == '\n') {
                    after++;
                }
                updated = text.substring(0, begin) + section + text.substring(after);
            } else if (begin < 0 && end < 0) {
                updated = text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
            } else {
                throw new IllegalStateException(file + " has only one of the markers " + BEGIN + " and " + END);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, updated, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
