package io.troupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Projects;
import io.troupe.server.security.Secrets;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code bin/troupe project create NAME}: creates a project and prints its API key. With a server running on
 * the data directory the request goes to its admin port (the server opens the project at once); without one
 * the project's folder and key are created directly.
 */
final class ProjectCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectCommand() {
    }

    static int run(String[] args, ServerConfig config, PrintStream out) {
        if (args.length < 2 || !args[0].equals("create")) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "usage: troupe project create NAME [--data DIR]");
        }
        String name = args[1];
        String key;
        try (DataDirectoryLock lock = DataDirectoryLock.tryAcquire(config.dataDirectory())) {
            if (lock != null) {
                key = Projects.createOffline(config.dataDirectory(), Secrets.open(config.dataDirectory()), name);
            } else {
                key = createThroughServer(config, name);
            }
        }
        out.println("Created project " + name + ". Its ingest API key (also in "
                + config.dataDirectory().resolve("secrets").resolve(name + ".api-key") + "):");
        out.println(key);
        return 0;
    }

    /** POST /projects on the running server's admin port, with the admin token of the data directory. */
    private static String createThroughServer(ServerConfig config, String name) {
        String token = Secrets.open(config.dataDirectory()).read("admin.token");
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + config.adminPort() + "/projects"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("name", name).toString()))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "the server refused: " + body.path("error").path("message")
                        .asText(response.body()));
            }
            return body.path("apiKey").asText();
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "a server holds " + config.dataDirectory()
                    + " but its admin port " + config.adminPort() + " did not answer (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TroupeException(ErrorCode.INTERNAL, e, "interrupted");
        }
    }
}
