package io.troupe.server.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.ServerContext;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes a whole request and hands it to the ingest pool; writes the answer back on the connection's event loop.
 * Unknown paths (404), wrong methods (405), malformed HTTP (400) and a server that is not accepting requests
 * (503) are answered here without the pool. One request at a time per connection: while one is on the pool
 * the connection reads nothing more, and a request a pipelining client already sent waits its turn, so answers
 * leave in order and memory stays bounded by the connections times the body limit. Event-loop thread only.
 */
final class IngestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ServerContext context;
    private final IngestService service;
    private final IngestMetrics metrics;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    IngestHandler(ServerContext context, IngestService service, IngestMetrics metrics) {
        this.context = context;
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        if (busy) {
            waiting.add(http.retain());
            return;
        }
        busy = true;
        start(ctx, http);
    }

    /** Starts on the next request a pipelining client sent, once the previous one is answered. */
    private void next(ChannelHandlerContext ctx) {
        busy = false;
        FullHttpRequest http = waiting.poll();
        if (http != null) {
            busy = true;
            try {
                start(ctx, http);
            } finally {
                http.release();
            }
        }
    }

    private void dropWaiting() {
        FullHttpRequest http;
        while ((http = waiting.poll()) != null) {
            http.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        dropWaiting();
        super.channelInactive(ctx);
    }

    private void start(ChannelHandlerContext ctx, FullHttpRequest http) {
        long started = System.nanoTime();
        ConnectionGuard guard = ctx.pipeline().get(ConnectionGuard.class);
        guard.handling();
        boolean keepAlive = HttpUtil.isKeepAlive(http);
        HttpVersion version = http.protocolVersion();
        if (!http.decoderResult().isSuccess()) {
            answer(ctx, version, false, Endpoint.UNKNOWN_TAG, started, Answers.error(400, new TroupeException(
                    ErrorCode.INVALID_REQUEST, "malformed HTTP request: " + http.decoderResult().cause().getMessage())));
            return;
        }
        QueryStringDecoder uri;
        try {
            uri = new QueryStringDecoder(http.uri());
            uri.parameters(); // decodes now, so that a bad escape is refused here
        } catch (IllegalArgumentException e) {
            answer(ctx, version, keepAlive, Endpoint.UNKNOWN_TAG, started, Answers.error(400,
                    new TroupeException(ErrorCode.INVALID_REQUEST, "malformed URI: " + e.getMessage())));
            return;
        }
        Endpoint endpoint = Endpoint.forPath(uri.path());
        if (endpoint == null) {
            answer(ctx, version, keepAlive, Endpoint.UNKNOWN_TAG, started, Answers.error(404, new TroupeException(
                    ErrorCode.INVALID_REQUEST, "no endpoint " + uri.path() + " on the ingest port; Amplitude's are"
                    + " /2/httpapi, /batch, /identify and /groupidentify, Segment's /v1/batch, /v1/track, /v1/identify,"
                    + " /v1/group, /v1/page and /v1/screen (docs/http-ingest.md)")));
            return;
        }
        String tag = endpoint.path();
        if (!endpoint.allows(http.method())) {
            IngestResponse notAllowed = Answers.error(endpoint.api(), new Rejection(405, ErrorCode.INVALID_REQUEST,
                    "method " + http.method() + " is not allowed on " + tag + ": use " + endpoint.allowHeader()), 0);
            answer(ctx, version, keepAlive, tag, started, notAllowed, endpoint.allowHeader());
            return;
        }
        metrics.received(tag, http.content().readableBytes());
        String encoding = http.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            answer(ctx, version, keepAlive, tag, started, Answers.error(endpoint.api(), new Rejection(415,
                    ErrorCode.INVALID_REQUEST, "Content-Encoding '" + encoding + "' is not supported: send the body"
                    + " uncompressed"), 0));
            return;
        }
        // What the worker needs, read here: the request object belongs to this event loop.
        String contentType = http.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String authorization = http.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (!context.state().acceptingRequests()) {
            answer(ctx, version, keepAlive, tag, started,
                    service.handle(new IngestRequest(endpoint, contentType, authorization, uri.parameters(), new byte[0])));
            return;
        }
        ByteBuf content = http.content().retain();
        ctx.channel().config().setAutoRead(false);
        try {
            context.ingestPool().execute(() -> {
                IngestResponse response;
                try {
                    response = service.handle(new IngestRequest(endpoint, contentType, authorization, uri.parameters(),
                            ByteBufUtil.getBytes(content)));
                } finally {
                    content.release();
                }
                ctx.executor().execute(() -> answer(ctx, version, keepAlive, tag, started, response));
            });
        } catch (RejectedExecutionException e) { // the pool stopped: the server is shutting down
            content.release();
            answer(ctx, version, keepAlive, tag, started, Answers.error(endpoint.api(),
                    new Rejection(503, ErrorCode.SERVER_SHUTTING_DOWN), 0));
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, String tag, long started,
                        IngestResponse response) {
        answer(ctx, version, keepAlive, tag, started, response, null);
    }

    private void answer(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, String tag, long started,
                        IngestResponse response, String allow) {
        ConnectionGuard guard = ctx.pipeline().get(ConnectionGuard.class);
        boolean open = keepAlive && guard != null && guard.answered();
        FullHttpResponse http = toHttp(version, response, open);
        if (allow != null) {
            http.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        metrics.answered(tag, response.status(), System.nanoTime() - started, response);
        if (open) {
            ctx.writeAndFlush(http);
            ctx.channel().config().setAutoRead(true);
            next(ctx);
        } else {
            if (guard != null) {
                guard.closing();
            }
            dropWaiting();
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** An answer as an HTTP response; {@code Connection: close} unless the connection stays open. */
    static FullHttpResponse toHttp(HttpVersion version, IngestResponse response, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(response.status()),
                Unpooled.wrappedBuffer(response.body()));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        if (response.retryAfter() > 0) {
            http.headers().setInt(HttpHeaderNames.RETRY_AFTER, response.retryAfter());
        }
        if (!keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version.equals(HttpVersion.HTTP_1_0)) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return http;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the client, or a bug in a handler: either way this connection is done; the server goes on.
        ctx.close();
    }
}
