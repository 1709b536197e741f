package io.troupe.server.protocol;

import java.util.function.BooleanSupplier;

/** Polling for what another thread does (a query ending after a disconnect): never a timing assertion. */
final class Awaits {
    private Awaits() {
    }

    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
