package io.troupe.server.ingest;

import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import java.nio.file.Path;

/**
 * The child process of {@link HttpCrashTest}: a server on free ports over the data directory given as the first
 * argument. Prints {@code READY <http port> <api key>} once it serves, then runs until it is killed.
 */
public final class CrashServerMain {
    private CrashServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerConfig config = ServerConfig.defaults().withDataDirectory(Path.of(args[0])).withFreePorts();
        TroupeServer server = TroupeServer.start(config);
        System.out.println("READY " + server.httpAddress().getPort() + " " + server.projects().get("default").apiKey());
        System.out.flush();
        Thread.currentThread().join(); // until SIGKILL
    }
}
