package io.troupe.sql.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move: the system clock until {@link #set} fixes "now" (the SQL logic files' {@code clock} record),
 * for features that read the engine's clock (the account look-up's window, {@code active_users_30d}).
 */
public final class SettableClock extends Clock {
    private volatile Instant fixed;

    /** From now on, "now" is {@code instant}. */
    public void set(Instant instant) {
        this.fixed = instant;
    }

    /** Back to the system clock. */
    public void reset() {
        this.fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the engine's clock is UTC");
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }
}
