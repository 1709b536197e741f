package io.troupe.storage;

import io.troupe.storage.io.FileIO;
import io.troupe.storage.partition.Partitioning;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of one project's store. Immutable; {@code with...} methods return changed copies.
 *
 * @param project               the project name
 * @param directory             the project's folder ({@code data/<project>})
 * @param maxGroupTypes         at most this many group types (default 5)
 * @param maxGroupPropertyNames at most this many distinct group property names (default 1000)
 * @param partitioning          time partitions (default UTC days)
 * @param walSyncEveryMillis    0 (default): acknowledge after fsync with group commit; n > 0: fsync every n ms
 *                              and acknowledge at once (faster; a machine crash can lose n ms of events)
 * @param dedupWindowMillis     insert ids are remembered this long (default 7 days)
 * @param batchRows             rows per Arrow record batch in segments and scans
 * @param expectedEntries       sizing hint of the dictionaries and the user directory: their files are
 *                              allocated for this many entries and grow (more slowly) up to 1000 times past it
 * @param heapCacheEntries      dictionary ids kept on the heap per domain
 * @param walFileBytes          a WAL file is closed and a new one started past this size
 * @param walPreallocate        true (default): once a WAL file holds 1/16 of its size, the next one is prepared in the
 *                              background, zero-filled to {@code walFileBytes} and fsynced, because an fsync of
 *                              bytes written over zeros already on disk is about half as slow as one that also
 *                              grows the file; costs one spare file of {@code walFileBytes} on disk
 * @param flushThresholdRows    the store flushes by itself (in the background) once the tail holds this many
 *                              rows; 0 leaves flushing to the caller
 * @param clock                 the store's clock (ingest time for dedup; tests move it)
 * @param fileIO                the file-system facade (tests inject faults)
 */
public record StoreConfig(String project, Path directory, int maxGroupTypes, int maxGroupPropertyNames,
                          Partitioning partitioning, long walSyncEveryMillis, long dedupWindowMillis, int batchRows,
                          long expectedEntries, int heapCacheEntries, long walFileBytes, boolean walPreallocate,
                          int flushThresholdRows, Clock clock, FileIO fileIO) {
    public StoreConfig {
        Objects.requireNonNull(project, "project is null");
        Objects.requireNonNull(directory, "directory is null");
        Objects.requireNonNull(partitioning, "partitioning is null");
        Objects.requireNonNull(clock, "clock is null");
        Objects.requireNonNull(fileIO, "fileIO is null");
        if (maxGroupTypes < 1 || maxGroupPropertyNames < 1 || batchRows < 1) {
            throw new IllegalArgumentException("limits and batch size must be positive");
        }
    }

    public static StoreConfig defaults(String project, Path directory) {
        return new StoreConfig(project, directory, 5, 1000, Partitioning.DAY, 0, 7L * 24 * 3600 * 1000, 65_536,
                100_000, 4_000_000, 256L << 20, true, 2_000_000, Clock.systemUTC(), FileIO.local());
    }

    public StoreConfig withLimits(int groupTypes, int groupPropertyNames) {
        return toBuilder().set(b -> {
            b.maxGroupTypes = groupTypes;
            b.maxGroupPropertyNames = groupPropertyNames;
        });
    }

    public StoreConfig withPartitioning(Partitioning p) {
        return toBuilder().set(b -> b.partitioning = p);
    }

    public StoreConfig withWalSyncEveryMillis(long millis) {
        return toBuilder().set(b -> b.walSyncEveryMillis = millis);
    }

    public StoreConfig withBatchRows(int rows) {
        return toBuilder().set(b -> b.batchRows = rows);
    }

    public StoreConfig withExpectedEntries(long entries) {
        return toBuilder().set(b -> b.expectedEntries = entries);
    }

    public StoreConfig withClock(Clock c) {
        return toBuilder().set(b -> b.clock = c);
    }

    public StoreConfig withFileIO(FileIO io) {
        return toBuilder().set(b -> b.fileIO = io);
    }

    public StoreConfig withFlushThresholdRows(int rows) {
        return toBuilder().set(b -> b.flushThresholdRows = rows);
    }

    public StoreConfig withWalFileBytes(long bytes) {
        return toBuilder().set(b -> b.walFileBytes = bytes);
    }

    public StoreConfig withWalPreallocation(boolean preallocate) {
        return toBuilder().set(b -> b.walPreallocate = preallocate);
    }

    private Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of a config: the {@code with...} methods change one field of it. */
    private static final class Builder {
        String project;
        Path directory;
        int maxGroupTypes;
        int maxGroupPropertyNames;
        Partitioning partitioning;
        long walSyncEveryMillis;
        long dedupWindowMillis;
        int batchRows;
        long expectedEntries;
        int heapCacheEntries;
        long walFileBytes;
        boolean walPreallocate;
        int flushThresholdRows;
        Clock clock;
        FileIO fileIO;

        Builder(StoreConfig c) {
            project = c.project;
            directory = c.directory;
            maxGroupTypes = c.maxGroupTypes;
            maxGroupPropertyNames = c.maxGroupPropertyNames;
            partitioning = c.partitioning;
            walSyncEveryMillis = c.walSyncEveryMillis;
            dedupWindowMillis = c.dedupWindowMillis;
            batchRows = c.batchRows;
            expectedEntries = c.expectedEntries;
            heapCacheEntries = c.heapCacheEntries;
            walFileBytes = c.walFileBytes;
            walPreallocate = c.walPreallocate;
            flushThresholdRows = c.flushThresholdRows;
            clock = c.clock;
            fileIO = c.fileIO;
        }

        StoreConfig set(java.util.function.Consumer<Builder> change) {
            change.accept(this);
            return new StoreConfig(project, directory, maxGroupTypes, maxGroupPropertyNames, partitioning,
                    walSyncEveryMillis, dedupWindowMillis, batchRows, expectedEntries, heapCacheEntries, walFileBytes,
                    walPreallocate, flushThresholdRows, clock, fileIO);
        }
    }
}
