package io.troupe.server.protocol;

import io.netty.channel.Channel;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.server.project.Projects;
import io.troupe.server.security.UserAccounts;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running server with a small known data set for the protocol tests: {@value #EVENTS} events of types
 * a/b/c, 50 users, 7 orgs, one a minute from 2024-01-01 00:00 UTC. {@code events x events} gives a
 * 2.25M-row result, {@code events x events x events} one that runs for hours (until cancelled).
 */
final class ProtocolServer implements AutoCloseable {
    static final int EVENTS = 1500;
    static final long START = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    /** Streams rows for hours: for cancels, slow readers and disconnects. */
    static final String ENDLESS = "SELECT a.user_id, b.event_type, c.event_time FROM events a, events b, events c";
    /** Computes for hours before its one row. */
    static final String ENDLESS_COUNT = "SELECT COUNT(*) FROM events a, events b, events c";

    final TroupeServer server;
    final Project project;

    ProtocolServer(Path dir) {
        server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(dir).withFreePorts());
        project = server.projects().get(Projects.DEFAULT_PROJECT);
        List<Command> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String type = switch (i % 3) {
                case 0 -> "a";
                case 1 -> "b";
                default -> "c";
            };
            events.add(new Event(START + i * 60_000L, type, "user-" + (i % 50), null, null,
                    Map.of("org_id", List.of("org-" + (i % 7))), null, null));
        }
        project.store().ingest(events);
    }

    InetSocketAddress address() {
        return server.sqlAddress();
    }

    TestClient client() {
        return TestClient.open(address(), UserAccounts.DEFAULT_USER, UserAccounts.DEFAULT_PASSWORD, Projects.DEFAULT_PROJECT);
    }

    /** The server's side of a client's connection. */
    Channel serverChannel(Socket client) {
        for (Channel ch : server.context().connections()) {
            if (client.getLocalSocketAddress().equals(ch.remoteAddress())) {
                return ch;
            }
        }
        throw new AssertionError("no server channel for " + client.getLocalSocketAddress());
    }

    /** Bytes the server holds for a connection that its socket has not taken yet. */
    static long pendingOutbound(Channel ch) {
        var buffer = ch.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** The count of queries that ended with this outcome (the protocol's latency histogram). */
    long queries(String outcome) {
        var timer = server.context().metrics().registry().find("troupe.sql.queries").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    /** Bytes of result frames sent so far. */
    double resultBytes() {
        var counter = server.context().metrics().registry().find("troupe.sql.result.bytes").counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        server.close();
    }
}
