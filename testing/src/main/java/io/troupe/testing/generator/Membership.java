package io.troupe.testing.generator;

import java.util.List;
import java.util.Map;

/**
 * A person's membership of one org from {@code from} (their identify) until {@code to} (a move, if any).
 *
 * <p>Why a time interval: events must only be generated while the user-level assignment that the stream's
 * identifies establish is the one meant, so ingest resolves each event to the org the generator intended.
 */
final class Membership implements Actor {
    final Person person;
    final Org org;
    final Role role;
    final long from;
    long to = Long.MAX_VALUE;
    final int accountIndex;
    /** True for members who join after the org exists (invited), false for founders. */
    final boolean invited;
    final long invitedAt;

    Membership(Person person, Org org, Role role, long from, int accountIndex, boolean invited, long invitedAt) {
        this.person = person;
        this.org = org;
        this.role = role;
        this.from = from;
        this.accountIndex = accountIndex;
        this.invited = invited;
        this.invitedAt = invitedAt;
    }

    @Override
    public Person person() {
        return person;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public Map<String, List<String>> eventGroups() {
        return Map.of();
    }

    @Override
    public boolean activeAt(long time) {
        return time >= from && time < to;
    }
}
