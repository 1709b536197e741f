package io.troupe.storage;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.backup.FileCopier;
import io.troupe.storage.backup.StoreCopy;
import io.troupe.storage.catalog.Catalog;
import io.troupe.storage.columns.EventColumns;
import io.troupe.storage.dedup.DedupIndex;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.encoding.ByteWriter;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.CommandSink;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.IngestResult;
import io.troupe.storage.groups.GroupPropertyHistory;
import io.troupe.storage.groups.UserDirectory;
import io.troupe.storage.ingest.BatchCodec;
import io.troupe.storage.ingest.EventEncoder;
import io.troupe.storage.ingest.EventPreparer;
import io.troupe.storage.ingest.Resolved;
import io.troupe.storage.ingest.Resolver;
import io.troupe.storage.partition.CheckpointFiles;
import io.troupe.storage.partition.Manifest;
import io.troupe.storage.partition.PartitionSet;
import io.troupe.storage.read.Segment;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentWriter;
import io.troupe.storage.tail.Tail;
import io.troupe.storage.wal.WalRecovery;
import io.troupe.storage.wal.WriteAheadLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One project's event store: the write path (validate, resolve, dedup, WAL, tail), flush to segments,
 * recovery, maintenance (compaction, retention, user deletion) and consistent snapshots for readers.
 *
 * <p>Concurrency: ingest batches are resolved and appended under one lock, in WAL order; the fsync
 * happens outside it, shared by every writer waiting (group commit). Readers take snapshots without
 * blocking writers. Flush, compaction and deletion run one at a time ({@code maintenanceLock}).
 */
