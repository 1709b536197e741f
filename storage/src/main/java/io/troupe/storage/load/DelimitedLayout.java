package io.troupe.storage.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layout of one CSV/TSV event file: which column holds the time, type, ids and groups, and which are
 * properties. Built once from the header, then used for every row of both passes, so the per-row work is
 * index look-ups.
 */
final class DelimitedLayout {
    static final String EVENT_TIME = "event_time";
    static final String EVENT_TYPE = "event_type";
    static final String USER_ID = "user_id";
    static final String DEVICE_ID = "device_id";
    static final String INSERT_ID = "insert_id";
    static final int MAX_PROPERTY_NAME_LENGTH = 1024;

    private final int width;
    private final int time;
    private final int type;
    private final int user;
    private final int device;
    private final int insert;
    private final String[] groupNames;
    private final int[] groupColumns;
    private final String[] propertyNames;
    private final int[] propertyColumns;
    private final ColumnType[] declaredTypes;

    private DelimitedLayout(List<String> header, List<Integer> groups, List<Integer> properties,
                         Map<String, ColumnType> columnTypes) {
        width = header.size();
        time = header.indexOf(EVENT_TIME);
        type = header.indexOf(EVENT_TYPE);
        user = header.indexOf(USER_ID);
        device = header.indexOf(DEVICE_ID);
        insert = header.indexOf(INSERT_ID);
        groupColumns = groups.stream().mapToInt(Integer::intValue).toArray();
        groupNames = groups.stream().map(header::get).toArray(String[]::new);
        propertyColumns = properties.stream().mapToInt(Integer::intValue).toArray();
        propertyNames = properties.stream().map(header::get).toArray(String[]::new);
        declaredTypes = new ColumnType[propertyNames.length];
        for (int p = 0; p < propertyNames.length; p++) {
            declaredTypes[p] = columnTypes.get(propertyNames[p]);
        }
    }

    /**
     * Reads the header of {@code rows} and lays out the columns.
     *
     * @param groupColumns columns that hold event-level groups (the project's group types and any the user
     *                     names); those absent from the file are ignored
     * @param columnTypes  property columns whose type the user declares; every name must be a property column
     *                     of the file
     */
    static DelimitedLayout read(DelimitedRows rows, Set<String> groupColumns, Map<String, ColumnType> columnTypes) {
        List<String> header = rows.header();
        for (String required : List.of(EVENT_TIME, EVENT_TYPE)) {
            if (!header.contains(required)) {
                throw rows.malformed("the header has no column '" + required + "': an event file needs the columns "
                        + "event_time, event_type and user_id or device_id");
            }
        }
        if (!header.contains(USER_ID) && !header.contains(DEVICE_ID)) {
            throw rows.malformed("the header has no column 'user_id' nor 'device_id': an event file needs one");
        }
        List<Integer> groups = new ArrayList<>();
        List<Integer> properties = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (isFixed(name)) {
                continue;
            }
            if (groupColumns.contains(name)) {
                groups.add(c);
            } else {
                if (name.length() > MAX_PROPERTY_NAME_LENGTH) {
                    throw rows.malformed("column " + (c + 1) + " has a name longer than "
                            + MAX_PROPERTY_NAME_LENGTH + " characters");
                }
                properties.add(c);
            }
        }
        for (String named : columnTypes.keySet()) {
            if (!properties.contains(header.indexOf(named))) {
                throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "A column type is given for '" + named + "', but "
                        + (header.contains(named) ? "that column of " + rows.file() + " is not a property column"
                        : rows.file() + " has no such column") + ": column types apply to property columns");
            }
        }
        return new DelimitedLayout(header, groups, properties, columnTypes);
    }

    private static boolean isFixed(String name) {
        return name.equals(EVENT_TIME) || name.equals(EVENT_TYPE) || name.equals(USER_ID)
                || name.equals(DEVICE_ID) || name.equals(INSERT_ID);
    }

    /** One inference per property column, for the first pass. */
    ColumnTypeInference[] newInference() {
        ColumnTypeInference[] inference = new ColumnTypeInference[propertyNames.length];
        for (int p = 0; p < inference.length; p++) {
            inference[p] = new ColumnTypeInference();
        }
        return inference;
    }

    /** The final type of each property column: the declared one, else the inferred one. */
    ColumnType[] types(ColumnTypeInference[] inference) {
        ColumnType[] types = new ColumnType[propertyNames.length];
        for (int p = 0; p < types.length; p++) {
            types[p] = declaredTypes[p] != null ? declaredTypes[p] : inference[p].result();
        }
        return types;
    }

    /** The property column names, in file order, matching {@link #types}. */
    List<String> propertyNames() {
        return List.of(propertyNames);
    }

    /** First pass: checks the current row and feeds its property cells to the inference. */
    void check(DelimitedRows rows, ColumnTypeInference[] inference) {
        List<String> cells = checkedCells(rows);
        time(rows, cells);
        for (int p = 0; p < propertyColumns.length; p++) {
            String cell = cells.get(propertyColumns[p]);
            if (declaredTypes[p] != null) {
                if (!cell.isEmpty()) {
                    value(rows, p, declaredTypes[p], cell);
                }
            } else {
                inference[p].accept(cell);
            }
        }
    }

    /** Second pass: the event of the current row, its properties typed by {@code types}. */
    Event toEvent(DelimitedRows rows, ColumnType[] types) {
        List<String> cells = checkedCells(rows);
        long eventTime = time(rows, cells);
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        for (int p = 0; p < propertyColumns.length; p++) {
            String cell = cells.get(propertyColumns[p]);
            if (!cell.isEmpty()) {
                properties.set(propertyNames[p], types[p] == ColumnType.STRING
                        ? TextNode.valueOf(cell) : value(rows, p, types[p], cell));
            }
        }
        return new Event(eventTime, cells.get(type), optional(cells, user), optional(cells, device),
                optional(cells, insert), groups(cells), properties, null);
    }

    private List<String> checkedCells(DelimitedRows rows) {
        List<String> cells = rows.cells();
        if (cells.size() != width) {
            throw rows.malformed("expected " + width + " columns as in the header, found " + cells.size());
        }
        if (cells.get(type).isEmpty()) {
            throw rows.malformed("the event_type is empty");
        }
        if (optional(cells, user) == null && optional(cells, device) == null) {
            throw rows.malformed("the event has neither a user_id nor a device_id: give one");
        }
        return cells;
    }

    private long time(DelimitedRows rows, List<String> cells) {
        try {
            return EventTimes.parse(cells.get(time));
        } catch (IllegalArgumentException e) {
            throw rows.malformed("bad event_time: " + e.getMessage());
        }
    }

    private JsonNode value(DelimitedRows rows, int property, ColumnType columnType, String cell) {
        try {
            return CellValues.typed(columnType, cell);
        } catch (IllegalArgumentException e) {
            throw rows.malformed("column '" + propertyNames[property] + "' is declared " + columnType.displayName()
                    + ", but " + e.getMessage());
        }
    }

    private Map<String, List<String>> groups(List<String> cells) {
        Map<String, List<String>> groups = null;
        for (int g = 0; g < groupColumns.length; g++) {
            String value = cells.get(groupColumns[g]);
            if (!value.isEmpty()) {
                if (groups == null) {
                    groups = new LinkedHashMap<>(4);
                }
                groups.put(groupNames[g], List.of(value));
            }
        }
        return groups == null ? Map.of() : Collections.unmodifiableMap(groups);
    }

    private static String optional(List<String> cells, int column) {
        if (column < 0) {
            return null;
        }
        String value = cells.get(column);
        return value.isEmpty() ? null : value;
    }
}
