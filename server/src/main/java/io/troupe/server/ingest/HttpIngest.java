package io.troupe.server.ingest;

import io.netty.channel.socket.SocketChannel;
import io.troupe.server.ServerContext;
import java.util.function.Consumer;

/** The HTTP ingest port (placeholder until its listener lands: closes every connection). */
public final class HttpIngest {
    private HttpIngest() {
    }

    public static Consumer<SocketChannel> pipeline(ServerContext context) {
        return ch -> ch.close();
    }
}
