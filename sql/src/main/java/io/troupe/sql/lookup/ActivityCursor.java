package io.troupe.sql.lookup;

import io.troupe.sql.exec.ValueDecoder;
import io.troupe.sql.schema.PropertyValues;
import io.troupe.storage.catalog.CatalogState;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.groups.GroupPropertyHistory;
import io.troupe.storage.read.EventBatch;
import io.troupe.storage.read.Segment;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of {@code GROUP_ACTIVITY}, newest first, without reading more of the project than the page needs.
 *
 * <p>Sources are the tail, then the snapshot's segments by latest event time, descending. Of a segment, each batch's
 * group column and times are read first; only a batch with a row of the group (one id comparison per row) is read
 * again with every column, and only its matching rows are decoded. Decoded rows wait in a heap by time; a row is
 * returned once it is newer than the latest time of every source not yet read, so rows come newest first although
 * segments overlap in time. With a page size the cursor stops once the page is full and no unread source can hold an
 * event with the page's last time: a page keeps every event tied with its last one, so paging on with
 * {@code before_timestamp} = that time misses nothing. Events with the same time come in no particular order.
 *
 * <p>The manifest lists event types per segment, not groups, so no segment is skipped on the group alone; segments
 * wholly at or after {@code before} are.
 */
final class ActivityCursor implements Enumerator<Object[]> {
    /** What the heap accounts per decoded row waiting in it (the row's maps and strings, roughly). */
    private static final long ROW_BYTES = 512;

    private final LookupContext context;
    private final Snapshot snapshot;
    private final Dictionaries dictionaries;
    private final CatalogState catalog;
    private final String groupColumn;
    private final int valueId;
    private final long before;
    private final int pageSize;
    private final List<String> allColumns;
    private final List<Segment> sources = new ArrayList<>();
    private final List<GroupPropertyHistory.Entry> history;
    private final PriorityQueue<Object[]> pending = new PriorityQueue<>(Comparator.comparingLong((Object[] r) -> (Long) r[0]).reversed());
    private int nextSource;
    private boolean tailRead;
    private int emitted;
    private long pageLastTime;
    private long reserved;
    private Object[] current;
    private int[] ids = new int[0];
    private long[] times = new long[0];
    private int[] matches = new int[0];

    ActivityCursor(LookupContext context, GroupType type, String value, int pageSize, long before) {
        this.context = context;
        this.snapshot = context.snapshot();
        this.dictionaries = context.store().dictionaries();
        this.catalog = snapshot.catalog();
        this.groupColumn = SegmentSchema.groupColumn(type.id());
        this.valueId = dictionaries.groupValues(type.id()).idOf(value);
        this.before = before;
        this.pageSize = pageSize;
        this.allColumns = List.of(SegmentSchema.EVENT_TIME, SegmentSchema.EVENT_TYPE, SegmentSchema.USER_ID,
                SegmentSchema.DEVICE_ID, SegmentSchema.INSERT_ID, groupColumn, SegmentSchema.EVENT_GROUPS,
                SegmentSchema.EVENT_PROPERTIES, SegmentSchema.USER_PROPERTIES);
        this.history = valueId < 0 ? List.of() : context.store().groupHistory().history(type.id(), value);
        if (valueId >= 0) {
            for (Segment s : snapshot.segments()) {
                if (s.info().minTime() < before) {
                    sources.add(s);
                }
            }
            sources.sort(Comparator.comparingLong((Segment s) -> s.info().maxTime()).reversed());
        }
    }

    @Override
    public Object[] current() {
        return current;
    }

    @Override
    public boolean moveNext() {
        if (valueId < 0) {
            return false; // a value no event ever had: no rows, not an error
        }
        while (true) {
            context.scope().check();
            long unread = !tailRead ? Long.MAX_VALUE
                    : nextSource < sources.size() ? sources.get(nextSource).info().maxTime() : Long.MIN_VALUE;
            Object[] top = pending.peek();
            boolean pageFull = pageSize > 0 && emitted >= pageSize;
            if (pageFull && unread < pageLastTime && (top == null || time(top) != pageLastTime)) {
                return false;
            }
            if (top != null && time(top) > unread) {
                if (pageFull && time(top) != pageLastTime) {
                    return false;
                }
                current = pending.poll();
                context.scope().release(ROW_BYTES);
                reserved -= ROW_BYTES;
                if (++emitted == pageSize) {
                    pageLastTime = time(current);
                }
                return true;
            }
            if (!tailRead) {
                readTail();
                tailRead = true;
            } else if (nextSource < sources.size()) {
                readSegment(sources.get(nextSource++));
            } else {
                return false; // nothing pending, nothing unread
            }
        }
    }

