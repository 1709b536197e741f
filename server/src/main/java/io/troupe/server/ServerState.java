package io.troupe.server;

/**
 * Where the server is in its life: recovering (alive, not ready), serving, shutting down. Handlers refuse
 * new requests with 503 unless {@link #acceptingRequests()}; shutdown waits for the ones in flight.
 */
public final class ServerState {
    private volatile boolean ready;
    private volatile boolean shuttingDown;

    /** True once every project's store has recovered and the listeners run. */
    public boolean ready() {
        return ready && !shuttingDown;
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** True when a new request may start. */
    public boolean acceptingRequests() {
        return ready();
    }

    void markReady() {
        ready = true;
    }

    void markShuttingDown() {
        shuttingDown = true;
    }
}
