package io.troupe.testing.generator;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes events as CSV (RFC 4180), one row per event, for bulk-load tests and benchmarks.
 *
 * <p>Columns: {@code event_time, event_type, user_id}, one column per group type, the property columns,
 * then {@code insert_id}. {@code event_time} is ISO-8601 UTC with milliseconds
 * ({@code 2026-01-05T09:30:00.123Z}) by default, or epoch milliseconds. A group column holds the event's
 * effective group: the first event-level value if the event names that group type, else the user-level
 * value from the latest identify this writer has seen (so identifies must be passed in, in stream order;
 * they and group changes produce no rows). Property cells hold strings as they are, numbers and booleans
 * as text, nested objects and arrays as JSON text; an absent property is an empty cell.
 *
 * <p>Why effective groups: a flat file has no identify records, so the resolution a loader would do from
 * them is done here, with the same rule as ingest (event-level beats user-level, forward-only). Extra
 * event-level values of a multi-valued group are not in the file.
 */
public final class CsvWriter implements Closeable {
    /** How {@code event_time} is written. */
    public enum TimeFormat {
        /** {@code 2026-01-05T09:30:00.123Z}. */
        ISO_8601,
        /** Milliseconds since the epoch, e.g. {@code 1767605400123}. */
        EPOCH_MILLIS
    }

    /** The property columns written by {@link #forConfig}. */
    public static final List<String> DEFAULT_PROPERTY_COLUMNS = List.of("platform", "is_trial", "zip", "amount",
            "currency", "invoice_id", "report_id", "project_id", "tags", "context");

    private static final long DAY = 86_400_000L;

    private final Writer out;
    private final List<String> groupTypes;
    private final List<String> propertyColumns;
    private final TimeFormat timeFormat;
    private final Map<String, Map<String, List<String>>> userGroups = new HashMap<>();
    private final StringBuilder row = new StringBuilder(256);
    private long cachedDay = Long.MIN_VALUE;
    private String cachedDayPrefix;
    private long rows;

    /** Writes the header at once; {@code out} is closed with this writer. */
    public CsvWriter(Writer out, List<String> groupTypes, List<String> propertyColumns, TimeFormat timeFormat)
            throws IOException {
        this.out = out;
        this.groupTypes = List.copyOf(groupTypes);
        this.propertyColumns = List.copyOf(propertyColumns);
        this.timeFormat = timeFormat;
        List<String> header = new ArrayList<>();
        header.add("event_time");
        header.add("event_type");
        header.add("user_id");
        header.addAll(this.groupTypes);
        header.addAll(this.propertyColumns);
        header.add("insert_id");
        for (int i = 0; i < header.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            appendCell(header.get(i));
        }
        endRow();
    }

    /** A writer with the config's group types, {@link #DEFAULT_PROPERTY_COLUMNS} and ISO-8601 times. */
    public static CsvWriter forConfig(Writer out, B2bGenerator.Config config) throws IOException {
        return new CsvWriter(out, groupTypeColumns(config), DEFAULT_PROPERTY_COLUMNS, TimeFormat.ISO_8601);
    }

    /** The group type columns of a config: its group type, then its account group type if any. */
    public static List<String> groupTypeColumns(B2bGenerator.Config config) {
        List<String> groupTypes = new ArrayList<>();
        groupTypes.add(config.groupType());
        if (config.accountGroupType() != null) {
            groupTypes.add(config.accountGroupType());
        }
        return List.copyOf(groupTypes);
    }

    /** Writes a row for an event; remembers an identify's groups; ignores group changes. */
    public void write(GeneratedCommand command) throws IOException {
        if (command instanceof GeneratedIdentify identify) {
            userGroups.computeIfAbsent(identify.userId(), user -> new HashMap<>(2)).putAll(identify.groups());
        } else if (command instanceof GeneratedEvent event) {
            writeEvent(event);
        }
    }

    /** Writes every command; returns how many rows this call wrote. */
    public long writeAll(Iterable<? extends GeneratedCommand> commands) throws IOException {
        long before = rows;
        for (GeneratedCommand command : commands) {
            write(command);
        }
        return rows - before;
    }

    /** Event rows written so far (the header not counted). */
    public long rows() {
        return rows;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeEvent(GeneratedEvent event) throws IOException {
        if (timeFormat == TimeFormat.EPOCH_MILLIS) {
            row.append(event.time());
        } else {
            appendIsoTime(event.time());
        }
        row.append(',');
        appendCell(event.eventType());
        row.append(',');
        appendCell(event.userId());
        Map<String, List<String>> assigned = event.userId() == null ? null : userGroups.get(event.userId());
        for (String groupType : groupTypes) {
            row.append(',');
            List<String> values = event.groups().get(groupType);
            if ((values == null || values.isEmpty()) && assigned != null) {
                values = assigned.get(groupType);
            }
            if (values != null && !values.isEmpty()) {
                appendCell(values.get(0));
            }
        }
        Map<String, Object> properties = event.eventProperties();
        for (String column : propertyColumns) {
            row.append(',');
            Object value = properties.get(column);
            if (value instanceof Map || value instanceof List) {
                appendCell(AmplitudeJson.toJsonText(value));
            } else if (value != null) {
                appendCell(value.toString());
            }
        }
        row.append(',');
        appendCell(event.insertId());
        endRow();
        rows++;
    }

    private void appendIsoTime(long millis) {
        long day = Math.floorDiv(millis, DAY);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDayPrefix = LocalDate.ofEpochDay(day) + "T";
        }
        int ofDay = (int) Math.floorMod(millis, DAY);
        row.append(cachedDayPrefix);
        appendPadded(ofDay / 3_600_000, 2);
        row.append(':');
        appendPadded(ofDay / 60_000 % 60, 2);
        row.append(':');
        appendPadded(ofDay / 1_000 % 60, 2);
        row.append('.');
        appendPadded(ofDay % 1_000, 3);
        row.append('Z');
    }

    /** Appends a non-negative value below 10^width with leading zeros, without allocating. */
    private void appendPadded(int value, int width) {
        for (int divisor = width == 3 ? 100 : 10; divisor > 0; divisor /= 10) {
            row.append((char) ('0' + value / divisor % 10));
        }
    }

    private void appendCell(String value) {
        if (value == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            row.append(value);
            return;
        }
        row.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                row.append('"');
            }
            row.append(c);
        }
        row.append('"');
    }

    private void endRow() throws IOException {
        row.append('\n');
        out.append(row);
        row.setLength(0);
    }
}
