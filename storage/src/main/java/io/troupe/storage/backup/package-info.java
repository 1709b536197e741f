/**
 * Consistent copies of a store's files (snapshots for backup): the copier that links immutable files and
 * copies mutable ones durably, and what a copy holds. {@link io.troupe.storage.EventStore#snapshotTo} decides
 * what is copied under which lock.
 */
package io.troupe.storage.backup;
