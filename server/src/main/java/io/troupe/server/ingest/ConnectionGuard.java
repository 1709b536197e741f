package io.troupe.server.ingest;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps slow, idle and half-closed clients from holding a connection: first in the pipeline, it sees every
 * byte. A connection waiting for its next request is closed after the idle timeout; a request whose head and
 * body have not all arrived within the timeout of its first byte (a slowloris client trickling bytes) gets 408
 * and the connection closes; a client that shuts its side mid-request is closed at once. While a request is
 * being handled no timeout runs: the worker answers, and a client that half-closed after a whole request still
 * gets its answer before the close. Runs on the connection's event loop only.
 */
final class ConnectionGuard extends ChannelDuplexHandler {
    /** Where the connection is. */
    private enum State {
        /** Between requests. */
        IDLE,
        /** Bytes of a request arrived, not all of it yet. */
        RECEIVING,
        /** A whole request is being handled. */
        HANDLING,
        /** The connection is being closed: input is discarded. */
        CLOSING
    }

    private final long timeoutNanos;
    private final Consumer<ChannelHandlerContext> onRequestTimeout;
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private long since;
    private boolean inputShutdown;
    private ScheduledFuture<?> check;

    /**
     * @param timeoutNanos     the idle and request timeout
     * @param onRequestTimeout writes the 408 answer of a request that did not arrive in time
     */
    ConnectionGuard(long timeoutNanos, Consumer<ChannelHandlerContext> onRequestTimeout) {
        this.timeoutNanos = timeoutNanos;
        this.onRequestTimeout = onRequestTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        since = System.nanoTime();
        schedule(timeoutNanos);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        cancel();
        super.channelInactive(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (state == State.CLOSING) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (state == State.IDLE) {
            state = State.RECEIVING;
            since = System.nanoTime();
        }
        context.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            inputShutdown = true;
            if (state == State.IDLE || state == State.RECEIVING) {
                // Nothing to answer: between requests, or a request that can no longer arrive whole.
                state = State.CLOSING;
                context.close();
                return;
            }
        }
        super.userEventTriggered(context, event);
    }

    /** A whole request arrived and is being handled: no timeout until it is answered. */
    void handling() {
        if (state != State.CLOSING) {
            state = State.HANDLING;
        }
    }

    /** The answer was written; true when the connection stays open for the next request. */
    boolean answered() {
        if (state == State.CLOSING || inputShutdown) {
            return false;
        }
        state = State.IDLE;
        since = System.nanoTime();
        return true;
    }

    /** The connection is closing (an answer with {@code Connection: close} is on its way): discard input. */
    void closing() {
        state = State.CLOSING;
    }

    private void schedule(long delayNanos) {
        check = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void check() {
        if (!ctx.channel().isActive()) {
            return;
        }
        long waited = System.nanoTime() - since;
        if ((state == State.IDLE || state == State.RECEIVING) && waited >= timeoutNanos) {
            if (state == State.RECEIVING) {
                state = State.CLOSING;
                onRequestTimeout.accept(ctx);
            } else {
                state = State.CLOSING;
                ctx.close();
            }
            return;
        }
        schedule(state == State.HANDLING || state == State.CLOSING ? timeoutNanos : timeoutNanos - waited);
    }

    /** The error of a request that did not arrive within the timeout. */
    static TroupeException timeoutError(long timeoutNanos) {
        return new TroupeException(ErrorCode.REQUEST_TIMEOUT, TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
    }
}
