package io.troupe.storage.load;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.CommandSink;
import io.troupe.storage.event.IngestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a stream of commands into batches of a fixed size for a {@link CommandSink} and adds up what the
 * sink reports. Batches bound the memory a load holds and the size of each durable write.
 * Not thread-safe: one per load.
 */
public final class BatchingSink {
    /** The batch size loaders use unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 10_000;

    private final CommandSink sink;
    private final int batchSize;
    private List<Command> pending;
    private long commands;
    private long batches;
    private long eventsStored;
    private long duplicates;
    private long identifiesApplied;
    private long groupIdentifiesApplied;

    public BatchingSink(CommandSink sink, int batchSize) {
        this.sink = Objects.requireNonNull(sink, "sink is null");
        this.batchSize = checkBatchSize(batchSize);
        this.pending = newBatch();
    }

    /**
     * Checks a user-supplied batch size.
     *
     * @throws TroupeException {@link ErrorCode#INVALID_ARGUMENT} unless it is at least 1
     */
    public static int checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT,
                    "Invalid batch size " + batchSize + ": use a number of commands of at least 1 (default "
                            + DEFAULT_BATCH_SIZE + ")");
        }
        return batchSize;
    }

    /** Queues one command, sending the batch when it is full. */
    public void add(Command command) {
        pending.add(Objects.requireNonNull(command, "command is null"));
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    /** Sends the commands queued so far, if any. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Command> batch = Collections.unmodifiableList(pending);
        pending = newBatch();
        IngestResult result = sink.ingest(batch);
        commands += batch.size();
        batches++;
        eventsStored += result.eventsStored();
        duplicates += result.duplicates();
        identifiesApplied += result.identifiesApplied();
        groupIdentifiesApplied += result.groupIdentifiesApplied();
    }

    /** Flushes and reports the totals. */
    public LoadResult finish(String file, long startNanos) {
        flush();
        return new LoadResult(file, commands, batches, eventsStored, duplicates, identifiesApplied,
                groupIdentifiesApplied, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private List<Command> newBatch() {
        return new ArrayList<>(Math.min(batchSize, 16_384));
    }
}
