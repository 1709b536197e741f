package io.troupe.server;

import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.server.project.Projects;
import io.troupe.server.security.UserAccounts;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/troupe server} and {@code bin/troupe demo}: run the server in the foreground until SIGTERM (or
 * Ctrl-C), which shuts it down gracefully. The demo first loads a generated B2B sample into the default
 * project when it is empty and prints group-level reports.
 */
final class ServerCommand {
    private ServerCommand() {
    }

    /**
     * Starts the server, prints how to reach it, optionally runs the demo, then serves until the process is
     * asked to stop.
     *
     * @param demoEvents events of the demo sample, or 0 for a plain server
     */
    static void serve(ServerConfig config, long demoEvents, PrintStream out) {
        boolean firstStart = !Files.exists(config.dataDirectory().resolve("secrets").resolve("users.json"));
        TroupeServer server = TroupeServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "troupe-shutdown"));
        if (demoEvents > 0) {
            Project project = server.projects().get(Projects.DEFAULT_PROJECT);
            Demo.run(project.store(), demoEvents, out);
        }
        printConnections(server, firstStart, out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void printConnections(TroupeServer server, boolean firstStart, PrintStream out) {
        ServerConfig config = server.context().config();
        Path data = config.dataDirectory().toAbsolutePath().normalize();
        Path secrets = server.context().secrets().folder().toAbsolutePath().normalize();
        out.println();
        out.printf("Troupe is serving the data directory %s%s%n", data, firstStart ? " (created on this first start)" : "");
        String host = host(server.sqlAddress().getHostString());
        out.printf("  SQL (JDBC)   jdbc:troupe://%s:%d/%s  (user %s%s)%n", host, server.sqlAddress().getPort(),
                Projects.DEFAULT_PROJECT, UserAccounts.DEFAULT_USER, server.context().users().defaultPasswordInUse()
                        ? ", password " + UserAccounts.DEFAULT_PASSWORD + ": change it with ALTER USER troupe PASSWORD '...'" : "");
        out.printf("  HTTP ingest  http://%s:%d/2/httpapi  (API key of each project in %s/<project>.api-key)%n", host,
                server.httpAddress().getPort(), secrets);
        out.printf("  Admin        http://%s:%d/health/readiness  (token in %s/admin.token)%n", host,
                server.adminAddress().getPort(), secrets);
        out.println("Projects: " + String.join(", ", server.projects().all().stream().map(Project::name).toList())
                + ". Stop with Ctrl-C or SIGTERM (flushes and closes cleanly).");
    }

    private static String host(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
