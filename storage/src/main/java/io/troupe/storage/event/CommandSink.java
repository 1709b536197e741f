package io.troupe.storage.event;

import java.util.List;

/**
 * Where commands go: the event store implements it, and loaders, generators and the HTTP layer write to it.
 * A call is all or nothing: a batch with one invalid command stores nothing and throws
 * {@link io.troupe.common.TroupeException}. It returns once the batch is durable.
 */
public interface CommandSink {
    IngestResult ingest(List<? extends Command> batch);
}
