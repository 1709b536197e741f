package io.troupe.server.admin;

import io.netty.channel.socket.SocketChannel;
import io.troupe.server.ServerContext;
import java.util.function.Consumer;

/** The admin port (placeholder until its listener lands: closes every connection). */
public final class AdminApi {
    private AdminApi() {
    }

    public static Consumer<SocketChannel> pipeline(ServerContext context) {
        return ch -> ch.close();
    }
}
