package io.troupe.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ClickHouse's side (only with {@code --clickhouse}): a throwaway server started by
 * {@code benchmarks/clickhouse/start-clickhouse.sh} with its own config and data under the run's work folder,
 * on 127.0.0.1 and two free ports, stopped (by its process) when closed; the same events copied from DuckDB
 * (a CSV written by DuckDB's {@code COPY}, posted to the HTTP port), queried over HTTP.
 *
 * <p>Table {@code events(t UInt32, event_type String, user_id Nullable(String), org_id Nullable(String))},
 * MergeTree ordered by {@code t}. {@code t} is the event time since the data's first event in units of
 * {@link #unitMs} ms, the finest of 1, 10, 100 and 1000 ms that keeps the span below 2^31: ClickHouse 18.16's
 * {@code windowFunnel} takes only {@code DateTime} (seconds) or {@code UInt32} timestamps, and keeps them in
 * an {@code Int32} while it computes the level (a time past 2^31 turns negative and breaks the chain: found
 * with ms over 30 days). So ms are exact for data spanning up to 24.8 days; longer spans are rounded down to
 * 10 ms (up to 248 days), and answers may then differ at a window's edge.
 */
final class ClickHouseSide implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process server;
    private final HttpClient http;
    private final URI uri;
    final Path dir;
    String version;
    long events;
    /** ClickHouse's time unit in ms (1 when the data spans less than 2^31 ms). */
    long unitMs = 1;
    /** Export from DuckDB to CSV, the insert, and OPTIMIZE FINAL. */
    double loadSeconds;
    double exportSeconds;

    private ClickHouseSide(Process server, URI uri, Path dir) {
        this.server = server;
        this.uri = uri;
        this.dir = dir;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts a server in {@code dir} with {@code script}, waits until it answers, creates the table. */
    static ClickHouseSide start(Path script, Path dir, int threads, PrintStream log) {
        try {
            Files.createDirectories(dir);
            int httpPort = freePort();
            int tcpPort = freePort();
            Process p = new ProcessBuilder(script.toString(), dir.toString(), Integer.toString(httpPort),
                    Integer.toString(tcpPort), Integer.toString(threads))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
            ClickHouseSide side = new ClickHouseSide(p, URI.create("http://127.0.0.1:" + httpPort + "/"), dir);
            try {
                long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                while (true) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("ClickHouse exited with status " + p.exitValue() + ": "
                                + Files.readString(dir.resolve("server.out")));
                    }
                    try {
                        side.version = side.query("SELECT version()").get(0).get(0).toString();
                        break;
                    } catch (IOException | RuntimeException e) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("ClickHouse did not answer within " + START_TIMEOUT
                                    + ": " + Files.readString(dir.resolve("server.out")), e);
                        }
                        Thread.sleep(250);
                    }
                }
                log.printf("  ClickHouse %s started (pid %d, HTTP port %d, %s)%n", side.version, p.pid(), httpPort, dir);
                side.execute("CREATE TABLE events (t UInt32, event_type String, user_id Nullable(String),"
                        + " org_id Nullable(String)) ENGINE = MergeTree() ORDER BY t");
                return side;
            } catch (IOException | RuntimeException | InterruptedException e) {
                side.close();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw e instanceof RuntimeException r ? r : new IllegalStateException("starting ClickHouse", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("starting ClickHouse with " + script, e);
        }
    }

    /** Copies DuckDB's events: times as ms since the first event; fails when they do not fit in a UInt32. */
    void loadFrom(Connection duck, PrintStream log) throws SQLException, IOException, InterruptedException {
        long started = System.nanoTime();
        long base;
        long span;
        try (Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("SELECT MIN(epoch_ms(event_time)), MAX(epoch_ms(event_time)) FROM events")) {
            rs.next();
            base = rs.getLong(1);
            span = rs.getLong(2) - base;
        }
        unitMs = 1;
        while (span / unitMs > Integer.MAX_VALUE) {
            unitMs *= 10;
            if (unitMs > 1000) {
                throw new IllegalStateException("the events span " + span + " ms: more than 2^31 s, which ClickHouse"
                        + " 18.16's windowFunnel cannot take");
            }
        }
        if (unitMs > 1) {
            log.printf("  ClickHouse: the events span %,d ms, past 2^31: times stored in units of %d ms%n", span, unitMs);
        }
        Path csv = dir.resolve("events.csv");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT (epoch_ms(event_time) - " + base + ") // " + unitMs
                    + " AS t, event_type, user_id, org_id FROM events)"
                    + " TO '" + csv.toString().replace("'", "''") + "' (FORMAT CSV, HEADER false, NULLSTR '\\N')");
        }
        exportSeconds = (System.nanoTime() - started) / 1e9;
        HttpRequest insert = HttpRequest.newBuilder(uri.resolve("?query="
                        + URLEncoder.encode("INSERT INTO events FORMAT CSV", StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build();
        HttpResponse<String> r = http.send(insert, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse insert failed: " + r.body());
        }
        Files.delete(csv);
        execute("OPTIMIZE TABLE events FINAL");
        events = Long.parseLong(query("SELECT count() FROM events").get(0).get(0).toString());
        loadSeconds = (System.nanoTime() - started) / 1e9;
    }

    /** Runs {@code sql}, returns its rows (values as strings, {@code \N} as null). */
    List<List<Object>> query(String sql) throws IOException, InterruptedException {
        String body = send(sql + " FORMAT TabSeparated");
        List<List<Object>> rows = new ArrayList<>();
        for (String line : body.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            List<Object> row = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                row.add(field.equals("\\N") ? null : unescape(field));
            }
            rows.add(row);
        }
        return rows;
    }

    void execute(String sql) throws IOException, InterruptedException {
        send(sql);
    }

    private String send(String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse: " + r.body().lines().findFirst().orElse("HTTP " + r.statusCode()));
        }
        return r.body();
    }

    /** TabSeparated escapes: backslash sequences. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char n = field.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the server (its process: the script execs it), waits for it to exit. */
    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }
}
