package io.troupe.storage.load;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.CommandSink;
import io.troupe.storage.event.IngestResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code bin/troupe load}: parses the arguments, runs the loader the format calls for,
 * and prints one summary line (or the error). Kept apart from the server so it can be tested with a fake
 * sink, and so the server only has to supply the project's store and group types.
 *
 * <pre>
 * --format csv|tsv|jsonl|group-csv|group-tsv   default: from the file name (.csv, .tsv, .jsonl/.ndjson)
 * --file F                                     the file to load (required)
 * --batch-size N                               commands per batch (default 10000)
 * --column-type NAME=string|number|boolean     csv/tsv: declare a property column's type (repeatable)
 * --group-column NAME                          csv/tsv: treat a column as a group type (repeatable)
 * --group-type NAME                            group-csv/tsv: the group type when the file has no group_type
 * --min-id-length N                            jsonl: minimum user_id/device_id length (default 5)
 * </pre>
 * Options also take the form {@code --name=value}.
 */
public final class LoadCommand {
    /** Exit status: loaded. */
    public static final int OK = 0;
    /** Exit status: the load failed (bad file, store error); what was stored, if anything, is printed. */
    public static final int FAILED = 1;
    /** Exit status: bad arguments; nothing was read. */
    public static final int USAGE = 2;

    public static final String USAGE_TEXT = """
            usage: troupe load --file F [--format csv|tsv|jsonl|group-csv|group-tsv] [--batch-size N]
                               [--column-type NAME=string|number|boolean]... [--group-column NAME]...
                               [--group-type NAME] [--min-id-length N]
              csv, tsv     events with a header: event_time, event_type, user_id and/or device_id,
                           insert_id, a column per group type, other columns as event properties
              jsonl        Amplitude HTTP API events, one JSON object per line
              group-csv    group properties: group_type, group_value, property, value, valid_from
              group-tsv    the same, tab-separated
            The whole file is checked before anything is stored: a bad line stores nothing.""";

    private LoadCommand() {
    }

    /** The file formats {@code --format} names. */
    enum Format {
        CSV("csv"), TSV("tsv"), JSONL("jsonl"), GROUP_CSV("group-csv"), GROUP_TSV("group-tsv");

        final String flag;

        Format(String flag) {
            this.flag = flag;
        }

