package io.troupe.server;

import io.netty.channel.group.ChannelGroup;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.metrics.ServerMetrics;
import io.troupe.server.project.Projects;
import io.troupe.server.security.Secrets;
import io.troupe.server.security.UserAccounts;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * What the listeners share: settings, projects, credentials, metrics, the worker pools and the server's
 * state. Handlers run blocking work (queries on {@link #queryPool()}, ingest on {@link #ingestPool()}),
 * never on Netty's I/O threads.
 *
 * @param projects    null until recovery finishes (check {@link ServerState#ready()} first)
 * @param adminToken  the admin port's bearer token
 * @param connections every accepted connection, closed at shutdown
 */
public record ServerContext(ServerConfig config, ServerState state, Supplier<Projects> projectsSupplier,
                            UserAccounts users, Secrets secrets, String adminToken, ServerMetrics metrics,
                            ExecutorService queryPool, ExecutorService ingestPool, ChannelGroup connections) {
    /** The open projects. @throws io.troupe.common.TroupeException {@code SERVER_NOT_READY} during recovery */
    public Projects projects() {
        Projects p = projectsSupplier.get();
        if (p == null) {
            throw new io.troupe.common.TroupeException(io.troupe.common.ErrorCode.SERVER_NOT_READY);
        }
        return p;
    }

    /** {@code <data>/import}: the only folder files are imported from (cohort files, uploads). */
    public Path importFolder() {
        return config.dataDirectory().resolve("import");
    }
}
