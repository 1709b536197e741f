package io.troupe.storage.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.CommandSink;
import io.troupe.storage.event.GroupIdentify;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Loads group properties from a CSV or TSV file with one property per row, the shape a CRM or billing
 * export takes: columns {@code group_type} (optional when the caller gives the type), {@code group_value},
 * {@code property}, {@code value}, and optional {@code valid_from} (epoch ms or ISO-8601; absent or empty
 * means the time the load started). Each row becomes a {@code $set} of one property, or an {@code $unset}
 * when the value is empty; consecutive rows of the same group and time are sent as one {@link GroupIdentify}.
 *
 * <p>A value is typed on its own: a plain number (no leading zero, so {@code 02134} stays text), a boolean
 * ({@code true}/{@code false}), else text. The first pass checks every row and sends nothing, so a bad row
 * fails the load with {@link io.troupe.common.ErrorCode#MALFORMED_FILE} naming its line and nothing is
 * stored; the second pass streams batches to the sink.
 */
public final class GroupPropertyFileLoader {
    static final String GROUP_TYPE = "group_type";
    static final String GROUP_VALUE = "group_value";
    static final String PROPERTY = "property";
    static final String VALUE = "value";
    static final String VALID_FROM = "valid_from";
    private static final List<String> COLUMNS = List.of(GROUP_TYPE, GROUP_VALUE, PROPERTY, VALUE, VALID_FROM);
    /** What Amplitude's {@code $unset} holds as each property's value. */
    private static final String UNSET_MARK = "-";

    private final DelimitedFormat format;
    private final String defaultGroupType;
    private final int batchSize;

    /**
     * @param format           CSV or TSV
     * @param defaultGroupType the group type of rows without one (no {@code group_type} column, or an empty
     *                         cell); null when the file must say
     * @param batchSize        commands per batch sent to the sink, at least 1
     */
    public GroupPropertyFileLoader(DelimitedFormat format, String defaultGroupType, int batchSize) {
        this.format = Objects.requireNonNull(format, "format is null");
        this.defaultGroupType = defaultGroupType == null || defaultGroupType.isEmpty() ? null : defaultGroupType;
        this.batchSize = BatchingSink.checkBatchSize(batchSize);
    }

    /** Loads with the current time for rows without {@code valid_from}. */
    public LoadResult load(Path file, CommandSink sink) {
        return load(file, sink, System.currentTimeMillis());
    }

    /**
     * Checks the whole file, then stores its group identifies.
     *
     * @param now the time of rows without {@code valid_from}, ms since the epoch
     * @throws TroupeException {@code MALFORMED_FILE} (nothing stored) for a bad row or header,
     *                         {@code FILE_NOT_READABLE}, or whatever the sink throws (earlier batches stay stored)
     */
    public LoadResult load(Path file, CommandSink sink, long now) {
        long start = System.nanoTime();
        read(file, now, command -> { });
        BatchingSink batches = new BatchingSink(sink, batchSize);
        read(file, now, batches::add);
        return batches.finish(file.toString(), start);
    }

    private void read(Path file, long now, Consumer<GroupIdentify> out) {
        try (DelimitedRows rows = DelimitedRows.open(file, format)) {
            Layout layout = layout(rows);
            Pending pending = null;
            while (rows.next()) {
                List<String> cells = rows.cells();
                if (cells.size() != layout.width) {
                    throw rows.malformed("expected " + layout.width + " columns as in the header, found " + cells.size());
                }
                String type = layout.type < 0 || cells.get(layout.type).isEmpty() ? defaultGroupType : cells.get(layout.type);
                String value = cells.get(layout.value);
                String property = cells.get(layout.property);
                String text = cells.get(layout.text);
                long time = time(rows, layout.validFrom < 0 ? "" : cells.get(layout.validFrom), now);
                if (type == null) {
                    throw rows.malformed("the group_type is empty: fill it in or give the group type of the file");
                }
                if (value.isEmpty()) {
                    throw rows.malformed("the group_value is empty");
                }
                if (property.isEmpty()) {
                    throw rows.malformed("the property is empty");
                }
                if (property.length() > DelimitedLayout.MAX_PROPERTY_NAME_LENGTH) {
                    throw rows.malformed("the property name is longer than " + DelimitedLayout.MAX_PROPERTY_NAME_LENGTH
                            + " characters");
                }
                if (pending == null || !pending.accepts(type, value, time, property)) {
                    if (pending != null) {
                        out.accept(pending.toCommand());
                    }
                    pending = new Pending(type, value, time);
                }
                pending.add(property, text);
            }
            if (pending != null) {
                out.accept(pending.toCommand());
            }
        }
    }

    private Layout layout(DelimitedRows rows) {
        List<String> header = rows.header();
        for (String name : header) {
            if (!COLUMNS.contains(name)) {
                throw rows.malformed("unknown column '" + name + "': a group property file has the columns "
                        + String.join(", ", COLUMNS));
            }
        }
        for (String required : List.of(GROUP_VALUE, PROPERTY, VALUE)) {
            if (!header.contains(required)) {
                throw rows.malformed("the header has no column '" + required + "': a group property file has the "
                        + "columns " + String.join(", ", COLUMNS) + " (group_type and valid_from optional)");
            }
        }
        if (!header.contains(GROUP_TYPE) && defaultGroupType == null) {
            throw rows.malformed("the header has no column 'group_type': add it, or give the group type of the file");
        }
        return new Layout(header.size(), header.indexOf(GROUP_TYPE), header.indexOf(GROUP_VALUE),
                header.indexOf(PROPERTY), header.indexOf(VALUE), header.indexOf(VALID_FROM));
    }

    private static long time(DelimitedRows rows, String text, long now) {
        if (text.isEmpty()) {
            return now;
        }
        try {
            return EventTimes.parse(text);
        } catch (IllegalArgumentException e) {
            throw rows.malformed("bad valid_from: " + e.getMessage());
        }
    }

    /** Column indexes; -1 for an absent optional column. */
    private record Layout(int width, int type, int value, int property, int text, int validFrom) {
    }

    /** Consecutive rows of one group at one time, merged into one group identify. */
    private static final class Pending {
        private final String type;
        private final String value;
        private final long time;
        private final ObjectNode sets = JsonNodeFactory.instance.objectNode();
        private final ObjectNode unsets = JsonNodeFactory.instance.objectNode();

        Pending(String type, String value, long time) {
            this.type = type;
            this.value = value;
            this.time = time;
        }

        /** True for the same group and time and a property not yet in it (a repeat starts a new command). */
        boolean accepts(String otherType, String otherValue, long otherTime, String property) {
            return time == otherTime && value.equals(otherValue) && type.equals(otherType)
                    && !sets.has(property) && !unsets.has(property);
        }

        void add(String property, String text) {
            if (text.isEmpty()) {
                unsets.put(property, UNSET_MARK);
            } else {
                sets.set(property, CellValues.inferred(text));
            }
        }

        GroupIdentify toCommand() {
            ObjectNode operations = JsonNodeFactory.instance.objectNode();
            if (!sets.isEmpty()) {
                operations.set(OperationSyntax.SET, sets);
            }
            if (!unsets.isEmpty()) {
                operations.set(OperationSyntax.UNSET, unsets);
            }
            return new GroupIdentify(type, value, time, operations);
        }
    }
}
