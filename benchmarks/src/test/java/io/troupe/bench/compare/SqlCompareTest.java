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
 * The whole comparison on 20k events, one run of each query: both engines answer every query alike, and the
 * docs section is written between its markers without touching the rest of the file.
 */
class SqlCompareTest extends io.troupe.bench.storage.ScratchDirectoryTest {

    @Test
    void smallRunAnswersAlikeAndWritesTheDocsSection() throws Exception {
        SqlCompare.Options options = SqlCompare.Options.parse(new String[] {"--events", "20000", "--runs", "1",
                "--warmup", "0", "--threads", "2", "--duckdb-memory"});
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SqlCompare.Result result = SqlCompare.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(20_000, result.events());
        assertEquals(6, result.queries().size());
        for (SqlCompare.QueryResult q : result.queries()) {
            assertTrue(q.answersMatch(), q.query().name() + ": " + q.troupe().error() + " / " + q.duckdb().error()
                    + " / " + q.differences() + "\n" + log.toString(StandardCharsets.UTF_8));
            assertTrue(q.troupe().rows() > 0, q.query().name());
        }
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
        assertFalse(once.contains("MISMATCH"), once);
        CompareReport.writeSection(docs, section.replace("Troupe vs DuckDB", "Troupe versus DuckDB"));
        String twice = Files.readString(docs);
        assertEquals(once.replace("Troupe vs DuckDB", "Troupe versus DuckDB"), twice, "replaced in place");
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
