package io.troupe.server.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops every listener shares: one thread accepts connections, {@code ioThreads} threads
 * read and write them. Nothing that blocks (a query, an fsync) may run on these threads: handlers hand
 * such work to the server's worker pools.
 */
public final class EventLoops implements AutoCloseable {
    private final EventLoopGroup accept;
    private final EventLoopGroup io;

    public EventLoops(int ioThreads) {
        this.accept = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("troupe-accept", true),
                NioIoHandler.newFactory());
        this.io = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("troupe-io", true),
                NioIoHandler.newFactory());
    }

    public EventLoopGroup accept() {
        return accept;
    }

    public EventLoopGroup io() {
        return io;
    }

    @Override
    public void close() {
        accept.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
