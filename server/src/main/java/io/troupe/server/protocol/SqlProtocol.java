package io.troupe.server.protocol;

import io.netty.channel.socket.SocketChannel;
import io.troupe.server.ServerContext;
import java.util.function.Consumer;

/** The native SQL protocol port (placeholder until its listener lands: closes every connection). */
public final class SqlProtocol {
    private SqlProtocol() {
    }

    public static Consumer<SocketChannel> pipeline(ServerContext context) {
        return ch -> ch.close();
    }
}
