package io.troupe.storage.partition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.backup.FileCopier;
import io.troupe.storage.columns.EventColumns;
import io.troupe.storage.read.Segment;
import io.troupe.storage.segment.SegmentInfo;
import io.troupe.storage.segment.SegmentRows;
import io.troupe.storage.segment.SegmentWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time partitions of a project's events ({@code events/<key>/}), each a manifest and its segments.
 * Every change writes the new manifest atomically before it is published; replaced segments are deleted
 * once no snapshot reads them. On load, files no manifest names (left by a crash mid-flush) are deleted.
 */
public final class PartitionSet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionSet.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String MANIFEST = "manifest.json";

    private record State(Manifest manifest, List<Segment> segments) {
    }

    private final Path dir;
    private final StoreConfig config;
    private final Partitioning partitioning;
    private final BufferAllocator allocator;
    private final TreeMap<Long, State> partitions = new TreeMap<>(); // guarded by this

    private PartitionSet(Path dir, StoreConfig config, BufferAllocator allocator) {
        this.dir = dir;
        this.config = config;
        this.partitioning = config.partitioning();
        this.allocator = allocator;
    }

    public static PartitionSet load(Path dir, StoreConfig config, BufferAllocator allocator) {
        PartitionSet set = new PartitionSet(dir, config, allocator);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> folders = Files.list(dir)) {
                for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                    set.loadPartition(folder);
                }
            }
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "reading " + dir + ": " + e.getMessage());
        }
        return set;
    }

    private void loadPartition(Path folder) throws IOException {
        Path file = folder.resolve(MANIFEST);
        Set<String> named = new HashSet<>();
        if (Files.exists(file)) {
            Manifest manifest = JSON.readValue(file.toFile(), Manifest.class);
            if (manifest.formatVersion() > Manifest.FORMAT_VERSION) {
                throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, file, manifest.formatVersion(),
                        Manifest.FORMAT_VERSION);
            }
            List<Segment> segments = new ArrayList<>();
            for (SegmentInfo info : manifest.segments()) {
                Path segment = folder.resolve(info.name());
                if (!Files.exists(segment)) {
                    throw new TroupeException(ErrorCode.STORAGE_CORRUPT, segment, "named by " + file + " but missing");
                }
                named.add(info.name());
                segments.add(new Segment(segment, info, manifest.start(), allocator));
            }
            partitions.put(manifest.start(), new State(manifest, segments));
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals(MANIFEST) && !named.contains(name)) {
                    LOG.info("Deleting {}: no manifest names it (left by an interrupted flush or rewrite)", f);
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * The segments of partitions overlapping {@code [from, to)} written below WAL position
     * {@code walLimit}, each acquired for the caller. While a flush is in progress its frozen tail is still
     * read from memory, so the segments it has already published (at its position) must be left out.
     */
    public synchronized List<Segment> acquire(long from, long to, long walLimit) {
        List<Segment> result = new ArrayList<>();
        long firstStart = from == Long.MIN_VALUE ? Long.MIN_VALUE : partitioning.startOf(Math.max(0, from));
        for (State state : partitions.tailMap(firstStart, true).values()) {
            if (state.manifest().start() >= to) {
                break;
            }
            for (Segment s : state.segments()) {
                if (s.info().maxTime() >= from && s.info().minTime() < to && s.info().walPosition() < walLimit
                        && s.acquire()) {
                    result.add(s);
                }
            }
        }
        return result;
    }

    /** Rows of the segments written below WAL position {@code walLimit} (see {@link #acquire}). */
    public synchronized long rowsBelow(long walLimit) {
        long rows = 0;
        for (State state : partitions.values()) {
            for (Segment s : state.segments()) {
                if (s.info().walPosition() < walLimit) {
                    rows += s.info().rows();
                }
            }
        }
        return rows;
    }

    /** The WAL position below which the events of {@code time}'s partition are in segments (-1: none). */
    public synchronized long flushedWalPosition(long time) {
        State state = partitions.get(partitioning.startOf(time));
        return state == null ? -1 : state.manifest().flushedWalPosition();
    }

    public synchronized NavigableMap<Long, Manifest> manifests() {
        TreeMap<Long, Manifest> result = new TreeMap<>();
        partitions.forEach((start, state) -> result.put(start, state.manifest()));
        return result;
    }

    /** Writes the rows of a frozen tail as one new segment per partition they fall in. */
    public void writeTail(EventColumns rows, long walPosition, SegmentWriter writer) {
        Map<Long, int[]> byPartition = splitByPartition(rows);
        for (Map.Entry<Long, int[]> entry : byPartition.entrySet()) {
            long start = entry.getKey();
            if (flushedWalPosition(start) >= walPosition) {
                continue; // written by an earlier attempt of this flush
            }
            int[] order = sortByTime(rows, entry.getValue(), start);
            String name = String.format("seg-%020d.arrow", walPosition);
            addSegment(start, rows, order, name, walPosition, writer, List.of());
        }
    }

    /**
     * The rows of each partition, by partition start. Partitions are few and rows many: the distinct starts
     * go in a sorted primitive array and each row finds its partition by binary search (no object per row).
     */
    private Map<Long, int[]> splitByPartition(EventColumns rows) {
        int n = rows.rows();
        long[] times = rows.time.array();
        long[] starts = new long[n];
        for (int row = 0; row < n; row++) {
            starts[row] = partitioning.startOf(times[row]);
        }
        long[] distinct = Arrays.stream(starts).distinct().sorted().toArray();
        int[] partitionOf = new int[n];
        int[] sizes = new int[distinct.length];
        for (int row = 0; row < n; row++) {
            partitionOf[row] = Arrays.binarySearch(distinct, starts[row]);
            sizes[partitionOf[row]]++;
        }
        int[][] members = new int[distinct.length][];
        for (int p = 0; p < distinct.length; p++) {
            members[p] = new int[sizes[p]];
            sizes[p] = 0;
        }
        for (int row = 0; row < n; row++) {
            int p = partitionOf[row];
            members[p][sizes[p]++] = row;
        }
        Map<Long, int[]> byPartition = new TreeMap<>();
        for (int p = 0; p < distinct.length; p++) {
            byPartition.put(distinct[p], members[p]);
        }
        return byPartition;
    }

    /** Sorts rows by (time, row) with one primitive sort of packed keys: offsets fit 32 bits, rows 31. */
    private static int[] sortByTime(EventColumns rows, int[] selected, long start) {
        long[] keys = new long[selected.length];
        for (int i = 0; i < selected.length; i++) {
            keys[i] = ((rows.time.get(selected[i]) - start) << 31) | selected[i];
        }
        Arrays.sort(keys);
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = (int) (keys[i] & 0x7FFFFFFFL);
        }
        return order;
    }

    /** Writes a segment and a manifest that adds it and drops {@code replaced}; then publishes both. */
    private void addSegment(long start, EventColumns rows, int[] order, String name, long walPosition,
                            SegmentWriter writer, List<Segment> replaced) {
        String key = partitioning.key(start);
        Path folder = dir.resolve(key);
        try {
            config.fileIO().createDirectories(folder);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "creating " + folder + ": " + e.getMessage());
        }
        SegmentInfo info = order.length == 0 ? null : writer.write(rows, order, order.length, start,
                partitioning.needsWideTime(), key, folder.resolve(name), walPosition);
        State old;
        synchronized (this) {
            old = partitions.get(start);
        }
        List<Segment> segments = new ArrayList<>();
        List<SegmentInfo> infos = new ArrayList<>();
        if (old != null) {
            for (Segment s : old.segments()) {
                if (!replaced.contains(s)) {
                    segments.add(s);
                    infos.add(s.info());
                }
            }
        }
        if (info != null) {
            segments.add(new Segment(folder.resolve(name), info, start, allocator));
            infos.add(info);
        }
        publish(start, key, folder, segments, infos, replaced);
    }

    private void publish(long start, String key, Path folder, List<Segment> segments, List<SegmentInfo> infos,
                         List<Segment> replaced) {
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, key, start, partitioning.next(start), infos);
        try {
            config.fileIO().writeAtomically(folder.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "writing " + folder.resolve(MANIFEST) + ": " + e.getMessage());
        }
        synchronized (this) {
            partitions.put(start, new State(manifest, List.copyOf(segments)));
        }
        replaced.forEach(Segment::retire);
    }

    /** Merges the segments of each partition that has more than {@code maxSegments}. */
    public int compact(int maxSegments, SegmentWriter writer) {
        int compacted = 0;
        for (Map.Entry<Long, Manifest> entry : manifests().entrySet()) {
            State state;
            synchronized (this) {
                state = partitions.get(entry.getKey());
            }
            if (state == null || state.segments().size() <= Math.max(1, maxSegments)) {
                continue;
            }
            EventColumns rows = new EventColumns((int) Math.min(Integer.MAX_VALUE - 8, state.manifest().rows()));
            for (Segment s : state.segments()) {
                SegmentRows.appendTo(s.file(), rows, -1, allocator);
            }
            int[] all = new int[rows.rows()];
            Arrays.setAll(all, i -> i);
            long wal = state.manifest().flushedWalPosition();
            String name = String.format("seg-%020d-c%d.arrow", wal, System.nanoTime());
            addSegment(entry.getKey(), rows, sortByTime(rows, all, entry.getKey()), name, wal, writer, state.segments());
            compacted++;
        }
        return compacted;
    }

    /** Rewrites the segments holding events of {@code userId} without them; returns events deleted. */
    public long deleteUser(int userId, SegmentWriter writer) {
        long deleted = 0;
        for (Long start : manifests().keySet()) {
            State state;
            synchronized (this) {
                state = partitions.get(start);
            }
            for (Segment s : state.segments()) {
                if (!SegmentRows.containsUser(s.file(), userId, allocator)) {
                    continue;
                }
                EventColumns rows = new EventColumns(s.info().rows());
                deleted += SegmentRows.appendTo(s.file(), rows, userId, allocator);
                int[] order = new int[rows.rows()];
                Arrays.setAll(order, i -> i); // already in time order
                String name = String.format("seg-%020d-d%d.arrow", s.info().walPosition(), System.nanoTime());
                addSegment(start, rows, order, name, s.info().walPosition(), writer, List.of(s));
                synchronized (this) {
                    state = partitions.get(start);
                }
            }
        }
        return deleted;
    }

    /** Drops partitions that end at or before {@code time}; returns how many. */
    public int dropBefore(long time) {
        int dropped = 0;
        for (Map.Entry<Long, Manifest> entry : manifests().entrySet()) {
            if (entry.getValue().end() > time) {
                break;
            }
            Path folder = dir.resolve(entry.getValue().partition());
            State state;
            try {
                config.fileIO().delete(folder.resolve(MANIFEST));
                config.fileIO().fsyncDirectory(folder);
            } catch (IOException e) {
                throw new TroupeException(ErrorCode.STORAGE_IO, e, "dropping " + folder + ": " + e.getMessage());
            }
            synchronized (this) {
                state = partitions.remove(entry.getKey());
            }
            state.segments().forEach(Segment::retire);
            dropped++;
        }
        return dropped;
    }

    /**
     * Copies every partition's manifest into {@code target} (an {@code events} folder) and hard-links the
     * segments it names (they are never changed in place). The caller keeps flushes and compactions out
     * meanwhile, so the manifests on disk are the ones held here.
     */
    public void copyTo(Path target, FileCopier copier) throws IOException {
        List<State> states;
        synchronized (this) {
            states = List.copyOf(partitions.values());
        }
        for (State state : states) {
            String key = state.manifest().partition();
            Path folder = dir.resolve(key);
            copier.copy(folder.resolve(MANIFEST), target.resolve(key).resolve(MANIFEST));
            for (Segment s : state.segments()) {
                copier.link(s.path(), target.resolve(key).resolve(s.path().getFileName()));
            }
        }
    }

    /** Drops the store's references: each segment is unmapped once no snapshot reads it. */
    @Override
    public synchronized void close() {
        partitions.values().forEach(state -> state.segments().forEach(Segment::close));
        partitions.clear();
    }
}
