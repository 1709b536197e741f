package io.troupe.server.ingest;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.troupe.server.ServerContext;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The HTTP ingest port (default 7431): Amplitude's HTTP API v2, Batch, Identify and Group Identify endpoints
 * and Segment's HTTP API, authenticated by each project's API key (docs/http-ingest.md).
 *
 * <p>A connection's pipeline: {@link ConnectionGuard} (idle, slow and half-closed clients), Netty's HTTP codec
 * (request line and headers bounded), {@link BodyLimit} (the body up to {@code ingest.maxBodyBytes}, else 413),
 * {@link IngestHandler} (routing; decode, check and store on the ingest pool). HTTP/1.1 keep-alive; one request
 * at a time per connection.
 */
public final class HttpIngest {
    static final int MAX_INITIAL_LINE = 8 * 1024;
    static final int MAX_HEADERS = 32 * 1024;

    private HttpIngest() {
    }

    /** The pipeline of an accepted connection; the service, metrics and throttle are shared by all connections. */
    public static Consumer<SocketChannel> pipeline(ServerContext context) {
        IngestMetrics metrics = new IngestMetrics(context.metrics().registry());
        IngestService service = new IngestService(context);
        int bodyLimit = (int) Math.min(Integer.MAX_VALUE - 8, context.config().maxBodyBytes());
        long timeoutNanos = TimeUnit.SECONDS.toNanos(context.config().ingestIdleTimeoutSeconds());
        HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADERS).setMaxChunkSize(64 * 1024);
        return ch -> {
            // A client may send its request, then shut its side: it still gets the answer (the guard closes after it).
            ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
            ch.pipeline()
                    .addLast("guard", new ConnectionGuard(timeoutNanos, ctx -> {
                        metrics.answered(Endpoint.UNKNOWN_TAG, 408, timeoutNanos, null);
                        ctx.channel().writeAndFlush(IngestHandler.toHttp(HttpVersion.HTTP_1_1,
                                        Answers.error(408, ConnectionGuard.timeoutError(timeoutNanos)), false))
                                .addListener(ChannelFutureListener.CLOSE);
                    }))
                    .addLast("http", new HttpServerCodec(decoder))
                    .addLast("body", new BodyLimit(bodyLimit, metrics))
                    .addLast("ingest", new IngestHandler(context, service, metrics));
        };
    }
}
