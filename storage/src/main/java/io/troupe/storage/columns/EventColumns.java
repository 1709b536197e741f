package io.troupe.storage.columns;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Events as columns of dictionary ids, the in-memory form shared by the tail (rows in arrival order) and
 * by segment rewrites (compaction, deletion). Group columns are keyed by group type id; a group type
 * declared after some rows were added has nulls for those rows.
 *
 * <p>Column meaning: {@code time} ms since the epoch; {@code eventType}, {@code user}, {@code device} and
 * group columns are dictionary ids (-1 for null); {@code insertId} UTF-8; {@code eventGroups} the
 * event-level groups as sent (see {@link GroupsCodec}), null when the event named none;
 * {@code eventProperties} and {@code userProperties} the dictionary-mode property encoding, null for
 * an empty object.
 */
public final class EventColumns {
    public final LongColumn time;
    public final IntColumn eventType;
    public final IntColumn user;
    public final IntColumn device;
    public final BytesColumn insertId;
    public final BytesColumn eventGroups;
    public final BytesColumn eventProperties;
    public final BytesColumn userProperties;
    private final TreeMap<Integer, IntColumn> groups;
    private int rows;

    public EventColumns(int capacity) {
        time = new LongColumn(capacity);
        eventType = new IntColumn(capacity);
        user = new IntColumn(capacity);
        device = new IntColumn(capacity);
        insertId = new BytesColumn(capacity, capacity * 16);
        eventGroups = new BytesColumn(capacity, 64);
        eventProperties = new BytesColumn(capacity, capacity * 16);
        userProperties = new BytesColumn(capacity, 64);
        groups = new TreeMap<>();
    }

    private EventColumns(EventColumns source, int rows) {
        time = source.time.view(rows);
        eventType = source.eventType.view(rows);
        user = source.user.view(rows);
        device = source.device.view(rows);
        insertId = source.insertId.view(rows);
        eventGroups = source.eventGroups.view(rows);
        eventProperties = source.eventProperties.view(rows);
        userProperties = source.userProperties.view(rows);
        groups = new TreeMap<>();
        source.groups.forEach((type, column) -> groups.put(type, column.view(Math.min(rows, column.size()))));
        this.rows = rows;
    }

    public int rows() {
        return rows;
    }

    /** The group column of a group type, or null when no row has it. */
    public IntColumn group(int groupTypeId) {
        return groups.get(groupTypeId);
    }

    public NavigableMap<Integer, IntColumn> groups() {
        return Collections.unmodifiableNavigableMap(groups);
    }

    /** The value of group type {@code groupTypeId} at {@code row}, or -1. */
    public int groupValue(int groupTypeId, int row) {
        IntColumn column = groups.get(groupTypeId);
        return column == null || row >= column.size() ? IntColumn.NULL : column.get(row);
    }

    /** Sets the current row's value of a group type (before {@link #endRow()}). */
    public void setGroup(int groupTypeId, int valueId) {
        IntColumn column = groups.computeIfAbsent(groupTypeId, t -> new IntColumn(Math.max(16, rows + 1)));
        column.padTo(rows);
        column.add(valueId);
    }

    /** Completes the current row: every column must have had exactly one value added (groups optional). */
    public void endRow() {
        rows++;
        for (Map.Entry<Integer, IntColumn> entry : groups.entrySet()) {
            entry.getValue().padTo(rows);
        }
    }

    /** Appends row {@code row} of {@code source} (same dictionaries). */
    public void copyRow(EventColumns source, int row) {
        time.add(source.time.get(row));
        eventType.add(source.eventType.get(row));
        user.add(source.user.get(row));
        device.add(source.device.get(row));
        copyBytes(source.insertId, insertId, row);
        copyBytes(source.eventGroups, eventGroups, row);
        copyBytes(source.eventProperties, eventProperties, row);
        copyBytes(source.userProperties, userProperties, row);
        for (Map.Entry<Integer, IntColumn> entry : source.groups.entrySet()) {
            int value = row < entry.getValue().size() ? entry.getValue().get(row) : IntColumn.NULL;
            if (value != IntColumn.NULL) {
                setGroup(entry.getKey(), value);
            }
        }
        endRow();
    }

    private static void copyBytes(BytesColumn from, BytesColumn to, int row) {
        if (from.isNull(row)) {
            to.addNull();
        } else {
            to.add(from.data(), from.start(row), from.length(row));
        }
    }

    /** A view of the first {@code rows} rows that later appends do not change. */
    public EventColumns view(int rows) {
        return new EventColumns(this, rows);
    }
}
