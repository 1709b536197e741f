package io.troupe.sql.logic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every SQL logic test file, {@code src/test/resources/sqllogic/<feature>/*.test}, under every
 * {@link LogicConfig}: rows in the in-memory tail ({@code tail}), flushed to segments ({@code segments}),
 * replayed from the write-ahead log after a restart ({@code restart}), and flushed with two rows per Arrow
 * batch ({@code tiny_batches}). The expected answers are the same in every configuration. Each file gets a
 * fresh project; after each statement the store's Arrow allocator must be back where it was. The runs go in
 * parallel ({@code -Dsqllogic.threads}, default one per processor); {@code -Dsqllogic.filter=time/,joins} runs only
 * the files whose path contains one of the texts, {@code -Dsqllogic.timing=true} prints the time of each statement.
 * docs/sql-testing.md has the same description with examples.
 *
 * <h2>File format (in the spirit of DuckDB's sqllogictest)</h2>
 * Records are separated by blank lines; a line starting with {@code #} between records is a comment.
 * <pre>
 * events                                       -- Amplitude-style events, one JSON object a line, to a blank line
 * {"event_type": "Open", "user_id": "u1", "time": "2026-01-05 10:00:00", "groups": {"org_id": "acme"},
 *  "event_properties": {"amount": 12.5}, "user_properties": {"plan": "pro"}, "insert_id": "e1"}
 *
 * identify                                     -- user identifies: user-level groups, user properties
 * {"user_id": "u1", "time": "2026-01-05 09:00:00", "groups": {"org_id": "acme"}, "user_properties": {"$set": {"role": "admin"}}}
 *
 * group_identify                               -- group property changes ($set unless operations are given)
 * {"group_type": "org_id", "group_value": "acme", "time": "2026-01-01", "properties": {"plan": "pro"}}
 *
 * query ITR rowsort                            -- one letter per column, then nosort (default), rowsort or contains
 * SELECT ...
 * ----
 * 1[TAB]acme[TAB]1.500                      -- expected rows, columns separated by one tab
 *
 * statement error UNKNOWN_COLUMN at 1:8        -- code symbol or number, optional line:column
 * SELECT nope FROM events
 * ----
 * nope                                         -- optional: a substring of the message
 *
 * statement ok
 * SELECT ...
 *
 * events repeat 1000                           -- each line 1000 times, ${...} = integer arithmetic over i
 * {"event_type": "T${i % 3}", "user_id": "u${i % 700}", "time": ${1767571200000 + i * 60000}}
 *
 * flush                                        -- in every configuration: the tail to segments,
 * restart                                      -- or reopen the store (WAL replay)
 *
 * skipif tail                                  -- before a record: skip it in a configuration,
 * onlyif segments                              -- or run it only there
 * skipif troupe-bug what is wrong              -- a known engine bug: skipped (and probed) everywhere, reason printed
 * mode skip / mode unskip                      -- skip the statements and queries in between
 * </pre>
 * Data blocks are ingested in file order, each as one batch (an identify affects the user's later events
 * only); before the next statement the configuration's mode is applied. Times are ms since the epoch or
 * ISO-8601 UTC text. Values render as {@link ResultFormat} says: {@code NULL}, {@code (empty)},
 * {@code true}/{@code false}, reals with three decimals ({@code 1.500}), timestamps as
 * {@code 2026-01-05 10:00:00} (with {@code .250} only when there are milliseconds). The column letters
 * {@code T I R B D} (text, integer, real, boolean, timestamp) are checked against the result's column types.
 * {@code contains} checks that each expected line occurs in the result text (a line starting with
 * {@code !} must not occur), for plans.
 */
class SqlLogicTest {
    static final String ROOT = "sqllogic";

    /**
     * One container per file, one test per configuration. The runs start at once on a pool of
     * {@code -Dsqllogic.threads} threads (default: one per processor), each in its own project; a test waits
     * for its run and reports it.
     */
    @TestFactory
    Stream<DynamicNode> sqlLogicTests() {
        Path root = root();
        String filter = System.getProperty("sqllogic.filter", "");
        List<String> parts = List.of(filter.split(","));
        List<Path> files = files(root).stream()
                .filter(f -> parts.stream().anyMatch(part -> name(root, f).contains(part.strip())))
                .toList();
        assertFalse(files.isEmpty(), "no .test file under " + root + " matches '" + filter + "'");
        int threads = Integer.getInteger("sqllogic.threads", Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "sqllogic");
            t.setDaemon(true);
            return t;
        });
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path f : files) {
            List<DynamicTest> tests = new ArrayList<>();
            for (LogicConfig c : LogicConfig.ALL) {
                Future<List<String>> run = pool.submit(() -> run(root, f, c));
                tests.add(DynamicTest.dynamicTest(c.label(), f.toUri(), () -> report(f, c, run)));
            }
            nodes.add(DynamicContainer.dynamicContainer(name(root, f), f.toUri(), tests.stream()));
        }
        pool.shutdown();
        return nodes.stream();
    }

    private static void report(Path file, LogicConfig config, Future<List<String>> run) throws Throwable {
        List<String> failures;
        try {
            failures = run.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failure(s) in " + file.getFileName() + " [" + config + "]:\n" + String.join("\n", failures));
        }
    }

    private static List<String> run(Path root, Path file, LogicConfig config) throws IOException {
        String name = ROOT + "/" + name(root, file);
        List<LogicRecord> records = LogicFileParser.parse(name, Files.readAllLines(file, StandardCharsets.UTF_8));
        Path dir = Files.createTempDirectory("sqllogic-");
        try {
            return new LogicFileRun(name, records, config, dir.resolve("project")).run();
        } finally {
            deleteTree(dir);
        }
    }

    private static Path root() {
        URL url = SqlLogicTest.class.getClassLoader().getResource(ROOT);
        if (url == null) {
            throw new IllegalStateException("no " + ROOT + " folder on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
