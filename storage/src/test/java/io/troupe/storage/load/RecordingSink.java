package io.troupe.storage.load;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.CommandSink;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Identify;
import io.troupe.storage.event.IngestResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fake store for loader tests: records every batch, drops events whose insert id it has seen (as the
 * real store's dedup does), and can be told to fail on the n-th batch.
 */
final class RecordingSink implements CommandSink {
    final List<List<Command>> batches = new ArrayList<>();
    private final Set<String> insertIds = new HashSet<>();
    private int failOnBatch = -1;

    RecordingSink failOnBatch(int oneBased) {
        this.failOnBatch = oneBased;
        return this;
    }

    @Override
    public IngestResult ingest(List<? extends Command> batch) {
        if (batches.size() + 1 == failOnBatch) {
            throw new TroupeException(ErrorCode.STORAGE_IO, "writing the WAL: disk full");
        }
        batches.add(List.copyOf(batch));
        int stored = 0;
        int duplicates = 0;
        int identifies = 0;
        int groupIdentifies = 0;
        for (Command command : batch) {
            if (command instanceof Event event) {
                if (event.insertId() != null && !insertIds.add(event.insertId())) {
                    duplicates++;
                } else {
                    stored++;
                }
            } else if (command instanceof Identify) {
                identifies++;
            } else if (command instanceof GroupIdentify) {
                groupIdentifies++;
            }
        }
        return new IngestResult(stored, duplicates, identifies, groupIdentifies, batches.size());
    }

    List<Command> commands() {
        List<Command> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    List<Event> events() {
        return commands().stream().map(Event.class::cast).toList();
    }

    List<Integer> batchSizes() {
        return batches.stream().map(List::size).toList();
    }
}
