package io.troupe.server;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.admin.AdminApi;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.ingest.HttpIngest;
import io.troupe.server.metrics.ServerMetrics;
import io.troupe.server.net.EventLoops;
import io.troupe.server.net.Listener;
import io.troupe.server.project.Projects;
import io.troupe.server.protocol.SqlProtocol;
import io.troupe.server.security.Secrets;
import io.troupe.server.security.SqlUserStatements;
import io.troupe.sql.SqlOptions;
import io.troupe.server.security.UserAccounts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server. {@link #start} prepares the data directory (secrets on first start), binds the admin
 * port first (so liveness answers and readiness says 503 during recovery), opens every project (each store
 * replays its WAL), then binds the SQL and HTTP ingest ports and becomes ready. {@link #close} is the
 * graceful shutdown SIGTERM runs: stop accepting, let in-flight requests finish, flush and close the stores.
 */
public final class TroupeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TroupeServer.class);

    private final ServerContext context;
    private final EventLoops loops;
    private final AtomicReference<Projects> projects;
    private final List<Listener> listeners = new ArrayList<>();
    private DataDirectoryLock lock;
    private Listener sql;
    private Listener http;
    private Listener admin;
    private io.troupe.server.dynamic.DynamicPropertyScheduler dynamic;
    private boolean closed;

    private TroupeServer(ServerContext context, EventLoops loops, AtomicReference<Projects> projects) {
        this.context = context;
        this.loops = loops;
        this.projects = projects;
    }

    /**
     * Starts a server; returns once it is ready.
     *
     * @throws TroupeException {@code DEFAULT_PASSWORD_NOT_CHANGED} when asked to leave loopback with the
     *                         default password, {@code STORAGE_IO} when a port cannot be bound
     */
    public static TroupeServer start(ServerConfig config) {
        try {
            Files.createDirectories(config.dataDirectory());
            Files.createDirectories(config.dataDirectory().resolve("import"));
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, config.dataDirectory() + ": " + e.getMessage());
        }
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDirectory());
        Secrets secrets;
        UserAccounts users;
        try {
            secrets = Secrets.open(config.dataDirectory());
            users = UserAccounts.open(secrets);
            if (!config.bindsLoopbackOnly() && users.defaultPasswordInUse()) {
                throw new TroupeException(ErrorCode.DEFAULT_PASSWORD_NOT_CHANGED, config.bind());
            }
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
        String adminToken = secrets.readOrCreateToken("admin.token");
        AtomicReference<Projects> projects = new AtomicReference<>();
        ServerContext context = new ServerContext(config, new ServerState(), projects::get, users, secrets, adminToken,
                new ServerMetrics(), pool("troupe-query", config.queryThreads()), pool("troupe-ingest", config.ingestThreads()),
                new DefaultChannelGroup("troupe-connections", GlobalEventExecutor.INSTANCE));
        TroupeServer server = new TroupeServer(context, new EventLoops(config.ioThreads()), projects);
        server.lock = lock;
        try {
            server.admin = server.listen("admin", config.adminPort(), AdminApi.pipeline(context));
            long started = System.nanoTime();
            projects.set(Projects.open(config.dataDirectory(), secrets,
                    store -> store.withWalSyncEveryMillis(config.walSyncEveryMillis()).withClock(config.clock()),
                    SqlOptions.defaults().withTimeoutMillis(config.queryTimeoutSeconds() * 1000L)
                            .withUserAdmin(new SqlUserStatements(users)).withClock(config.clock())
                            .withLookupActiveWindowDays(config.lookupActiveWindowDays())));
            LOG.info("Recovered {} project(s) in {} ms", projects.get().all().size(), (System.nanoTime() - started) / 1_000_000);
            server.sql = server.listen("SQL", config.sqlPort(), SqlProtocol.pipeline(context));
            server.http = server.listen("HTTP ingest", config.httpPort(), HttpIngest.pipeline(context));
            server.dynamic = new io.troupe.server.dynamic.DynamicPropertyScheduler(projects::get, context.metrics().registry());
            server.dynamic.start(config.dynamicCheckSeconds());
            context.state().markReady();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private Listener listen(String name, int port, java.util.function.Consumer<io.netty.channel.socket.SocketChannel> pipeline) {
        Listener listener = Listener.bind(name, context.config().bind(), port, loops, context.connections(), pipeline);
        listeners.add(listener);
        LOG.info("{} listening on {}", name, listener.address());
        return listener;
    }

    /** A bounded pool of daemon threads (the process ends on SIGTERM without waiting for them). */
    private static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, new DefaultThreadFactory(name, true));
    }

    public ServerContext context() {
        return context;
    }

    public Projects projects() {
        return context.projects();
    }

    /** The scheduler of dynamic group property refreshes (tests call its {@code tick()} with a moved clock). */
    public io.troupe.server.dynamic.DynamicPropertyScheduler dynamicProperties() {
        return dynamic;
    }

    public InetSocketAddress sqlAddress() {
        return sql.address();
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    public InetSocketAddress adminAddress() {
        return admin.address();
    }

    /**
     * Graceful shutdown: stop accepting connections and requests, wait up to the grace period for the
     * requests in flight, close the connections, then flush and close every store. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        context.state().markShuttingDown();
        for (Listener l : listeners) {
            l.close();
        }
        if (dynamic != null) {
            dynamic.close(); // no new refresh; one under way finishes its batch before the stores close
        }
        long grace = context.config().shutdownGraceSeconds();
        for (ExecutorService pool : List.of(context.ingestPool(), context.queryPool())) {
            pool.shutdown();
        }
        try {
            if (!context.ingestPool().awaitTermination(grace, TimeUnit.SECONDS)
                    || !context.queryPool().awaitTermination(grace, TimeUnit.SECONDS)) {
                LOG.warn("Requests still running after {} s of grace: cancelling them", grace);
                context.queryPool().shutdownNow();
                context.ingestPool().shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ChannelGroup connections = context.connections();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loops.close();
        Projects p = projects.getAndSet(null);
        if (p != null) {
            p.close();
        }
        context.metrics().close();
        lock.close();
        LOG.info("Troupe stopped");
    }
}
