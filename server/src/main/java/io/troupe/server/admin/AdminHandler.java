package io.troupe.server.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admin connection: reads requests, routes them, runs them and writes the responses in request order.
 *
 * <p>A request is checked when its head arrives (token, route, readiness, declared size), so a refused upload
 * is answered before its body is sent (with {@code Expect: 100-continue}, the client sends none). A JSON body
 * is aggregated up to {@link AdminLimits#maxBodyBytes}; an upload's body goes chunk by chunk to an
 * {@link UploadWriter}, and reading pauses while the disk is behind. Everything here runs on the connection's
 * I/O thread; endpoint work runs on the worker pool.
 */
final class AdminHandler extends ChannelInboundHandlerAdapter {
    static final long UPLOAD_HIGH_WATER = 8L << 20;
    static final long UPLOAD_LOW_WATER = 1L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    /** Pipelined requests answered out of this many stop the connection's reading until responses are written. */
    private static final int MAX_QUEUED_RESPONSES = 16;
    /** A refused request's body is read and dropped up to this size (so the client reads the answer), then the connection closes. */
    private static final long MAX_DISCARD_BYTES = 16L << 20;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS");
    private static final byte[] NO_BODY = new byte[0];

    /** One request and its response; touched on the I/O thread only. */
    private static final class Exchange {
        final String method;
        final boolean keepAlive;
        final boolean hasBody;
        final boolean expectsContinue;
        final long started = System.nanoTime();
        String endpoint = "unmatched";
        AdminRequest request;
        ByteBuf body;
        UploadWriter upload;
        boolean discarding;
        long discarded;
        boolean bodyDone;
        boolean written;
        boolean close;

        Exchange(HttpRequest request) {
            String m = request.method().name();
            this.method = METHODS.contains(m) ? m : "other";
            this.keepAlive = HttpUtil.isKeepAlive(request);
            this.hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
            this.expectsContinue = HttpUtil.is100ContinueExpected(request);
        }
    }

    private final AdminApi api;
    private CompletableFuture<Void> responses = CompletableFuture.completedFuture(null);
    private int queued;
    private Exchange current;
    /** A request that ends the connection was read: later (pipelined) requests are ignored. */
    private boolean closing;

    AdminHandler(AdminApi api) {
        this.api = api;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                begin(ctx, request);
            }
            if (msg instanceof HttpContent content) {
                content(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    // ------------------------------------------------------------------------------------------- request head

    private void begin(ChannelHandlerContext ctx, HttpRequest head) {
        if (closing) { // a request pipelined behind one that closes the connection
            current = null;
            return;
        }
        Exchange x = new Exchange(head);
        current = x;
        closing = !x.keepAlive;
        if (head.decoderResult().isFailure()) {
            x.close = true;
            refuse(ctx, x, AdminResponse.error(new TroupeException(ErrorCode.INVALID_REQUEST,
                    "malformed HTTP request: " + head.decoderResult().cause().getMessage())));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(head.uri());
        List<String> path;
        Map<String, List<String>> query;
        try {
            path = decodePath(uri.rawPath());
            query = uri.parameters();
        } catch (IllegalArgumentException e) {
            refuse(ctx, x, AdminResponse.error(new TroupeException(ErrorCode.INVALID_REQUEST, "bad URL encoding: " + e.getMessage())));
            return;
        }
        AdminRoutes.Match match = api.routes().match(head.method(), path);
        if (match instanceof AdminRoutes.Found found && found.route().access() == AdminRoutes.Access.PUBLIC) {
            accept(ctx, head, x, found, query); // health: no token, no body read
            return;
        }
        if (!api.authorized(head.headers())) {
            refuse(ctx, x, AdminResponse.error(new TroupeException(ErrorCode.INVALID_ADMIN_TOKEN)));
        } else if (match instanceof AdminRoutes.WrongMethod wrong) {
            refuse(ctx, x, AdminResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, new TroupeException(ErrorCode.INVALID_REQUEST,
                    head.method() + " is not allowed on " + uri.rawPath() + "; use " + String.join(" or ", wrong.allowed())))
                    .withHeader(HttpHeaderNames.ALLOW.toString(), String.join(", ", wrong.allowed())));
        } else if (match instanceof AdminRoutes.Found found) {
            accept(ctx, head, x, found, query);
        } else {
            refuse(ctx, x, AdminResponse.error(HttpResponseStatus.NOT_FOUND, new TroupeException(ErrorCode.INVALID_REQUEST,
                    "no admin endpoint " + head.method() + " " + uri.rawPath() + " (docs/operations.md lists them)")));
        }
    }

    private void accept(ChannelHandlerContext ctx, HttpRequest head, Exchange x, AdminRoutes.Found found,
                        Map<String, List<String>> query) {
        AdminRoutes.Route route = found.route();
        x.endpoint = route.name();
        x.request = new AdminRequest(route, found.variables(), query, NO_BODY);
        AdminRoutes.Access access = route.access();
        if ((access == AdminRoutes.Access.BLOCKING || access == AdminRoutes.Access.UPLOAD)
                && !api.context().state().acceptingRequests()) {
            refuse(ctx, x, AdminResponse.error(api.notAccepting()));
            return;
        }
        long declared = HttpUtil.getContentLength(head, -1L);
        if (access == AdminRoutes.Access.UPLOAD) {
            if (declared > api.limits().maxUploadBytes()) {
                refuse(ctx, x, tooLarge("the upload has " + declared + " bytes", api.limits().maxUploadBytes()));
                return;
            }
            try {
                x.upload = route.upload().begin(x.request);
            } catch (TroupeException e) {
                refuse(ctx, x, AdminResponse.error(e));
                return;
            }
            x.upload.start(api.workers(), () -> ctx.executor().execute(() -> updateAutoRead(ctx)));
        } else if (access == AdminRoutes.Access.BLOCKING) {
            if (declared > api.limits().maxBodyBytes()) {
                refuse(ctx, x, tooLarge("the request body has " + declared + " bytes", api.limits().maxBodyBytes()));
                return;
            }
            x.body = ctx.alloc().buffer(declared > 0 ? (int) declared : 256);
        } // health and metrics ignore a body
        if (x.expectsContinue) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
    }

    private static AdminResponse tooLarge(String what, long limit) {
        return AdminResponse.error(new TroupeException(ErrorCode.VALUE_TOO_LARGE, what + ", over the limit of " + limit + " bytes"));
    }

    /**
     * Answers now and drops the request's body. The connection closes after a refused body: once it has been
     * read, or at once when the client waits for {@code 100 Continue} (it then sends no body).
     */
    private void refuse(ChannelHandlerContext ctx, Exchange x, AdminResponse response) {
        release(x);
        x.discarding = true;
        x.close |= x.hasBody;
        x.bodyDone |= x.expectsContinue;
        closing |= x.close;
        enqueue(ctx, x, CompletableFuture.completedFuture(response));
    }

    // ------------------------------------------------------------------------------------------- request body

    private void content(ChannelHandlerContext ctx, HttpContent content) {
        Exchange x = current;
        if (x == null) {
            return;
        }
        ByteBuf data = content.content();
        boolean last = content instanceof LastHttpContent;
        if (x.discarding) {
            x.discarded += data.readableBytes();
            if (last || x.discarded > MAX_DISCARD_BYTES) {
                current = null;
                x.bodyDone = true;
                if (!last) {
                    x.close = true;
                }
                if (x.close && x.written) {
                    ctx.close();
                }
            }
            return;
        }
        if (x.upload != null) {
            uploadContent(ctx, x, data, last);
            return;
        }
        if (x.body != null) {
            if (x.body.readableBytes() + data.readableBytes() > api.limits().maxBodyBytes()) {
                refuse(ctx, x, tooLarge("the request body is larger", api.limits().maxBodyBytes()));
                content(ctx, content); // now dropped as a refused body
                return;
            }
            x.body.writeBytes(data);
        }
        if (last) {
            current = null;
            byte[] body = NO_BODY;
            if (x.body != null) {
                body = new byte[x.body.readableBytes()];
                x.body.readBytes(body);
            }
            release(x);
            dispatch(ctx, x, new AdminRequest(x.request.route(), x.request.path(), x.request.query(), body));
        }
    }

    private void uploadContent(ChannelHandlerContext ctx, Exchange x, ByteBuf data, boolean last) {
        UploadWriter upload = x.upload;
        try {
            if (data.isReadable() && !upload.append(data.retain())) {
                refuse(ctx, x, tooLarge("the upload is larger", upload.maxBytes()));
                if (last) {
                    current = null;
                    x.bodyDone = true;
                }
                return;
            }
            updateAutoRead(ctx);
            if (last) {
                current = null;
                x.upload = null;
                upload.finish();
                enqueue(ctx, x, upload.result());
            }
        } catch (TroupeException e) { // the pool refused the write: shutdown
            x.upload = null;
            refuse(ctx, x, AdminResponse.error(e));
            if (last) {
                current = null;
                x.bodyDone = true;
            }
        }
    }

    private void dispatch(ChannelHandlerContext ctx, Exchange x, AdminRequest request) {
        AdminRoutes.Endpoint endpoint = request.route().endpoint();
        if (request.route().access() != AdminRoutes.Access.BLOCKING) {
            enqueue(ctx, x, CompletableFuture.completedFuture(run(endpoint, request)));
            return;
        }
        CompletableFuture<AdminResponse> result;
        try {
            result = CompletableFuture.supplyAsync(() -> run(endpoint, request), api.workers());
        } catch (RejectedExecutionException e) {
            result = CompletableFuture.completedFuture(AdminResponse.error(new TroupeException(ErrorCode.SERVER_SHUTTING_DOWN)));
        }
        enqueue(ctx, x, result);
    }

    private static AdminResponse run(AdminRoutes.Endpoint endpoint, AdminRequest request) {
        try {
            return endpoint.handle(request);
        } catch (Throwable t) {
            return AdminResponse.failure(t);
        }
    }

    // ------------------------------------------------------------------------------------------------ responses

    /** Writes {@code result} once it is ready and every earlier response is written (HTTP/1.1 keeps the order). */
    private void enqueue(ChannelHandlerContext ctx, Exchange x, CompletableFuture<AdminResponse> result) {
        queued++;
        updateAutoRead(ctx);
        CompletableFuture<Void> previous = responses;
        CompletableFuture<Void> written = new CompletableFuture<>();
        responses = written;
        previous.whenComplete((v, e) -> result.whenComplete((response, failure) -> {
            AdminResponse r = failure == null ? response : AdminResponse.failure(failure);
            ctx.executor().execute(() -> write(ctx, x, r, written));
        }));
    }

    private void write(ChannelHandlerContext ctx, Exchange x, AdminResponse response, CompletableFuture<Void> written) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                Unpooled.wrappedBuffer(response.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        out.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().forEach((k, v) -> out.headers().set(k, v));
        boolean keepAlive = x.keepAlive && !x.close;
        HttpUtil.setKeepAlive(out.headers(), HttpVersion.HTTP_1_1, keepAlive);
        api.record(x.method, x.endpoint, response.status().code(), System.nanoTime() - x.started);
        ctx.writeAndFlush(out).addListener(f -> {
            queued--;
            x.written = true;
            written.complete(null);
            if (!keepAlive) {
                // a refused body still arriving is read (and dropped) first, so the client gets to read this answer
                if (!x.discarding || x.bodyDone) {
                    ctx.close();
                }
            } else {
                updateAutoRead(ctx);
            }
        });
    }

    /**
     * Reads while few responses are pending and the current upload's disk writes keep up (stops at the high
     * water mark of queued upload bytes, resumes at the low one).
     */
    private void updateAutoRead(ChannelHandlerContext ctx) {
        ChannelConfig config = ctx.channel().config();
        boolean reading = config.isAutoRead();
        long pending = current != null && current.upload != null ? current.upload.pendingBytes() : 0;
        boolean read = queued < MAX_QUEUED_RESPONSES && (reading ? pending < UPLOAD_HIGH_WATER : pending <= UPLOAD_LOW_WATER);
        if (read != reading) {
            config.setAutoRead(read);
        }
    }

    private static void release(Exchange x) {
        if (x.body != null) {
            x.body.release();
            x.body = null;
        }
        if (x.upload != null) {
            x.upload.abort();
            x.upload = null;
        }
    }

    /** The path's segments, each percent-decoded ('+' stays '+'); empty segments are dropped. */
    static List<String> decodePath(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(QueryStringDecoder.decodeComponent(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            release(current);
            current = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (current == null && queued == 0) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Admin connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
