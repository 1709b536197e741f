package io.troupe.server.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.common.wire.Message;
import io.troupe.common.wire.MessageCodec;
import io.troupe.common.wire.WireFormat;
import io.troupe.server.ServerContext;
import io.troupe.server.project.Project;
import io.troupe.sql.SqlSession;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One native-protocol connection: the state machine of docs/protocol.md. HELLO, then AUTHENTICATE (checked
 * on the query pool: the password hash is slow on purpose), then any number of QUERY, one at a time, each run
 * by a {@link QueryRun} on the query pool; CANCEL and CLOSE at any time after that. Every method runs on the
 * connection's event loop except {@link #queryEnded}, which the query's worker calls.
 */
final class SqlConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SqlConnection.class);
    /** A client must be authenticated this long after connecting, or is disconnected. */
    static final int HANDSHAKE_SECONDS = 30;

    private enum Phase { HELLO, AUTHENTICATE, AUTHENTICATING, READY, CLOSED }

    private final ServerContext context;
    private final ProtocolMetrics metrics;
    private Phase phase = Phase.HELLO;
    private Channel channel;
    private WritableGate gate;
    private ScheduledFuture<?> handshakeTimeout;
    private Project project;
    private SqlSession session;
    /** The statement running now, if any: set here, cleared by its worker when it ends. */
    private final AtomicReference<QueryRun> running = new AtomicReference<>();
    private volatile boolean closed;
    private final AtomicBoolean sessionClosed = new AtomicBoolean();

    SqlConnection(ServerContext context, ProtocolMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        gate = new WritableGate(channel);
        metrics.connectionOpened();
        handshakeTimeout = ctx.executor().schedule(() -> {
            if (phase != Phase.READY && phase != Phase.CLOSED) {
                fail(new TroupeException(ErrorCode.PROTOCOL_ERROR, "no authentication within " + HANDSHAKE_SECONDS + " s of connecting"));
            }
        }, HANDSHAKE_SECONDS, TimeUnit.SECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Message m = (Message) msg;
        if (phase == Phase.CLOSED) {
            return; // after a fatal error: the connection is closing
        }
        if (!m.type().fromClient()) {
            fail(new TroupeException(ErrorCode.PROTOCOL_ERROR, "a client sent the server message " + m.type()));
        } else if (m instanceof Message.Close) {
            phase = Phase.CLOSED;
            ctx.close();
        } else if (phase == Phase.HELLO && m instanceof Message.Hello hello) {
            hello(hello);
        } else if (phase == Phase.AUTHENTICATE && m instanceof Message.Authenticate auth) {
            authenticate(auth);
        } else if (phase == Phase.READY && m instanceof Message.Query query) {
            query(query);
        } else if (phase == Phase.READY && m instanceof Message.Cancel cancel) {
            QueryRun run = running.get();
            if (run != null && run.queryId() == cancel.queryId()) {
                run.cancel();
            } // a query that already ended (or never ran) has nothing to cancel
        } else {
            fail(new TroupeException(ErrorCode.PROTOCOL_ERROR, m.type() + " is not expected "
                    + switch (phase) {
                        case HELLO -> "before HELLO";
                        case AUTHENTICATE -> "before AUTHENTICATE";
                        case AUTHENTICATING -> "before AUTH_OK";
                        default -> "after AUTH_OK";
                    }));
        }
    }

    private void hello(Message.Hello hello) {
        if (hello.version() != WireFormat.VERSION) {
            fail(new TroupeException(ErrorCode.UNSUPPORTED_PROTOCOL_VERSION, hello.version(), WireFormat.VERSION));
            return;
        }
        phase = Phase.AUTHENTICATE;
        send(new Message.HelloOk(WireFormat.VERSION, "Troupe " + SqlProtocol.serverVersion()));
    }

    private void authenticate(Message.Authenticate auth) {
        if (!context.state().acceptingRequests()) {
            fail(notAccepting());
            return;
        }
        phase = Phase.AUTHENTICATING;
        try {
            context.queryPool().execute(() -> {
                try {
                    if (!context.users().authenticate(auth.user(), auth.password())) {
                        throw new TroupeException(ErrorCode.AUTHENTICATION_FAILED, auth.user());
                    }
                    Project p = context.projects().get(auth.project()); // only an authenticated user learns a project is unknown
                    SqlSession s = p.sql().open(auth.user()); // the user statements check who runs them
                    channel.eventLoop().execute(() -> authenticated(auth.user(), p, s));
                } catch (TroupeException e) {
                    channel.eventLoop().execute(() -> fail(e));
                } catch (RuntimeException e) {
                    LOG.warn("Authenticating {} failed", auth, e);
                    channel.eventLoop().execute(() -> fail(new TroupeException(ErrorCode.INTERNAL, e, e.toString())));
                }
            });
        } catch (RejectedExecutionException e) {
            fail(new TroupeException(ErrorCode.SERVER_SHUTTING_DOWN));
        }
    }

    private void authenticated(String user, Project p, SqlSession s) {
        if (phase != Phase.AUTHENTICATING) { // closed meanwhile
            s.close();
            return;
        }
        project = p;
        session = s;
        phase = Phase.READY;
        handshakeTimeout.cancel(false);
        send(new Message.AuthOk(Map.of(WireFormat.PROPERTY_PROJECT, p.name(), WireFormat.PROPERTY_USER, user,
                WireFormat.PROPERTY_SERVER_VERSION, SqlProtocol.serverVersion(), WireFormat.PROPERTY_TIME_ZONE, "UTC")));
    }

    private void query(Message.Query query) {
        if (!context.state().acceptingRequests()) {
            send(Message.ErrorResponse.of(query.queryId(), notAccepting(), false));
            return;
        }
        int timeout = query.options().timeoutSeconds() > 0 ? query.options().timeoutSeconds()
                : context.config().queryTimeoutSeconds();
        QueryRun run = new QueryRun(this, query, session, project.store().allocator(), channel, gate, metrics, timeout,
                context.config().columnarResults());
        QueryRun other = running.compareAndExchange(null, run);
        if (other != null) {
            send(Message.ErrorResponse.of(query.queryId(), new TroupeException(ErrorCode.QUERY_IN_PROGRESS, other.queryId()), false));
            return;
        }
        try {
            context.queryPool().execute(run);
        } catch (RejectedExecutionException e) {
            running.set(null);
            send(Message.ErrorResponse.of(query.queryId(), new TroupeException(ErrorCode.SERVER_SHUTTING_DOWN), false));
        }
    }

    /** Called by a query's worker once its statement is over, before its last message is sent. */
    void queryEnded(QueryRun run) {
        running.compareAndSet(run, null);
        if (closed) {
            closeSessionIfIdle();
        }
    }

    private TroupeException notAccepting() {
        return new TroupeException(context.state().shuttingDown() ? ErrorCode.SERVER_SHUTTING_DOWN : ErrorCode.SERVER_NOT_READY);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        gate.changed();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        phase = Phase.CLOSED;
        closed = true;
        handshakeTimeout.cancel(false);
        QueryRun run = running.get();
        if (run != null) {
            run.cancel(); // a client that leaves mid-result does not leave its query running
        }
        closeSessionIfIdle();
        metrics.connectionClosed();
        super.channelInactive(ctx);
    }

    /**
     * Closes the SQL session once the connection is closed and no statement uses it. Both the event loop
     * (at close) and a worker (at the end of its statement) call it; whichever comes second closes it.
     */
    private void closeSessionIfIdle() {
        if (closed && running.get() == null && session != null && sessionClosed.compareAndSet(false, true)) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the SQL session of {}: {}", channel.remoteAddress(), e.toString());
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TroupeException te) {
                fail(te);
                return;
            }
        }
        LOG.debug("Closing connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        phase = Phase.CLOSED;
        ctx.close();
    }

    /** Sends the error (about the connection, {@code closing}) and closes once it is written. */
    private void fail(TroupeException e) {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        LOG.debug("Closing connection {}: {}", channel.remoteAddress(), e.toString());
        channel.writeAndFlush(Unpooled.wrappedBuffer(MessageCodec.encode(Message.ErrorResponse.of(0, e, true))))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void send(Message m) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(MessageCodec.encode(m)), channel.voidPromise());
    }
}
