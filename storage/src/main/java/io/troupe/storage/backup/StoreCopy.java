package io.troupe.storage.backup;

/**
 * What {@link io.troupe.storage.EventStore#snapshotTo} wrote.
 *
 * @param walPosition  the snapshot point: every batch logged below this WAL position is in the copy
 * @param events       events in the copy (segments and the logged tail)
 * @param filesCopied  files whose bytes were copied (the mutable ones: WAL, dictionaries, users, checkpoint)
 * @param bytesCopied  their size
 * @param filesLinked  immutable segment files hard-linked into the copy (copied when linking is not possible)
 * @param bytesLinked  their size (shared with the store until it replaces those segments)
 * @param millis       time taken, flush included
 * @param writesHeldMillis how long writers waited while the mutable files were copied
 */
public record StoreCopy(long walPosition, long events, int filesCopied, long bytesCopied, int filesLinked,
                        long bytesLinked, long millis, long writesHeldMillis) {
}
