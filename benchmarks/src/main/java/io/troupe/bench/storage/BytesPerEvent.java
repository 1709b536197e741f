package io.troupe.bench.storage;

import io.troupe.storage.EventStore;
import io.troupe.storage.read.Segment;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bytes on disk per event: builds (or reuses) the {@link DataSet} of 10M generated events (seed 42, 30 days,
 * 1,000 orgs, ingested with the default config and flushed), then reads every segment's Arrow IPC metadata
 * ({@link SegmentLayout}) and prints, per column, the stored (compressed) bytes per event, the
 * decompressed bytes per event and the ratio, and checks the target: the four core columns
 * ({@code event_time}, {@code event_type}, {@code user_id}, one group column) under 10 bytes per event.
 *
 * <pre>
 * java @benchmarks/target/classes/jvm.flags -Xmx8g -cp benchmarks/target/benchmarks.jar \
 *     io.troupe.bench.storage.BytesPerEvent [--events 10000000] [--days 30]
 * </pre>
 */
public final class BytesPerEvent {
    /** The target of the storage issue: core columns under this many bytes per event. */
    public static final double TARGET_CORE_BYTES = 10.0;

    private BytesPerEvent() {
    }

    public static void main(String[] args) {
        long events = Long.parseLong(option(args, "--events", "10000000").replace("_", ""));
        int days = Integer.parseInt(option(args, "--days", "30"));
        report(DataSet.prepare(events, days, System.out), System.out);
    }

    /** Prints the table; returns the layout of the data set's segments and its core columns. */
    public static Result report(DataSet set, PrintStream out) {
        List<Path> files = new ArrayList<>();
        String groupColumn;
        try (EventStore store = EventStore.open(set.config());
             Snapshot snapshot = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            groupColumn = snapshot.groupColumn(Workload.GROUP_TYPE);
            for (Segment s : snapshot.segments()) {
                files.add(s.path());
            }
        }
        SegmentLayout layout = SegmentLayout.of(files);
        long n = layout.rows();
        List<String> core = List.of(SegmentSchema.EVENT_TIME, SegmentSchema.EVENT_TYPE, SegmentSchema.USER_ID,
                groupColumn);
        out.printf("%nData set %s%n", set.dir());
        out.printf("%,d events in %d segments, %d record batches; store directory %,d bytes (segments %,d)%n",
                n, files.size(), layout.batches(), Scratch.size(set.store()), layout.fileBytes());
        out.printf("Cold durable ingest %s: %,.0f events/s (%.1f s inside ingest), final flush %.1f s%n",
                set.built() ? "while building it now" : "when the data set was built", set.ingestEventsPerSecond(),
                set.ingestSeconds(), set.flushSeconds());
        out.printf("%n| column | Arrow type(s) | stored bytes | stored B/event | decompressed B/event | ratio |%n");
        out.printf("|---|---|---:|---:|---:|---:|%n");
        long coreStored = 0;
        long corePlain = 0;
        for (Map.Entry<String, SegmentLayout.ColumnBytes> e : layout.columns().entrySet()) {
            SegmentLayout.ColumnBytes c = e.getValue();
            row(out, e.getKey() + (e.getKey().equals(groupColumn) ? " (" + Workload.GROUP_TYPE + ")" : ""),
                    String.join(", ", c.types()), c.compressed(), c.uncompressed(), n);
            if (core.contains(e.getKey())) {
                coreStored += c.compressed();
                corePlain += c.uncompressed();
            }
        }
        out.printf("| overhead (batch metadata, padding, schema, footer) | | %,d | %.3f | | |%n",
                layout.overheadBytes(), layout.overheadBytes() / (double) n);
        out.printf("| **all segment bytes** | | **%,d** | **%.3f** | | |%n", layout.fileBytes(),
                layout.fileBytes() / (double) n);
        row(out, "**core: time + type + user + " + Workload.GROUP_TYPE + "**", "", coreStored, corePlain, n);
        double coreBytes = coreStored / (double) n;
        out.printf("%nCore columns: %.3f bytes/event, target < %.0f: %s%n", coreBytes, TARGET_CORE_BYTES,
                coreBytes < TARGET_CORE_BYTES ? "MET" : "NOT MET");
        return new Result(layout, core, coreStored, n);
    }

    private static void row(PrintStream out, String name, String types, long stored, long plain, long n) {
        out.printf("| %s | %s | %,d | %.3f | %.3f | %s |%n", name, types, stored, stored / (double) n,
                plain / (double) n, stored == 0 ? "" : String.format("%.1fx", plain / (double) stored));
    }

    /**
     * What was measured.
     *
     * @param layout      the segments' layout
     * @param coreColumns the four core columns
     * @param coreStored  their stored bytes
     * @param events      events in the segments
     */
    public record Result(SegmentLayout layout, List<String> coreColumns, long coreStored, long events) {
        public double coreBytesPerEvent() {
            return coreStored / (double) events;
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
