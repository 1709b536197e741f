package io.troupe.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.sql.SqlSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A server on free ports for ingest tests, an HTTP client for it, and SQL over what it stored. */
final class IngestTestSupport implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TroupeServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** An HTTP answer: status, headers, body text. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private IngestTestSupport(TroupeServer server) {
        this.server = server;
    }

    /** A server on a fresh data directory, with the given settings (ServerConfig keys) over the defaults. */
    static IngestTestSupport start(Path data, Map<String, String> settings) {
        return start(data, settings, config -> config);
    }

    /** The same, with a last change to the config (a test clock, for example). */
    static IngestTestSupport start(Path data, Map<String, String> settings, UnaryOperator<ServerConfig> change) {
        ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withFreePorts().with(settings);
        return new IngestTestSupport(TroupeServer.start(change.apply(config)));
    }

    static IngestTestSupport start(Path data) {
        return start(data, Map.of());
    }

    Project project() {
        return server.projects().get("default");
    }

    String apiKey() {
        return project().apiKey();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path);
    }

    Answer post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    Answer postJson(String path, String body, String... headers) {
        return post(path, "application/json", body, headers);
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new HashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Rows of a SQL statement on the default project, each as a list of column values. */
    List<List<Object>> rows(String sql, Object... parameters) {
        try (SqlSession session = project().sql().open()) {
            return session.rows(sql, parameters);
        }
    }

    /** Rows as text, each "v1|v2|...", for compact assertions. */
    List<String> text(String sql, Object... parameters) {
        List<String> out = new ArrayList<>();
        for (List<Object> row : rows(sql, parameters)) {
            List<String> cells = new ArrayList<>();
            row.forEach(v -> cells.add(String.valueOf(v)));
            out.add(String.join("|", cells));
        }
        return out;
    }

    long eventCount() {
        return ((Number) rows("SELECT COUNT(*) FROM events").get(0).get(0)).longValue();
    }

    /** A fresh random seed, or {@code -Dtroupe.test.seed}; printed so that a failure can be replayed. */
    static long seed(String test) {
        Long fixed = Long.getLong("troupe.test.seed");
        long seed = fixed != null ? fixed : new SecureRandom().nextLong();
        System.out.println(test + ": seed " + seed + " (replay with -Dtroupe.test.seed=" + seed + ")");
        return seed;
    }

    @Override
    public void close() {
        server.close();
    }
}
