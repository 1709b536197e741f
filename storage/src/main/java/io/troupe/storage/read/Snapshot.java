package io.troupe.storage.read;

import io.troupe.storage.catalog.CatalogState;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.columns.BytesColumn;
import io.troupe.storage.columns.EventColumns;
import io.troupe.storage.columns.IntColumn;
import io.troupe.storage.segment.SegmentFile;
import io.troupe.storage.segment.SegmentSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A consistent read view of a project for a time range: the segments of the partitions that overlap it
 * plus the tail rows visible when the snapshot was taken. Whatever is ingested, flushed or compacted
 * afterwards, a snapshot reads the same events until closed.
 *
 * <p>Scans are projected: only the columns named are read from disk. Each segment batch is sorted by time;
 * tail rows are sorted by time per tail; batches of different segments may overlap in time (a compacted
 * partition has one segment).
 */
public final class Snapshot implements AutoCloseable {
    private final List<Segment> segments;
    private final List<EventColumns> tails;
    private final CatalogState catalog;
    private final long from;
    private final long to;
    private final BufferAllocator allocator;
    private final int batchRows;
    private boolean closed;

    public Snapshot(List<Segment> segments, List<EventColumns> tails, CatalogState catalog, long from, long to,
                    BufferAllocator allocator, int batchRows) {
        this.segments = List.copyOf(segments);
        this.tails = List.copyOf(tails);
        this.catalog = catalog;
        this.from = from;
        this.to = to;
        this.allocator = allocator;
        this.batchRows = batchRows;
    }

