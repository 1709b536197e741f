package io.troupe.server.protocol;

import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.troupe.server.ServerContext;
import java.util.function.Consumer;

/**
 * The native SQL protocol port (7430 by default; docs/protocol.md): length-framed messages decoded by
 * {@link FrameDecoder}, each connection's state machine in {@link SqlConnection}, statements run by
 * {@link QueryRun} on the server's query pool, results streamed as Arrow IPC record batches with
 * backpressure.
 */
public final class SqlProtocol {
    /**
     * Outbound bytes a connection may hold before a query's worker waits ({@link WritableGate}): above the high
     * mark the channel is not writable, below the low mark it is again. On top of this a connection holds at
     * most the one batch frame its worker is writing.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024);

    private SqlProtocol() {
    }

    public static Consumer<SocketChannel> pipeline(ServerContext context) {
        ProtocolMetrics metrics = new ProtocolMetrics(context.metrics().registry());
        return ch -> {
            ch.config().setWriteBufferWaterMark(WATER_MARK);
            ch.pipeline().addLast("frames", new FrameDecoder()).addLast("connection", new SqlConnection(context, metrics));
        };
    }

    /** This build's version (from the jar's manifest; {@code dev} when run from classes). */
    static String serverVersion() {
        String v = SqlProtocol.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
