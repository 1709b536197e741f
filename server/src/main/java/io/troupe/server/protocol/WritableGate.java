package io.troupe.server.protocol;

import io.netty.channel.Channel;
import java.util.function.BooleanSupplier;

/**
 * Backpressure for a query's worker: before it writes the next batch it waits here while the connection's
 * outbound buffer is above its high-water mark (the channel is not writable), so that a client that reads
 * slowly holds the query back instead of making the server buffer its whole result. The event loop calls
 * {@link #changed} when writability changes; a cancel or a closed connection also wakes the worker.
 */
final class WritableGate {
    /** A lost wake-up costs at most this long. */
    private static final long RECHECK_MILLIS = 50;

    private final Channel channel;

    WritableGate(Channel channel) {
        this.channel = channel;
    }

    /** Something the waiting worker checks changed: writability, the connection, a cancel. */
    synchronized void changed() {
        notifyAll();
    }

    /**
     * Waits until the channel can take more, or is closed, or {@code stop} says so.
     *
     * @throws InterruptedException when the worker is interrupted (forced shutdown)
     */
    synchronized void await(BooleanSupplier stop) throws InterruptedException {
        while (channel.isActive() && !channel.isWritable() && !stop.getAsBoolean()) {
            wait(RECHECK_MILLIS);
        }
    }
}
