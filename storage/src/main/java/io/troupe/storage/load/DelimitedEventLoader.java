package io.troupe.storage.load;

import io.troupe.common.TroupeException;
import io.troupe.storage.event.CommandSink;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads events from a CSV or TSV file with a header, the format spreadsheets and warehouse exports give.
 *
 * <p>Columns: {@code event_time} (epoch ms or ISO-8601, UTC unless it says otherwise), {@code event_type},
 * {@code user_id} and/or {@code device_id} (a row needs one of them), optional {@code insert_id}; a column
 * named as a group column (a group type of the project, or one the caller names) holds the event-level
 * group of that type; every other column is an event property. An empty cell means "absent": no property,
 * no group, no id.
 *
 * <p>Property types: a column is a number only if every non-empty value is a plain number (JSON's grammar,
 * so {@code 02134} stays text while {@code 0} and {@code 0.5} are numbers), a boolean only if every value is
 * {@code true} or {@code false}, else text. The caller may declare a column's type instead; a declared
 * number column accepts leading zeros.
 *
 * <p>The first pass reads the whole file to check every row and infer the types, and sends nothing: a bad
 * row fails the load with {@link io.troupe.common.ErrorCode#MALFORMED_FILE} naming its line, and nothing is
 * stored. The second pass streams the events in batches to the sink. Memory does not grow with the file.
 */
public final class DelimitedEventLoader {
    private final DelimitedFormat format;
    private final Set<String> groupColumns;
    private final Map<String, ColumnType> columnTypes;
    private final int batchSize;

    /**
     * @param format       CSV or TSV
     * @param groupColumns columns holding event-level groups: the project's group types plus any the user names
     * @param columnTypes  declared types of property columns (override inference); each must be in the file
     * @param batchSize    commands per batch sent to the sink, at least 1
     */
    public DelimitedEventLoader(DelimitedFormat format, Set<String> groupColumns, Map<String, ColumnType> columnTypes,
                                int batchSize) {
        this.format = Objects.requireNonNull(format, "format is null");
        this.groupColumns = Set.copyOf(groupColumns);
        this.columnTypes = Map.copyOf(columnTypes);
        this.batchSize = BatchingSink.checkBatchSize(batchSize);
    }

    /** A loader with inferred types and the default batch size. */
    public DelimitedEventLoader(DelimitedFormat format, Set<String> groupColumns) {
        this(format, groupColumns, Map.of(), BatchingSink.DEFAULT_BATCH_SIZE);
    }

    /**
     * Checks the whole file, then stores its events.
     *
     * @throws TroupeException {@code MALFORMED_FILE} (nothing stored) for a bad row or header,
     *                         {@code FILE_NOT_READABLE}, {@code INVALID_ARGUMENT} for a column type naming no
     *                         property column, or whatever the sink throws (earlier batches stay stored)
     */
    public LoadResult load(Path file, CommandSink sink) {
        long start = System.nanoTime();
        ColumnType[] types = check(file).values().toArray(ColumnType[]::new);
        BatchingSink batches = new BatchingSink(sink, batchSize);
        try (DelimitedRows rows = DelimitedRows.open(file, format)) {
            DelimitedLayout columns = DelimitedLayout.read(rows, groupColumns, columnTypes);
            while (rows.next()) {
                batches.add(columns.toEvent(rows, types));
            }
        }
        return batches.finish(file.toString(), start);
    }

    /**
     * The first pass alone: checks every row and returns the type of each property column, in file order
     * (what a dry run shows the user).
     */
    public Map<String, ColumnType> check(Path file) {
        try (DelimitedRows rows = DelimitedRows.open(file, format)) {
            DelimitedLayout columns = DelimitedLayout.read(rows, groupColumns, columnTypes);
            ColumnTypeInference[] inference = columns.newInference();
            while (rows.next()) {
                columns.check(rows, inference);
            }
            List<String> names = columns.propertyNames();
            ColumnType[] types = columns.types(inference);
            Map<String, ColumnType> byName = new LinkedHashMap<>();
            for (int p = 0; p < types.length; p++) {
                byName.put(names.get(p), types[p]);
            }
            return byName;
        }
    }
}
