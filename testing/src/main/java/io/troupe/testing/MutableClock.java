package io.troupe.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests set and move (time-dependent behaviour reads {@code SqlOptions.clock()}); one made by
 * {@link #system()} follows the system clock until it is first set.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** Follows the system clock until {@link #set} or {@link #advance}. */
    public static MutableClock system() {
        return new MutableClock(null);
    }

    /** Follows the system clock again. */
    public void followSystem() {
        now = null;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = instant().plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock is UTC");
    }

    @Override
    public Instant instant() {
        Instant set = now;
        return set == null ? Instant.now() : set;
    }
}
