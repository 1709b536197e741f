package io.troupe.sql.dynamic;

/**
 * What one refresh of a dynamic group property did.
 *
 * @param name          the property
 * @param windowFrom    the first event time counted (inclusive), ms since the epoch
 * @param windowTo      the end of the window (exclusive)
 * @param groups        groups of the type that got a value (computed or 0/unset)
 * @param groupsWritten groups whose value changed and was written into the history (the rest kept theirs)
 * @param tookMillis    how long it took
 */
public record RefreshResult(String name, long windowFrom, long windowTo, int groups, int groupsWritten, long tookMillis) {
}
