package io.troupe.storage.event;

/**
 * One thing a client sends to a project: an event to store, a user identify, or a group identify.
 * A batch is a list of commands applied in order, all or nothing.
 */
public sealed interface Command permits Event, Identify, GroupIdentify {
    /** Client time of the command, ms since the epoch (UTC). */
    long time();
}
