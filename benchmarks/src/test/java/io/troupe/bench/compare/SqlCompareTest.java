package io.troupe.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.bench.storage.Scratch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole comparison on 20k events, one run of each query: both engines answer every query alike (the
 * funnel, retention and microscope reports and the FUNNEL_LEVEL form included), and the docs section is written between its markers without touching the rest of the file. ClickHouse is
 * not started here.
 */
class SqlCompareTest extends io.troupe.bench.storage.ScratchDirectoryTest {

    @Test
    void smallRunAnswersAlikeAndWritesTheDocsSection() throws Exception {
        SqlCompare.Options options = SqlCompare.Options.parse(new String[] {"--events", "20000", "--runs", "1",
                "--warmup", "0", "--threads", "2", "--duckdb-memory"});
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SqlCompare.Result result = SqlCompare.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(20_000, result.events());
        assertEquals(14, result.queries().size());
        for (SqlCompare.QueryResult q : result.queries()) {
            assertTrue(q.answersMatch(), q.query().name() + ": " + q.troupe().error() + " / " + q.duckdb().error()
                    + " / " + q.differences() + "\n" + log.toString(StandardCharsets.UTF_8));
            assertTrue(q.troupe().rows() > 0, q.query().name());
            assertTrue(q.scanBytes() > 0, q.query().name());
            assertEquals(null, q.clickhouse(), "ClickHouse only with --clickhouse");
        }
        assertTrue(result.allMatch());
        assertTrue(result.bandwidth().allThreadsGBs() > 0);
        SqlCompare.QueryResult funnel = result.queries().get(6);
        assertEquals(CompareQueries.FUNNEL_ORG, funnel.query().name());
        assertEquals(3, funnel.duckdb().rows(), "one row per step");
        SqlCompare.QueryResult dau = result.queries().get(0);
        assertEquals(30, dau.troupe().rows(), "one row per day");
        SqlCompare.QueryResult filtered = result.queries().get(5);
        assertTrue(filtered.troupe().rows() == 1);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "the work folder is deleted");
        }

        Path docs = dir.resolve("benchmarks.md");
        String before = "# Benchmarks\n\nother text\n";
        Files.writeString(docs, before);
        String section = CompareReport.markdown(result);
        CompareReport.writeSection(docs, section);
        String once = Files.readString(docs);
        assertTrue(once.startsWith(before), once);
        assertTrue(once.endsWith(CompareReport.END + "\n"), once);
        assertTrue(once.contains("| daily active users |"), once);
        assertTrue(once.contains("| retention, 7 daily periods, by org |"), once);
        assertTrue(once.contains("| funnel, 3 steps, 7 days, by org, orgs of a behavioral cohort |"), once);
        assertFalse(once.contains("MISMATCH"), once);
        CompareReport.writeSection(docs, section.replace("Troupe vs DuckDB", "Troupe versus DuckDB"));
        String twice = Files.readString(docs);
        assertEquals(once.replace("Troupe vs DuckDB", "Troupe versus DuckDB"), twice, "replaced in place");
    }

    @Test
    void funnelLevelsBecomeUnitsPerStep() {
        CompareQuery.TroupeForm form = CompareQuery.TroupeForm.funnelLevels("SELECT 1", 3);
        assertEquals(List.of(List.of(1L, 9L), List.of(2L, 5L), List.of(3L, 2L)),
                form.answer(List.of(List.of(0, 4L), List.of(3, 2L), List.of(1, 4L), List.of(2, 3L))));
        assertEquals(List.of(List.of(1L, 0L), List.of(2L, 0L), List.of(3L, 0L)), form.answer(List.of()));
    }

    @Test
    void clickhouseDurationsFollowItsTimeUnit() {
        CompareQuery q = CompareQueries.retention();
        assertTrue(q.troupe().runs() && q.troupeSql().contains("RETENTION("), q.troupeSql());
        assertTrue(q.clickhouseSql(1).contains("86400000") && !q.clickhouseSql(1).contains("{ms:"), q.clickhouseSql(1));
        assertTrue(q.clickhouseSql(10).contains("8640000)") && !q.clickhouseSql(10).contains("86400000"));
        assertTrue(CompareQueries.microscope().tiesSql(10).contains("// 10"));
    }

    @Test
    void answersNormaliseTimesAndNumbers() {
        List<String> a = Answers.normalise(List.of(
                List.of(java.time.Instant.parse("2026-01-02T00:00:00Z"), 5L),
                List.of(java.time.Instant.parse("2026-01-01T00:00:00Z"), 3)));
        List<String> b = Answers.normalise(List.of(
                List.of(java.time.LocalDateTime.parse("2026-01-01T00:00:00"), new java.math.BigDecimal("3.00")),
                List.of(java.time.LocalDateTime.parse("2026-01-02T00:00:00"), 5.0)));
        assertEquals(a, b);
        assertEquals("", Answers.differences(a, b, 3));
        assertTrue(Answers.differences(a, List.of(b.get(0)), 3).contains("1 rows only in Troupe"));
    }
}