    public CatalogState catalog() {
        return catalog;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The column name of a group type's values, e.g. {@code group_0} for {@code org_id}. */
    public String groupColumn(String groupTypeName) {
        GroupType type = catalog.groupType(groupTypeName);
        if (type == null) {
            throw new io.troupe.common.TroupeException(io.troupe.common.ErrorCode.UNKNOWN_GROUP_TYPE, groupTypeName);
        }
        return SegmentSchema.groupColumn(type.id());
    }

    /**
     * The earliest and latest event time in the snapshot ({@code [min, max]}, ms), from the segments'
     * manifest entries and a pass over the tail; {@code [Long.MAX_VALUE, Long.MIN_VALUE]} when empty.
     * Segment bounds are not cut to the snapshot's range, so this may be wider than the range's rows.
     */
    public long[] timeBounds() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Segment s : segments) {
            min = Math.min(min, s.info().minTime());
            max = Math.max(max, s.info().maxTime());
        }
        for (EventColumns t : tails) {
            long[] times = t.time.array();
            for (int row = 0, n = t.rows(); row < n; row++) {
                long time = times[row];
                if (time >= from && time < to) {
                    min = Math.min(min, time);
                    max = Math.max(max, time);
                }
            }
        }
        return new long[] {min, max};
    }

    /** Rows in the snapshot's segments and tail (including segment rows outside the time range). */
    public long rowsUpperBound() {
        long rows = 0;
        for (Segment s : segments) {
            rows += s.info().rows();
        }
        for (EventColumns t : tails) {
            rows += t.rows();
        }
        return rows;
    }

    /** Calls {@code consumer} with every batch of events in the time range, with the columns named. */
    public void scan(Collection<String> columns, Consumer<EventBatch> consumer) {
        try (Batches batches = batches(columns)) {
            while (batches.hasNext()) {
                consumer.accept(batches.next());
            }
        }
    }

    /**
     * The batches of {@link #scan} one at a time, for readers that pull (a row cursor that may stop early).
     * Each batch is valid until the next call to {@code next()} or {@code close()}.
     */
    public Batches batches(Collection<String> columns) {
        return batches(columns, segment -> true);
    }

    /** Like {@link #batches(Collection)}, reading only the segments {@code keep} accepts (the tail is always read). */
    public Batches batches(Collection<String> columns, java.util.function.Predicate<Segment> keep) {
        return batches(columns, from, to, keep);
    }

    /**
     * The batches of events in {@code [rangeFrom, rangeTo)} (within the snapshot's own range), reading only the
     * segments that overlap it and that {@code keep} accepts. One snapshot of a whole project can so serve
     * every scan of a query, each pruned to its own time range.
     */
    public Batches batches(Collection<String> columns, long rangeFrom, long rangeTo,
                           java.util.function.Predicate<Segment> keep) {
        return batches(columns, rangeFrom, rangeTo, keep, true);
    }

    /**
     * Like {@link #batches(Collection, long, long, java.util.function.Predicate)}, reading the tail only when
     * {@code includeTail}: parallel readers split the segments between them and one of them reads the tail.
     */
    public Batches batches(Collection<String> columns, long rangeFrom, long rangeTo,
                           java.util.function.Predicate<Segment> keep, boolean includeTail) {
        return batches(columns, rangeFrom, rangeTo, keep, includeTail, true);
    }

    /**
     * The general form: with {@code alwaysTime} false, {@code event_time} is read only when {@code columns}
     * names it or a segment straddles the range (its rows in range are found by the times); a segment wholly
     * inside the range is then read without its time column, which a count by type does not need.
     */
    public Batches batches(Collection<String> columns, long rangeFrom, long rangeTo,
                           java.util.function.Predicate<Segment> keep, boolean includeTail, boolean alwaysTime) {
        Set<String> wanted = new LinkedHashSet<>(columns);
        if (alwaysTime) {
            wanted.add(SegmentSchema.EVENT_TIME);
        }
        long lo = Math.max(from, rangeFrom);
        long hi = Math.min(to, rangeTo);
        Batches b = new Batches(wanted, lo, hi, s -> s.info().maxTime() >= lo && s.info().minTime() < hi && keep.test(s));
        if (!includeTail) {
            b.tail = tails.size();
        }
        return b;
    }

    /**
     * Batch {@code index} (0 to {@code segment.file().batchCount()}) of one of this snapshot's segments, every row of
     * it, with the {@code columns} named that the segment has: for readers that visit a segment's batches in their
     * own order or come back to one (GROUP_ACTIVITY reads a batch's id column first and its other columns only when a
     * row matches). The caller closes the batch's {@link EventBatch#root() root}.
     */
    public EventBatch segmentBatch(Segment segment, int index, Collection<String> columns) {
        if (!segments.contains(segment)) {
            throw new IllegalArgumentException("segment " + segment.path() + " is not in this snapshot");
        }
        SegmentFile file = segment.file();
        VectorSchemaRoot root = file.readBatch(index, columns, allocator);
        return new EventBatch(root, file.timeBase(), 0, root.getRowCount(), true);
    }

    /** A pull cursor over a snapshot's batches: segments first, then the tail. Not thread-safe. */
    public final class Batches implements java.util.Iterator<EventBatch>, AutoCloseable {
        private final Set<String> columns;
        private final java.util.function.Predicate<Segment> keep;
        private final long from;
        private final long to;
        private int segment;
        private int batch;
        private int tail;
        private int[] tailOrder;
        private int tailStart;
        private VectorSchemaRoot current;
        private EventBatch next;

        private final Set<String> columnsWithTime;

        private Batches(Set<String> columns, long from, long to, java.util.function.Predicate<Segment> keep) {
            this.columns = columns;
            this.columnsWithTime = new LinkedHashSet<>(columns);
            this.columnsWithTime.add(SegmentSchema.EVENT_TIME);
            this.from = from;
            this.to = to;
            this.keep = keep;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public EventBatch next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            EventBatch b = next;
            next = null;
            return b;
        }

        private EventBatch advance() {
            releaseCurrent();
            while (segment < segments.size()) {
                Segment s = segments.get(segment);
                if (!keep.test(s)) {
                    segment++;
                    continue;
                }
                SegmentFile file = s.file();
                if (batch >= file.batchCount()) {
                    segment++;
                    batch = 0;
                    continue;
                }
                boolean inside = s.info().minTime() >= from && s.info().maxTime() < to;
                if (inside && !columns.contains(SegmentSchema.EVENT_TIME)) {
                    current = file.readBatch(batch++, columns, allocator);
                    if (current.getRowCount() > 0) {
                        return new EventBatch(current, file.timeBase(), 0, current.getRowCount(), true);
                    }
                    releaseCurrent();
                    continue;
                }
                current = file.readBatch(batch++, columnsWithTime, allocator);
                FieldVector time = current.getVector(SegmentSchema.EVENT_TIME);
                int start = lowerBound(time, relative(from, file.timeBase()), current.getRowCount());
                int end = lowerBound(time, relative(to, file.timeBase()), current.getRowCount());
                if (start < end) {
                    return new EventBatch(current, file.timeBase(), start, end, true);
                }
                releaseCurrent();
            }
            while (tail < tails.size()) {
                EventColumns t = tails.get(tail);
                if (tailOrder == null) {
                    tailOrder = from < to ? rowsInRangeByTime(t, from, to) : new int[0];
                    tailStart = 0;
                }
                if (tailStart >= tailOrder.length) {
                    tail++;
                    tailOrder = null;
                    continue;
                }
                int rows = Math.min(batchRows, tailOrder.length - tailStart);
                current = tailBatch(t, columns, tailOrder, tailStart, rows);
                tailStart += rows;
                return new EventBatch(current, 0, 0, rows, true);
            }
            return null;
        }

        private void releaseCurrent() {
            if (current != null) {
                current.close();
                current = null;
            }
        }

        @Override
        public void close() {
            releaseCurrent();
            next = null;
            segment = segments.size();
            tail = tails.size();
        }
    }

    /** {@code time - base} without overflow for the open ends of a range. */
    private static long relative(long time, long base) {
        if (time == Long.MIN_VALUE || time == Long.MAX_VALUE) {
            return time;
        }
        return time - base;
    }

    /** First row whose relative time is at least {@code target} (times are sorted). */
    private static int lowerBound(FieldVector time, long target, int rows) {
        int lo = 0;
        int hi = rows;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long t = time instanceof IntVector v ? v.get(mid) : ((BigIntVector) time).get(mid);
            if (t < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The tail rows in the time range, ordered by (time, arrival). One primitive sort of packed keys
     * (time offset in the high 32 bits, row in the low 31) when the rows span less than 49 days, the
     * usual case; a comparator sort otherwise.
     */
    private static int[] rowsInRangeByTime(EventColumns tail, long from, long to) {
        long[] times = tail.time.array();
        int n = tail.rows();
        int count = 0;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        int[] selected = new int[n];
        for (int row = 0; row < n; row++) {
            long t = times[row];
            if (t >= from && t < to) {
                selected[count++] = row;
                minTime = Math.min(minTime, t);
                maxTime = Math.max(maxTime, t);
            }
        }
        int[] order = java.util.Arrays.copyOf(selected, count);
        if (count == 0) {
            return order;
        }
        if (maxTime - minTime < (1L << 32)) {
            long[] keys = new long[count];
            for (int i = 0; i < count; i++) {
                keys[i] = ((times[order[i]] - minTime) << 31) | order[i];
            }
            java.util.Arrays.sort(keys);
            for (int i = 0; i < count; i++) {
                order[i] = (int) (keys[i] & 0x7FFFFFFFL);
            }
            return order;
        }
        return java.util.stream.IntStream.of(order).boxed()
                .sorted((a, b) -> a.equals(b) ? 0 : times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    private VectorSchemaRoot tailBatch(EventColumns tail, Set<String> columns, int[] order, int start, int rows) {
        List<FieldVector> vectors = new ArrayList<>();
        for (String column : columns) {
            FieldVector vector = switch (column) {
                case SegmentSchema.EVENT_TIME -> {
                    BigIntVector v = new BigIntVector(column, allocator);
                    v.allocateNew(rows);
                    for (int i = 0; i < rows; i++) {
                        v.set(i, tail.time.get(order[start + i]));
                    }
                    yield v;
                }
                case SegmentSchema.EVENT_TYPE -> ids(column, tail.eventType, order, start, rows);
                case SegmentSchema.USER_ID -> ids(column, tail.user, order, start, rows);
                case SegmentSchema.DEVICE_ID -> ids(column, tail.device, order, start, rows);
                case SegmentSchema.INSERT_ID -> bytes(new VarCharVector(column, allocator), tail.insertId, order, start, rows);
                case SegmentSchema.EVENT_GROUPS, SegmentSchema.EVENT_PROPERTIES, SegmentSchema.USER_PROPERTIES ->
                        bytes(new VarBinaryVector(column, allocator), switch (column) {
                            case SegmentSchema.EVENT_GROUPS -> tail.eventGroups;
                            case SegmentSchema.EVENT_PROPERTIES -> tail.eventProperties;
                            default -> tail.userProperties;
                        }, order, start, rows);
                default -> {
                    if (!SegmentSchema.isGroupColumn(column)) {
                        throw new IllegalArgumentException("unknown event column " + column);
                    }
                    IntColumn group = tail.group(SegmentSchema.groupTypeIdOf(column));
                    yield group == null ? null : ids(column, group, order, start, rows);
                }
            };
            if (vector != null) {
                vector.setValueCount(rows);
                vectors.add(vector);
            }
        }
        List<Field> fields = new ArrayList<>(vectors.size());
        vectors.forEach(v -> fields.add(v.getField()));
        return new VectorSchemaRoot(fields, vectors, rows);
    }

    private IntVector ids(String name, IntColumn column, int[] order, int start, int rows) {
        IntVector v = new IntVector(new Field(name, FieldType.nullable(new ArrowType.Int(32, true)), null), allocator);
        v.allocateNew(rows);
        int size = column.size();
        for (int i = 0; i < rows; i++) {
            int row = order[start + i];
            int id = row < size ? column.get(row) : IntColumn.NULL;
            if (id < 0) {
                v.setNull(i);
            } else {
                v.set(i, id);
            }
        }
        return v;
    }

    private static FieldVector bytes(BaseVariableWidthVector v, BytesColumn column, int[] order, int start, int rows) {
        v.allocateNew(rows);
        byte[] data = column.data();
        for (int i = 0; i < rows; i++) {
            int row = order[start + i];
            if (column.isNull(row)) {
                v.setNull(i);
            } else {
                v.setSafe(i, data, column.start(row), column.length(row));
            }
        }
        return v;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        segments.forEach(Segment::release);
    }
}
