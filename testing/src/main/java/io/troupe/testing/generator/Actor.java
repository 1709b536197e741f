package io.troupe.testing.generator;

import java.util.List;
import java.util.Map;

/**
 * Someone who can do a step for an org: a member, a consultant acting for a client, or an outside payer.
 *
 * <p>Why: the three differ only in which event-level groups their events carry and when they may act, so
 * workflows and sessions treat them alike.
 */
interface Actor {
    Person person();

    Role role();

    /** The event-level groups this actor's events carry when acting for the org (empty for members). */
    Map<String, List<String>> eventGroups();

    /** Whether the actor may act at that time (a member between joining and leaving). */
    boolean activeAt(long time);
}