    private static long time(Object[] row) {
        return (Long) row[0];
    }

    /** The tail's rows of the group (the tail is in memory: it is read with every column at once). */
    private void readTail() {
        try (Snapshot.Batches batches = snapshot.batches(allColumns, Long.MIN_VALUE, before, s -> false, true)) {
            while (batches.hasNext()) {
                context.scope().check();
                EventBatch b = batches.next();
                int m = matchingRows(b);
                if (m > 0) {
                    decode(b, m);
                }
            }
        }
    }

    /** A segment's rows of the group: the group column and times of every batch, the rest of matching batches. */
    private void readSegment(Segment segment) {
        List<String> filterColumns = List.of(SegmentSchema.EVENT_TIME, groupColumn);
        for (int batch = 0, n = segment.file().batchCount(); batch < n; batch++) {
            context.scope().check();
            EventBatch ids = snapshot.segmentBatch(segment, batch, filterColumns);
            int m;
            try {
                m = matchingRows(ids);
            } finally {
                ids.root().close();
            }
            if (m > 0) {
                EventBatch full = snapshot.segmentBatch(segment, batch, allColumns);
                try {
                    decode(full, m);
                } finally {
                    full.root().close();
                }
            }
        }
    }

    /** The rows (relative to the batch's start) of the group and older than {@code before}, into {@code matches}. */
    private int matchingRows(EventBatch b) {
        int n = b.rowCount();
        if (ids.length < n) {
            ids = new int[n];
            times = new long[n];
            matches = new int[n];
        }
        b.ids(groupColumn, ids);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (ids[i] == valueId) {
                matches[m++] = i;
            }
        }
        if (m == 0) {
            return 0;
        }
        b.times(matches, m, times);
        int kept = 0;
        for (int j = 0; j < m; j++) {
            if (times[j] < before) {
                times[kept] = times[j];
                matches[kept++] = matches[j];
            }
        }
        return kept;
    }

    /** Decodes rows {@code matches[0..m)} of a batch with every column (their times are in {@code times}). */
    private void decode(EventBatch b, int m) {
        context.scope().reserve(ROW_BYTES * m, "GROUP_ACTIVITY rows waiting to be returned in time order");
        reserved += ROW_BYTES * m;
        int[] eventTypes = new int[m];
        int[] users = new int[m];
        int[] devices = new int[m];
        b.ids(SegmentSchema.EVENT_TYPE, matches, m, eventTypes);
        b.ids(SegmentSchema.USER_ID, matches, m, users);
        b.ids(SegmentSchema.DEVICE_ID, matches, m, devices);
        for (int j = 0; j < m; j++) {
            int row = b.startRow() + matches[j];
            long time = times[j];
            byte[] insertId = b.bytes(SegmentSchema.INSERT_ID, row);
            pending.add(new Object[] {time,
                    dictionaries.eventTypes().valueOf(eventTypes[j]),
                    users[j] < 0 ? null : dictionaries.users().valueOf(users[j]),
                    devices[j] < 0 ? null : dictionaries.devices().valueOf(devices[j]),
                    insertId == null ? null : new String(insertId, StandardCharsets.UTF_8),
                    properties(b.bytes(SegmentSchema.EVENT_PROPERTIES, row)),
                    properties(b.bytes(SegmentSchema.USER_PROPERTIES, row)),
                    groups(b.bytes(SegmentSchema.EVENT_GROUPS, row)),
                    propertiesAt(time)});
        }
    }

    /** An event sent without properties or event-level groups has empty maps, as in {@code events}. */
    private Map<String, String> properties(byte[] bytes) {
        return bytes == null ? Map.of() : ValueDecoder.properties(dictionaries, bytes);
    }

    private Map<String, List<String>> groups(byte[] bytes) {
        return bytes == null ? Map.of() : ValueDecoder.groups(dictionaries, catalog, bytes);
    }

    /** The group's properties in force at {@code time} (as GROUP_PROPERTY reads each), from its history. */
    private Map<String, String> propertiesAt(long time) {
        Map<String, String> map = new LinkedHashMap<>();
        for (GroupPropertyHistory.Entry e : history) {
            if (e.validFrom() <= time && time < e.validTo() && e.value() != null && !e.value().isNull()) {
                map.put(e.property(), PropertyValues.text(e.value()));
            }
        }
        return map;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("GROUP_ACTIVITY is read once");
    }

    @Override
    public void close() {
        pending.clear();
        context.scope().release(reserved);
        reserved = 0;
    }
}
