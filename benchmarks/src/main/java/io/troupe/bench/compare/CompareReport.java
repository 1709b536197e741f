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
        sb.append("## SQL end to end: Troupe vs DuckDB\n\n");
        sb.append(String.format("Measured %s at commit `%s`%s with `io.troupe.bench.compare.SqlCompare`:%n", m.date(),
                m.commit(), m.uncommittedFiles() > 0
                        ? " (plus " + m.uncommittedFiles() + " uncommitted file(s) in the engine's modules' `src/main`)" : ""));
        sb.append("```bash\n").append(o.command()).append("\n```\n");
        sb.append(String.format("In one run it loads the same generated events into a Troupe store and into DuckDB, "
                + "times the queries below in both and compares their answers.%n%n"));
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
                + "DuckDB %s in-process through JDBC, %d threads, %s.%n", r.troupeThreads(), r.duckdbVersion(), r.duckdbThreads(),
                r.duckdbStorage()));
        sb.append(String.format("- **Loads**: Troupe %.1f s (generation, JSON mapping, %.1f s inside `ingest` in batches "
                + "of %,d events with fsync group commit, final flush %.1f s); DuckDB %.1f s (the rows read back "
                + "through Troupe's SQL and added with the Appender, org profiles, `CHECKPOINT` %.1f s).%n",
                r.troupeLoadSeconds(), r.troupeIngestSeconds(), TroupeSide.BATCH_EVENTS, r.troupeFlushSeconds(),
                r.duckdbLoadSeconds(), r.duckdbCheckpointSeconds()));
        sb.append(String.format("- **Timing**: each query prepared once per engine, run once (reported as the first run, "
                + "planning included), %d warm-up runs, then the median of %d runs; a run is `executeQuery` of the "
                + "prepared statement plus reading every row with `getObject`. Answers compared as sorted rows "
                + "(times as UTC instants).%n%n", o.warmup(), o.runs()));

        sb.append("| query | Troupe ms | DuckDB ms | DuckDB/Troupe | answers | Troupe first run (plan + run) ms "
                + "| DuckDB first run ms | min–max ms, Troupe; DuckDB |\n");
        sb.append("|---|---:|---:|---:|---|---:|---:|---:|\n");
        int met = 0;
        for (SqlCompare.QueryResult q : r.queries()) {
            boolean bothRan = q.troupe().ok() && q.duckdb().ok();
            if (bothRan && q.ratio() >= 2 && q.answersMatch()) {
                met++;
            }
            sb.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s; %s |%n", q.query().name(), ms(q.troupe()),
                    ms(q.duckdb()), bothRan ? String.format("%.2fx", q.ratio()) : "–",
                    q.answersMatch() ? "OK (" + q.troupe().rows() + " rows)" : "**MISMATCH**",
                    first(q.troupe()), first(q.duckdb()), range(q.troupe()), range(q.duckdb())));
        }
        sb.append(String.format("%nTarget (issue): Troupe at least 2x faster than DuckDB on each query with identical "
                + "answers: **met on %d of %d rows**.%n", met, r.queries().size()));
        for (SqlCompare.QueryResult q : r.queries()) {
            if (!q.answersMatch()) {
                sb.append(String.format("%nAnswers differ on *%s*: %s%s%s%n", q.query().name(),
                        q.troupe().ok() ? "" : "Troupe failed: " + q.troupe().error() + ". ",
                        q.duckdb().ok() ? "" : "DuckDB failed: " + q.duckdb().error() + ". ",
                        q.differences().replace("\n", "\n    ")));
            }
        }
        sb.append(String.format("%nThe queries (the filtered count's type is the most frequent one, its week %s to %s):%n%n",
                LocalDateTime.ofInstant(r.weekStart(), ZoneOffset.UTC).toLocalDate(),
                LocalDateTime.ofInstant(r.weekStart().plusSeconds(7 * 86_400L), ZoneOffset.UTC).toLocalDate()));
        sb.append("| query | Troupe SQL | DuckDB SQL |\n|---|---|---|\n");
        for (SqlCompare.QueryResult q : r.queries()) {
            sb.append(String.format("| %s | `%s` | `%s` |%n", q.query().name(), q.query().troupeSql().replace("|", "\\|"),
                    q.query().duckdbSql().replace("|", "\\|")));
        }
        sb.append(END).append('\n');
        return sb.toString();
    }

    private static String ms(SqlCompare.Timing t) {
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
