package io.troupe.storage.partition;

import java.util.List;

/**
 * The store's checkpoint ({@code checkpoint.json}): the WAL position whose effects are all in files, the
 * dedup index as of that position, and the group property history files. Recovery starts from here.
 */
public record Checkpoint(int formatVersion, long walPosition, String dedupFile, List<String> groupHistoryFiles) {
    public static final int FORMAT_VERSION = 1;

    public Checkpoint {
        groupHistoryFiles = List.copyOf(groupHistoryFiles);
    }

    public static Checkpoint initial() {
        return new Checkpoint(FORMAT_VERSION, 0, null, List.of());
    }
}