        static Format parse(String flag) {
            for (Format format : values()) {
                if (format.flag.equals(flag.toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
            throw usage("Unknown format '" + flag + "': use csv, tsv, jsonl, group-csv or group-tsv");
        }

        static Format fromFileName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")) {
                return CSV;
            }
            if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
                return TSV;
            }
            if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
                return JSONL;
            }
            throw usage("Cannot tell the format of '" + name + "' from its name: give --format");
        }
    }

    /** Parsed arguments. */
    record Options(Format format, Path file, int batchSize, Map<String, ColumnType> columnTypes,
                   Set<String> groupColumns, String groupType, int minIdLength) {
    }

    /**
     * Runs a load and prints its summary or its error to {@code out}.
     *
     * @param groupTypes the project's group types: columns of that name hold event-level groups, and an
     *                   identify's {@code $set} of one assigns a user-level group
     * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}, the process exit status
     */
    public static int run(String[] args, CommandSink sink, Set<String> groupTypes, PrintStream out) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        Options options;
        try {
            options = parse(args);
        } catch (TroupeException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE_TEXT);
            return USAGE;
        }
        CountingSink counting = new CountingSink(sink);
        try {
            LoadResult result = load(options, counting, groupTypes);
            out.println(result.summary());
            return OK;
        } catch (TroupeException e) {
            out.println("error: " + e.getMessage());
            out.println(counting.batches == 0 ? "Nothing was stored."
                    : String.format(Locale.ROOT, "%,d batches (%,d events) were stored before the error;"
                    + " a rerun stores their events again unless they have an insert_id",
                    counting.batches, counting.eventsStored));
            return FAILED;
        }
    }

    /** Counts what the store accepted, to say after a failure what stayed stored. */
    private static final class CountingSink implements CommandSink {
        private final CommandSink sink;
        private long batches;
        private long eventsStored;

        CountingSink(CommandSink sink) {
            this.sink = sink;
        }

        @Override
        public IngestResult ingest(List<? extends Command> batch) {
            IngestResult result = sink.ingest(batch);
            batches++;
            eventsStored += result.eventsStored();
            return result;
        }
    }

    static LoadResult load(Options options, CommandSink sink, Set<String> groupTypes) {
        return switch (options.format()) {
            case CSV, TSV -> {
                Set<String> groupColumns = new LinkedHashSet<>(groupTypes);
                groupColumns.addAll(options.groupColumns());
                DelimitedFormat format = options.format() == Format.CSV ? DelimitedFormat.CSV : DelimitedFormat.TSV;
                yield new DelimitedEventLoader(format, groupColumns, options.columnTypes(), options.batchSize())
                        .load(options.file(), sink);
            }
            case JSONL -> new JsonLinesEventLoader(
                    new AmplitudeEvents(Set.copyOf(groupTypes)::contains, options.minIdLength()), options.batchSize())
                    .load(options.file(), sink);
            case GROUP_CSV, GROUP_TSV -> new GroupPropertyFileLoader(
                    options.format() == Format.GROUP_CSV ? DelimitedFormat.CSV : DelimitedFormat.TSV,
                    options.groupType(), options.batchSize())
                    .load(options.file(), sink);
        };
    }

    /**
     * Parses the arguments.
     *
     * @throws TroupeException {@link ErrorCode#INVALID_ARGUMENT} saying what is wrong
     */
    static Options parse(String[] args) {
        Format format = null;
        String file = null;
        int batchSize = BatchingSink.DEFAULT_BATCH_SIZE;
        Map<String, ColumnType> columnTypes = new LinkedHashMap<>();
        Set<String> groupColumns = new LinkedHashSet<>();
        String groupType = null;
        int minIdLength = AmplitudeEvents.DEFAULT_MIN_ID_LENGTH;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int equals = name.indexOf('=');
            if (name.startsWith("--") && equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw usage(name.startsWith("--") ? "Option " + name + " needs a value" : "Unexpected argument '" + name + "'");
            }
            switch (name) {
                case "--format" -> format = Format.parse(value);
                case "--file" -> file = value;
                case "--batch-size" -> batchSize = BatchingSink.checkBatchSize(integer(name, value));
                case "--column-type" -> columnType(value, columnTypes);
                case "--group-column" -> groupColumns.add(nonEmpty(name, value));
                case "--group-type" -> groupType = nonEmpty(name, value);
                case "--min-id-length" -> minIdLength = integer(name, value);
                default -> throw usage("Unknown option '" + name + "'");
            }
        }
        if (file == null) {
            throw usage("Give the file to load with --file");
        }
        if (format == null) {
            format = Format.fromFileName(file);
        }
        boolean events = format == Format.CSV || format == Format.TSV;
        if (!events && !columnTypes.isEmpty()) {
            throw usage("--column-type applies to csv and tsv files");
        }
        if (!events && !groupColumns.isEmpty()) {
            throw usage("--group-column applies to csv and tsv files");
        }
        if (groupType != null && format != Format.GROUP_CSV && format != Format.GROUP_TSV) {
            throw usage("--group-type applies to group-csv and group-tsv files");
        }
        if (minIdLength < 0) {
            throw usage("--min-id-length must be 0 or more");
        }
        return new Options(format, Path.of(file), batchSize, Map.copyOf(columnTypes), Set.copyOf(groupColumns),
                groupType, minIdLength);
    }

    private static void columnType(String value, Map<String, ColumnType> columnTypes) {
        int equals = value.lastIndexOf('=');
        if (equals <= 0) {
            throw usage("--column-type takes NAME=TYPE, e.g. zip=string; got '" + value + "'");
        }
        columnTypes.put(value.substring(0, equals).strip(), ColumnType.parse(value.substring(equals + 1).strip()));
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw usage(name + " takes a whole number, got '" + value + "'");
        }
    }

    private static String nonEmpty(String name, String value) {
        if (value.isBlank()) {
            throw usage(name + " needs a non-empty value");
        }
        return value.strip();
    }

    private static TroupeException usage(String message) {
        return new TroupeException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