public final class EventStore implements CommandSink, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
    private static final String RUNNING_MARKER = "RUNNING";
    private static final int TAIL_CAPACITY = 1 << 16;

    private final StoreConfig config;
    private final Path dir;
    private final BufferAllocator allocator;
    private final Catalog catalog;
    private final io.troupe.storage.cohort.CohortStore cohorts;
    private final io.troupe.storage.dynamic.DynamicProperties dynamicProperties;
    private final Dictionaries dictionaries;
    private final UserDirectory users;
    private final GroupPropertyHistory history = new GroupPropertyHistory();
    private final DedupIndex dedup;
    private final Resolver resolver;
    private final EventEncoder encoder;
    private final EventPreparer preparer;
    private final SegmentWriter segmentWriter;
    private final PartitionSet partitions;
    private final ReentrantLock ingestLock = new ReentrantLock();
    private final ReentrantLock maintenanceLock = new ReentrantLock();
    private final ByteWriter walBuffer = new ByteWriter(1 << 16);
    private final Object stateLock = new Object();
    private final WriteAheadLog wal;

    private final java.util.concurrent.ExecutorService flusher;
    private final java.util.concurrent.atomic.AtomicBoolean flushQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final CheckpointFiles checkpoints;
    private Tail active; // guarded by stateLock for readers, ingestLock for writers
    private PendingFlush pending; // guarded by stateLock
    private volatile boolean closed;

    /** A frozen tail being flushed, with the state the checkpoint after it records. */
    private record PendingFlush(Tail tail, long walPosition, DedupIndex dedup, long dedupNotBefore,
                                List<Resolved.GroupChange> history) {
    }

    private EventStore(StoreConfig config) {
        this.config = config;
        this.dir = config.directory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "creating " + dir + ": " + e.getMessage());
        }
        boolean unclean = Files.exists(dir.resolve(RUNNING_MARKER));
        // What is opened so far, closed again if opening fails half-way (a failed open must not hold files).
        java.util.Deque<AutoCloseable> opened = new java.util.ArrayDeque<>();
        try {
            this.allocator = track(opened, new RootAllocator());
            this.catalog = Catalog.open(config.project(), dir, config.fileIO(), config.maxGroupTypes(),
                    config.maxGroupPropertyNames());
            this.cohorts = io.troupe.storage.cohort.CohortStore.open(dir, config.fileIO());
            this.dynamicProperties = io.troupe.storage.dynamic.DynamicProperties.open(dir, config.fileIO());
            this.dictionaries = track(opened, new Dictionaries(dir.resolve("dict"), config.expectedEntries(),
                    config.heapCacheEntries(), unclean));
            this.users = track(opened, UserDirectory.open(dir.resolve("users.dat"), config.expectedEntries(), 1_000_000, unclean));
            this.checkpoints = new CheckpointFiles(dir, config.fileIO());
            this.dedup = checkpoints.readDedup();
            this.dedup.setWindowMillis(config.dedupWindowMillis());
            checkpoints.readGroupHistory(history);
            this.resolver = new Resolver(catalog, users, history, dedup);
            this.encoder = new EventEncoder(dictionaries);
            this.preparer = new EventPreparer(dictionaries);
            this.segmentWriter = new SegmentWriter(allocator, config.fileIO(), config.batchRows());
            this.partitions = track(opened, PartitionSet.load(dir.resolve("events"), config, allocator));
            this.active = new Tail(TAIL_CAPACITY);
            WalRecovery.Result recovered = WalRecovery.replay(dir.resolve("wal"), config.fileIO(),
                    checkpoints.current().walPosition(), this::replay);
            active.publish(active.columns().rows());
            if (recovered.records() > 0 || recovered.problem() != null) {
                LOG.info("Project {}: replayed {} WAL records ({} events in the tail){}", config.project(),
                        recovered.records(), active.columns().rows(),
                        recovered.problem() == null ? "" : "; stopped at " + recovered.problem());
            }
            this.wal = track(opened, new WriteAheadLog(dir.resolve("wal"), config.fileIO(), recovered.endPosition(),
                    config.walFileBytes(), config.walSyncEveryMillis(), config.walPreallocate()));
            Files.writeString(dir.resolve(RUNNING_MARKER), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            closeAll(opened);
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "writing the running marker: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
        this.flusher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "troupe-flush-" + config.project());
            t.setDaemon(true);
            return t;
        });
    }

    private static <T extends AutoCloseable> T track(java.util.Deque<AutoCloseable> opened, T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes each resource, last opened first, even when some fail; the first failure is thrown at the end. */
    private static void closeAll(java.util.Deque<AutoCloseable> resources) {
        RuntimeException failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new TroupeException(ErrorCode.STORAGE_IO, e, e.toString());
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Opens (recovering if needed) or creates the store of one project. */
    public static EventStore open(StoreConfig config) {
        return new EventStore(config);
    }

    public StoreConfig config() {
        return config;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The project's saved cohorts (definitions and stored members). */
    public io.troupe.storage.cohort.CohortStore cohorts() {
        return cohorts;
    }

    /** The project's dynamic group property definitions (docs/dynamic-properties.md). */
    public io.troupe.storage.dynamic.DynamicProperties dynamicProperties() {
        return dynamicProperties;
    }

    public Dictionaries dictionaries() {
        return dictionaries;
    }

    public UserDirectory users() {
        return users;
    }

    public GroupPropertyHistory groupHistory() {
        return history;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    // ---------------------------------------------------------------------------------------------- ingest

    /**
     * Stores a batch durably, all or nothing: returns once the batch is in the WAL and fsynced (or, with
     * periodic sync, appended); the events are then visible to new snapshots.
     */
    @Override
    public IngestResult ingest(List<? extends Command> batch) {
        if (batch.isEmpty()) {
            return new IngestResult(0, 0, 0, 0, wal.position());
        }
        Tail tail;
        int rowsEnd;
        long position;
        Resolver.Resolution resolution;
        List<Resolved.Prepared> prepared = preparer.prepare(batch); // outside the lock: writers prepare in parallel
        ingestLock.lock();
        try {
            checkOpen();
            long now = config.clock().millis();
            resolution = resolver.resolve(batch, prepared, now, config.dedupWindowMillis());
            if (resolution.resolved.isEmpty()) {
                position = wal.position(); // all duplicates: wait for what they duplicate to be durable
            } else {
                encoder.prepare(resolution.resolved);
                resolution.commit(catalog, now);
                walBuffer.reset();
                BatchCodec.encode(resolution.resolved, now, walBuffer);
                position = wal.append(walBuffer.array(), walBuffer.size());
                try {
                    apply(resolution.resolved, active, Long.MAX_VALUE, true, now);
                } catch (RuntimeException | Error e) {
                    // The batch is logged but only partly applied in memory: memory no longer matches the
                    // WAL, so the store stops writing; a restart applies the whole batch from the WAL.
                    wal.markFailed(e);
                    throw new TroupeException(ErrorCode.STORAGE_FAILED, e, config.project(),
                            "a logged batch could not be applied in memory: " + e);
                }
            }
            tail = active;
            rowsEnd = tail.columns().rows();
        } finally {
            ingestLock.unlock();
        }
        wal.awaitDurable(position);
        tail.publish(rowsEnd);
        if (config.flushThresholdRows() > 0 && rowsEnd >= config.flushThresholdRows()) {
            flushInBackground();
        }
        return new IngestResult(resolution.events, resolution.duplicates, resolution.identifies,
                resolution.groupIdentifies, position);
    }

    /**
     * Applies logged commands to the in-memory state. On replay, events of a partition already flushed
     * past {@code position} are skipped (they are in a segment) but still count for dedup.
     */
    private void apply(List<Resolved> batch, Tail tail, long position, boolean live, long now) {
        synchronized (tail.appendLock()) { // once per batch: snapshots wait at most one batch
            applyTo(batch, tail.columns(), position, live, now);
        }
    }

    private void applyTo(List<Resolved> batch, EventColumns columns, long position, boolean live, long now) {
        addDedupKeys(batch, now);
        for (Resolved r : batch) {
            if (r instanceof Resolved.Event e) {
                if (live || position >= partitions.flushedWalPosition(e.time())) {
                    encoder.append(e, columns);
                }
            } else if (r instanceof Resolved.Identify i) {
                Map<Integer, List<String>> groups = new TreeMap<>();
                i.groups().forEach(g -> groups.put(g.groupTypeId(), g.values()));
                users.put(i.userId(), new UserDirectory.User(groups, i.userPropertiesAfter()));
                resolver.forgetUser(dictionaries.users().idOf(i.userId()));
            } else if (r instanceof Resolved.GroupChange g) {
                history.apply(g, true);
            }
        }
    }

    /** Records the dedup keys of a batch's events in one loop over the index ({@link DedupIndex#addAll}). */
    private void addDedupKeys(List<Resolved> batch, long now) {
        long[] h1 = new long[batch.size()];
        long[] h2 = new long[batch.size()];
        int keys = 0;
        for (Resolved r : batch) {
            if (r instanceof Resolved.Event e && e.prepared().hasDedupKey()) {
                h1[keys] = e.prepared().dedupHash1();
                h2[keys] = e.prepared().dedupHash2();
                keys++;
            }
        }
        dedup.addAll(h1, h2, keys, now);
    }

    private void replay(long position, byte[] payload) {
        BatchCodec.Decoded batch = BatchCodec.decode(payload);
        apply(prepareReplayed(batch.commands()), active, position, false, batch.ingestTime());
    }

    /**
     * The replayed events prepared as live ones are (dictionary ids, property bytes, dedup hashes, a batch at a
     * time), so that one path applies both; the WAL holds their strings and properties as sent.
     */
    private List<Resolved> prepareReplayed(List<Resolved> commands) {
        List<Event> events = new ArrayList<>(commands.size());
        for (Resolved r : commands) {
            if (r instanceof Resolved.Event e) {
                events.add(new Event(e.time(), e.eventType(), e.userId(), e.deviceId(), e.insertId(), Map.of(),
                        e.eventProperties(), e.userProperties()));
            }
        }
        if (events.isEmpty()) {
            return commands;
        }
        List<Resolved.Prepared> prepared = preparer.prepare(events);
        List<Resolved> result = new ArrayList<>(commands.size());
        int next = 0;
        for (Resolved r : commands) {
            result.add(r instanceof Resolved.Event e ? e.withPrepared(prepared.get(next++)) : r);
        }
        return result;
    }

    // ----------------------------------------------------------------------------------------------- reads

    /** A consistent view of the events with {@code from <= event_time < to}; close it when done. */
    public Snapshot snapshot(long from, long to) {
        List<Segment> segments;
        List<EventColumns> tails = new ArrayList<>(2);
        synchronized (stateLock) {
            checkOpen();
            segments = partitions.acquire(from, to, pending == null ? Long.MAX_VALUE : pending.walPosition());
            if (pending != null) {
                tails.add(pending.tail().view());
            }
            tails.add(active.view());
        }
        return new Snapshot(segments, tails, catalog.state(), from, to, allocator, config.batchRows());
    }

    /** Rows in segments and the tail (all visible data). */
    public long rowCount() {
        try (Snapshot s = snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return s.rowsUpperBound();
        }
    }

    /**
     * The events a new snapshot would see, counted from the manifests and the tails' visible rows without
     * acquiring a segment (no file is opened, unmapped or deleted): cheap enough for a metrics scrape.
     */
    public long eventCount() {
        synchronized (stateLock) {
            long rows = partitions.rowsBelow(pending == null ? Long.MAX_VALUE : pending.walPosition());
            if (pending != null) {
                rows += pending.tail().visibleRows();
            }
            return rows + active.visibleRows();
        }
    }

    public PartitionSet partitions() {
        return partitions;
    }

    // ----------------------------------------------------------------------------------------------- flush

    /**
     * Writes the tail as segments (one per partition), records a checkpoint and trims the WAL. Ingest
     * continues meanwhile into a new tail; readers see the frozen tail until its segments are listed.
     * A failed flush leaves everything readable and is retried by the next call.
     */
    public void flush() {
        maintenanceLock.lock();
        try {
            checkOpen();
            finishPendingFlush();
            PendingFlush job = freeze();
            if (job != null) {
                complete(job);
            }
        } finally {
            maintenanceLock.unlock();
        }
    }

    /** Completes a flush that failed earlier (its frozen tail is still read from memory). Maintenance lock held. */
    private void finishPendingFlush() {
        PendingFlush job;
        synchronized (stateLock) {
            job = pending;
        }
        if (job != null) {
            complete(job);
        }
    }

    private void complete(PendingFlush job) {
        writeFlush(job);
        synchronized (stateLock) {
            pending = null;
        }
        wal.deleteFilesBelow(job.walPosition());
    }

    /** Queues one background flush (if none is queued); a failure is logged and retried by the next one. */
    private void flushInBackground() {
        if (closed || !flushQueued.compareAndSet(false, true)) {
            return;
        }
        flusher.execute(() -> {
            flushQueued.set(false);
            try {
                if (!closed) {
                    flush();
                }
            } catch (RuntimeException e) {
                LOG.error("Background flush of project {} failed; the events stay in the WAL and the tail", config.project(), e);
            }
        });
    }

    private PendingFlush freeze() {
        ingestLock.lock();
        try {
            if (active.columns().rows() == 0 && wal.position() == checkpoints.current().walPosition()) {
                return null;
            }
            wal.roll(); // makes everything durable and starts a new file at the freeze position
            users.startFlush(); // the user records logged before the freeze position go to users.dat with it
            Tail frozen = active;
            frozen.publish(frozen.columns().rows());
            PendingFlush job = new PendingFlush(frozen, wal.position(),
                    dedup.copy(), config.clock().millis() - config.dedupWindowMillis(), history.drainPending());
            synchronized (stateLock) {
                pending = job;
                active = new Tail(TAIL_CAPACITY);
            }
            return job;
        } finally {
            ingestLock.unlock();
        }
    }

    private void writeFlush(PendingFlush job) {
        partitions.writeTail(job.tail().view(), job.walPosition(), segmentWriter);
        users.persistFlushing(); // before the checkpoint: replay from it no longer puts these records
        checkpoints.write(job.walPosition(), job.dedup(), job.dedupNotBefore(), job.history());
    }

    // ----------------------------------------------------------------------------------------- maintenance

    /** Merges each partition's segments into one when it has more than {@code maxSegments}. Returns partitions compacted. */
    public int compact(int maxSegments) {
        maintenanceLock.lock();
        try {
            checkOpen();
            // A pending flush's segments are hidden from readers by WAL position; a merged segment must not
            // mix them with older ones, so the pending flush completes first (or this fails with its error).
            finishPendingFlush();
            return partitions.compact(maxSegments, segmentWriter);
        } finally {
            maintenanceLock.unlock();
        }
    }

    /** Drops whole partitions that end at or before {@code time} (retention). Returns partitions dropped. */
    public int dropPartitionsBefore(long time) {
        maintenanceLock.lock();
        try {
            checkOpen();
            flush();
            return partitions.dropBefore(time);
        } finally {
            maintenanceLock.unlock();
        }
    }

    /**
     * Deletes every event of one user ingested before this call (privacy deletion) by rewriting the
     * segments that hold them, and forgets the user's groups and properties. Returns events deleted.
     */
    public long deleteUser(String userId) {
        maintenanceLock.lock();
        try {
            checkOpen();
            flush();
            int id = dictionaries.users().idOf(userId);
            long deleted = id < 0 ? 0 : partitions.deleteUser(id, segmentWriter);
            ingestLock.lock();
            try {
                users.remove(userId);
                resolver.forgetUser(id);
            } finally {
                ingestLock.unlock();
            }
            return deleted;
        } finally {
            maintenanceLock.unlock();
        }
    }

    /** Tail rows not yet flushed (for scheduling flushes and metrics). */
    public int tailRows() {
        synchronized (stateLock) {
            return active.columns().rows() + (pending == null ? 0 : pending.tail().columns().rows());
        }
    }

    public long walPosition() {
        return wal.position();
    }

    /** The WAL position of the last checkpoint: everything logged below it is in segments and checkpoint files. */
    public long flushedWalPosition() {
        return checkpoints.current().walPosition();
    }

    // -------------------------------------------------------------------------------------------- snapshots

    /**
     * Writes a consistent copy of the store into {@code target} (a folder that must not exist): every batch
     * acknowledged before the call, with the dictionaries, catalog, user directory, group property history,
     * checkpoint, manifests and cohorts that match. Opening the copy as a store recovers it like a store after a
     * crash: it holds the running marker, so its Chronicle Maps are checked and their lock words reset, and
     * the WAL records after its checkpoint are replayed.
     *
     * <p>How: flush first (most events move to segments), then, with flushes and compactions held off,
     * hard-link the segments and checkpoint files (never changed in place) and copy the manifests; then hold
     * off writers only while the mutable files are copied: the WAL since the checkpoint (made durable
     * first), the catalog, the dictionaries and the user directory. Readers are never blocked.
     *
     * @throws TroupeException {@code INVALID_ARGUMENT} when {@code target} exists, {@code STORAGE_IO} when
     *                         a file cannot be copied (the partial copy is left for the caller to delete)
     */
    public StoreCopy snapshotTo(Path target) {
        long started = System.nanoTime();
        maintenanceLock.lock();
        try {
            checkOpen();
            if (Files.exists(target)) {
                throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "the snapshot folder " + target + " already exists");
            }
            flush();
            FileCopier copier = new FileCopier(config.fileIO());
            partitions.copyTo(target.resolve("events"), copier);
            checkpoints.copyTo(target, copier);
            long position;
            long tailEvents;
            long held = System.nanoTime();
            ingestLock.lock();
            try {
                checkOpen();
                wal.copyTo(target.resolve("wal"), copier);
                Path catalogFile = dir.resolve(Catalog.FILE_NAME);
                if (Files.exists(catalogFile)) {
                    copier.copy(catalogFile, target.resolve(Catalog.FILE_NAME));
                }
                cohorts.copyTo(target, copier);
                Path dynamicFile = dynamicProperties.file();
                if (Files.exists(dynamicFile)) {
                    copier.copy(dynamicFile, target.resolve(dynamicFile.getFileName()));
                }
                dictionaries.copyTo(target.resolve("dict"), copier);
                users.copyTo(target.resolve("users.dat"), copier);
                position = wal.position();
                tailEvents = active.columns().rows();
            } finally {
                ingestLock.unlock();
            }
            long heldMillis = (System.nanoTime() - held) / 1_000_000;
            copier.write(target.resolve(RUNNING_MARKER), ("snapshot of " + config.project() + " at WAL position "
                    + position + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            copier.finish(target);
            long segmentEvents = 0;
            for (Manifest m : partitions.manifests().values()) {
                segmentEvents += m.rows();
            }
            return new StoreCopy(position, segmentEvents + tailEvents, copier.filesCopied(), copier.bytesCopied(),
                    copier.filesLinked(), copier.bytesLinked(), (System.nanoTime() - started) / 1_000_000, heldMillis);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "writing the snapshot " + target + ": " + e.getMessage());
        } finally {
            maintenanceLock.unlock();
        }
    }

    /**
     * The live process that has the store in {@code directory} open, from its running marker; empty when no
     * process has it open (never opened, closed cleanly, or its process is gone: a crash). A process id can be
     * reused, so a marker left by a crash may name an unrelated live process: callers then refuse to act,
     * which is the safe mistake.
     */
    public static java.util.OptionalLong openedBy(Path directory) {
        Path marker = directory.resolve(RUNNING_MARKER);
        try {
            if (!Files.isRegularFile(marker)) {
                return java.util.OptionalLong.empty();
            }
            long pid = Long.parseLong(Files.readString(marker).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? java.util.OptionalLong.of(pid) : java.util.OptionalLong.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty(); // a snapshot's marker: no process
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "reading " + marker + ": " + e.getMessage());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new TroupeException(ErrorCode.STORAGE_CLOSED, config.project());
        }
    }

    /** Flushes, closes every file and releases memory; the next open needs no recovery. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (wal.failure() == null) {
                flush();
            }
        } catch (RuntimeException e) {
            LOG.error("Flush on close failed; the WAL keeps the events for the next start", e);
        } finally {
            closed = true;
            closeFiles();
            if (wal.failure() == null) {
                try {
                    Files.deleteIfExists(dir.resolve(RUNNING_MARKER));
                } catch (IOException e) {
                    LOG.warn("Could not remove the running marker", e);
                }
            }
        }
    }

    /** Closes every file and the allocator, each even when another fails. */
    private void closeFiles() {
        java.util.Deque<AutoCloseable> resources = new java.util.ArrayDeque<>();
        for (AutoCloseable r : new AutoCloseable[] {allocator, dictionaries, users, partitions, wal}) {
            resources.push(r);
        }
        closeAll(resources);
    }

    /**
     * Closes the files as a killed process would leave them: no flush, the running marker stays, so the
     * next open recovers from the WAL. For tests of recovery inside one JVM (Chronicle Map allows one
     * open instance per file); the crash tests kill a real process.
     */
    public void abandon() {
        closed = true;
        flusher.shutdownNow();
        try {
            flusher.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        users.dropUnpersisted(); // a killed process loses the user records not yet written back
        closeFiles();
    }

    /** Partition starts and their manifests, for tools and tests. */
    public NavigableMap<Long, Manifest> manifests() {
        return partitions.manifests();
    }
}
