package io.troupe.storage.event;

/**
 * What a durable ingest did.
 *
 * @param eventsStored        events appended (acknowledged: durable in the write-ahead log)
 * @param duplicates          events dropped because their insert id was seen in the last 7 days
 * @param identifiesApplied   user identifies applied
 * @param groupIdentifiesApplied group identifies applied
 * @param walPosition         write-ahead-log position after the batch (for tests and metrics)
 */
public record IngestResult(int eventsStored, int duplicates, int identifiesApplied, int groupIdentifiesApplied,
                           long walPosition) {
}
