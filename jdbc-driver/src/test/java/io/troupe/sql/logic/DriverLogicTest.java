package io.troupe.sql.logic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.security.UserAccounts;
import io.troupe.storage.EventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL logic test files of the sql module ({@code sql/src/test/resources/sqllogic}, docs/sql-testing.md) run
 * again through a real server and this JDBC driver: each file in a project of its own on one server, its data
 * ingested into that project's store, its statements sent over the native protocol and its rows read with JDBC
 * getters. Configurations: {@code tail} by default; {@code -Dsqllogic.jdbc.configs=tail,segments} adds others
 * ({@code restart} in a file restarts the whole server, replaying the WAL). {@code -Dsqllogic.filter} as in
 * {@code SqlLogicTest}.
 */
class DriverLogicTest {
    private static final AtomicInteger PROJECTS = new AtomicInteger();
    /**
     * Files that fail through the protocol for a known server bug, and why. They still run: a file that passes
     * fails the test, to have its line removed here.
     */
    private static final Map<String, String> KNOWN_SERVER_BUGS = Map.of();

    /** The server's clock: the system's, until a file's clock record sets it (files run one at a time). */
    private static final io.troupe.testing.MutableClock CLOCK = io.troupe.testing.MutableClock.system();

    @TempDir
    static Path dir;
    static TroupeServer server;

    @BeforeAll
    static void start() {
        server = startServer();
    }

    private static TroupeServer startServer() {
        return TroupeServer.start(ServerConfig.defaults().withDataDirectory(dir).withFreePorts().withClock(CLOCK));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path root() {
        String folder = System.getProperty("troupe.sqllogic.dir");
        if (folder == null) {
            throw new IllegalStateException("-Dtroupe.sqllogic.dir names the sqllogic folder (the pom sets it)");
        }
        return Path.of(folder);
    }

    @TestFactory
    Stream<DynamicNode> sqlLogicFilesThroughTheDriver() {
        Path root = root();
        List<String> parts = List.of(System.getProperty("sqllogic.filter", "").split(","));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.toString().endsWith(".test"))
                    .filter(f -> parts.stream().anyMatch(p -> root.relativize(f).toString().contains(p.strip()))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(files.isEmpty(), "no .test file under " + root + " matches " + parts);
        List<LogicConfig> configs = new ArrayList<>();
        for (String label : System.getProperty("sqllogic.jdbc.configs", "tail").split(",")) {
            configs.add(LogicConfig.ALL.stream().filter(c -> c.label().equals(label.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no configuration " + label)));
        }
        List<DynamicNode> tests = new ArrayList<>();
        for (Path f : files) {
            String name = "sqllogic/" + root.relativize(f).toString().replace('\\', '/');
            for (LogicConfig config : configs) {
                tests.add(DynamicTest.dynamicTest(name + " [" + config + "]", f.toUri(), () -> run(name, f, config)));
            }
        }
        return tests.stream();
    }

    private static void run(String name, Path file, LogicConfig config) throws IOException, SQLException {
        List<LogicRecord> records = LogicFileParser.parse(name, Files.readAllLines(file, StandardCharsets.UTF_8));
        String project = "logic-" + PROJECTS.incrementAndGet();
        CLOCK.followSystem();
        server.projects().create(project);
        List<String> failures = new DriverLogicRun(name, records, config, new DriverLogicRun.Server() {
            @Override
            public String project() {
                return project;
            }

            @Override
            public Path importFolder() {
                return dir.resolve("import").resolve(project);
            }

            @Override
            public EventStore store() {
                return server.projects().get(project).store();
            }

            @Override
            public Connection connect() throws SQLException {
                var a = server.sqlAddress();
                return DriverManager.getConnection("jdbc:troupe://" + a.getHostString() + ":" + a.getPort() + "/" + project,
                        UserAccounts.DEFAULT_USER, UserAccounts.DEFAULT_PASSWORD);
            }

            @Override
            public void restart() {
                server.close();
                server = startServer();
            }

            @Override
            public void setClock(long millis) {
                CLOCK.set(java.time.Instant.ofEpochMilli(millis));
            }
        }).run();
        String bug = KNOWN_SERVER_BUGS.get(name);
        if (bug != null) {
            if (failures.isEmpty()) {
                fail(name + " passes now: remove it from KNOWN_SERVER_BUGS (" + bug + ")");
            }
            Assumptions.abort("known server bug, " + failures.size() + " failure(s): " + bug);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failure(s) in " + name + " [" + config + ", jdbc]:\n" + String.join("\n", failures));
        }
    }
}
