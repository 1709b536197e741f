package io.troupe.server.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.troupe.common.ErrorCode;
import java.util.concurrent.TimeUnit;

/**
 * Gathers a request's body up to {@code ingest.maxBodyBytes}. A larger one is answered 413 in the format of the
 * endpoint's API, as soon as that is known (from {@code Content-Length}, before a client that asked
 * {@code Expect: 100-continue} sends the body; else when the limit is passed), and the connection closes: the
 * rest of the body is discarded as it arrives, never held in memory, for a short linger so that the client
 * reads the answer before the close.
 */
final class BodyLimit extends HttpObjectAggregator {
    /** How long the rest of a refused body is read and dropped before the close (a close with unread input resets). */
    private static final long LINGER_MILLIS = 2_000;

    private final long limit;
    private final IngestMetrics metrics;

    BodyLimit(int limit, IngestMetrics metrics) {
        super(limit, true);
        this.limit = limit;
        this.metrics = metrics;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof HttpResponse response && response.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            ReferenceCountUtil.release(answer);
            guard(pipeline).closing();
            return tooLarge(start, HttpUtil.getContentLength(start, -1L));
        }
        return answer;
    }

    @Override
    protected boolean closeAfterContinueResponse(Object msg) {
        return msg instanceof HttpResponse response && response.status().code() == 413
                || super.closeAfterContinueResponse(msg);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        guard(ctx.pipeline()).closing();
        long declared = HttpUtil.getContentLength(oversized, -1L);
        ctx.writeAndFlush(tooLarge(oversized, declared)).addListener(written ->
                ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
    }

    private FullHttpResponse tooLarge(HttpMessage request, long declaredLength) {
        Endpoint endpoint = request instanceof HttpRequest r ? Endpoint.forPath(new QueryStringDecoder(r.uri()).path()) : null;
        String size = declaredLength >= 0 ? declaredLength + " bytes" : "more than " + limit + " bytes";
        Rejection rejection = new Rejection(413, ErrorCode.BATCH_TOO_LARGE, "the request body has " + size
                + ", more than the limit of " + limit + " bytes (ingest.maxBodyBytes): send fewer events per request");
        IngestResponse answer = Answers.error(endpoint == null ? Endpoint.Api.AMPLITUDE : endpoint.api(), rejection, 0);
        String tag = endpoint == null ? Endpoint.UNKNOWN_TAG : endpoint.path();
        metrics.answered(tag, 413, 0, null);
        return IngestHandler.toHttp(request.protocolVersion(), answer, false);
    }

    private static ConnectionGuard guard(ChannelPipeline pipeline) {
        return pipeline.get(ConnectionGuard.class);
    }
}
