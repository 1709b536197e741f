package io.troupe.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * One listening socket. Every accepted connection joins the server's channel group (so shutdown can close
 * them after in-flight requests finish) and gets its pipeline from the listener's setup.
 */
public final class Listener implements AutoCloseable {
    private final String name;
    private final Channel channel;

    private Listener(String name, Channel channel) {
        this.name = name;
        this.channel = channel;
    }

    /**
     * Binds and starts accepting.
     *
     * @param name     what the port serves, for messages ("SQL", "HTTP ingest", "admin")
     * @param pipeline builds an accepted connection's pipeline
     * @throws TroupeException {@code STORAGE_IO} when the address cannot be bound (in use, not local)
     */
    public static Listener bind(String name, String host, int port, EventLoops loops, ChannelGroup connections,
                                Consumer<SocketChannel> pipeline) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.accept(), loops.io())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        pipeline.accept(ch);
                    }
                });
        try {
            Channel channel = bootstrap.bind(host, port).sync().channel();
            return new Listener(name, channel);
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            throw new TroupeException(ErrorCode.STORAGE_IO, e,
                    "binding the " + name + " port to " + host + ":" + port + ": " + e.getMessage());
        }
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting new connections; open ones stay. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
