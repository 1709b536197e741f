package io.troupe.server.admin;

import io.micrometer.core.instrument.Timer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.ServerContext;
import io.troupe.server.security.Secrets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The admin port: health, metrics, maintenance, snapshots, projects and cohort uploads over HTTP/1.1
 * (docs/operations.md). Every endpoint but the two health checks needs {@code Authorization: Bearer <token>}
 * with the token of {@code secrets/admin.token}. The port is bound before recovery: health and metrics answer
 * then, the rest says 503 {@code SERVER_NOT_READY}. Blocking work runs on the server's query pool, which
 * graceful shutdown drains, so a snapshot or compaction in flight finishes before the stores close.
 */
public final class AdminApi {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerContext context;
    private final AdminLimits limits;
    private final AdminRoutes routes;
    private final StorageGauges gauges;

    AdminApi(ServerContext context, AdminLimits limits) {
        this.context = context;
        this.limits = limits;
        this.gauges = new StorageGauges(context);
        ProjectEndpoints projects = new ProjectEndpoints(context);
        MaintenanceEndpoints maintenance = new MaintenanceEndpoints(context);
        Snapshots snapshots = new Snapshots(context);
        ImportFiles imports = new ImportFiles(context, limits.maxUploadBytes());
        DynamicPropertyEndpoints dynamic = new DynamicPropertyEndpoints(context);
        this.routes = new AdminRoutes()
                .add(HttpMethod.GET, "/health/liveness", AdminRoutes.Access.PUBLIC, r -> AdminResponse.ok(Map.of("status", "alive")))
                .add(HttpMethod.GET, "/health/readiness", AdminRoutes.Access.PUBLIC, r -> readiness())
                .add(HttpMethod.GET, "/metrics", AdminRoutes.Access.INLINE, r -> metrics())
                .add(HttpMethod.GET, "/projects", AdminRoutes.Access.BLOCKING, projects::list)
                .add(HttpMethod.POST, "/projects", AdminRoutes.Access.BLOCKING, projects::create)
                .add(HttpMethod.POST, "/projects/{project}/api-key/rotate", AdminRoutes.Access.BLOCKING, projects::rotateKey)
                .add(HttpMethod.POST, "/projects/{project}/flush", AdminRoutes.Access.BLOCKING, maintenance::flush)
                .add(HttpMethod.POST, "/projects/{project}/compact", AdminRoutes.Access.BLOCKING, maintenance::compact)
                .add(HttpMethod.POST, "/projects/{project}/snapshot", AdminRoutes.Access.BLOCKING, snapshots::create)
                .add(HttpMethod.GET, "/snapshots", AdminRoutes.Access.BLOCKING, snapshots::list)
                .add(HttpMethod.POST, "/projects/{project}/dynamic-properties/refresh", AdminRoutes.Access.BLOCKING,
                        dynamic::refresh)
                .add(HttpMethod.GET, "/projects/{project}/import", AdminRoutes.Access.BLOCKING, imports::list)
                .upload(HttpMethod.PUT, "/projects/{project}/import/{file}", imports::begin);
    }

    /** The pipeline of an accepted admin connection, with the default limits. */
    public static Consumer<SocketChannel> pipeline(ServerContext context) {
        return pipeline(context, AdminLimits.DEFAULTS);
    }

    /** The pipeline of an accepted admin connection. */
    public static Consumer<SocketChannel> pipeline(ServerContext context, AdminLimits limits) {
        AdminApi api = new AdminApi(context, limits);
        HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxInitialLineLength(4096).setMaxHeaderSize(8192)
                .setMaxChunkSize(64 * 1024);
        return ch -> ch.pipeline()
                .addLast(new IdleStateHandler(0, 0, limits.idleSeconds(), TimeUnit.SECONDS))
                .addLast(new HttpServerCodec(decoder))
                .addLast(new AdminHandler(api));
    }

    ServerContext context() {
        return context;
    }

    AdminLimits limits() {
        return limits;
    }

    AdminRoutes routes() {
        return routes;
    }

    /** Where blocking endpoints and upload writes run. */
    ExecutorService workers() {
        return context.queryPool();
    }

    /** True when the request carries the admin token (compared in constant time). */
    boolean authorized(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return Secrets.matches(context.adminToken(), value.substring(7).strip());
    }

    /** The error for a request that needs the server ready when it is not. */
    TroupeException notAccepting() {
        return new TroupeException(context.state().shuttingDown() ? ErrorCode.SERVER_SHUTTING_DOWN : ErrorCode.SERVER_NOT_READY);
    }

    private AdminResponse readiness() {
        if (context.state().ready()) {
            return AdminResponse.ok(Map.of("status", "ready"));
        }
        return AdminResponse.error(notAccepting());
    }

    private AdminResponse metrics() {
        gauges.registerProjects();
        return AdminResponse.text(HttpResponseStatus.OK, PROMETHEUS_TEXT, context.metrics().scrape());
    }

    /** Records one admin request's latency: {@code troupe_admin_requests_seconds{method, endpoint, status}}. */
    void record(String method, String endpoint, int status, long nanos) {
        Timer.builder("troupe.admin.requests")
                .description("Admin port requests, from the request line to the response written")
                .tags("method", method, "endpoint", endpoint, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(context.metrics().registry())
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
