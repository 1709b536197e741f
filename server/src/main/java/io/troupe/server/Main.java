package io.troupe.server;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Command;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.storage.load.LoadCommand;
import io.troupe.storage.partition.Manifest;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentInfo;
import io.troupe.storage.segment.SegmentSchema;
import io.troupe.testing.generator.B2bGenerator;
import io.troupe.testing.generator.GeneratedCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code bin/troupe} entry point. Until the server issue lands, {@code demo} loads a generated B2B
 * sample into the embedded default data directory and prints what was stored and a group-level report,
 * {@code load} bulk-loads a file into a project, and {@code query} runs SQL on a project in this process.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "demo" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        Path data = Path.of(option(rest, "--data", "troupe-data"));
        String project = option(rest, "--project", "default");
        switch (command) {
            case "demo" -> demo(data, project, Long.parseLong(option(rest, "--events", "1000000")), System.out);
            case "load" -> {
                int status;
                try (EventStore store = EventStore.open(StoreConfig.defaults(project, data.resolve(project)))) {
                    status = LoadCommand.run(withoutStoreOptions(rest), store, store.catalog().state().groupTypeNames(),
                            System.out);
                    store.flush();
                }
                System.exit(status);
            }
            case "query" -> {
                String sql = String.join(" ", withoutStoreOptions(rest));
                if (sql.isBlank()) {
                    sql = new String(readStdin(), java.nio.charset.StandardCharsets.UTF_8);
                }
                int status;
                try (EventStore store = EventStore.open(StoreConfig.defaults(project, data.resolve(project)))) {
                    status = QueryCommand.run(store, sql, System.out);
                }
                System.exit(status);
            }
            case "restore" -> System.exit(io.troupe.server.admin.RestoreCommand.run(rest, System.out, System.err));
            default -> {
                System.err.println("usage: troupe demo [--data DIR] [--events N]"
                        + " | troupe load --file F --format csv|tsv|jsonl|group-csv [--data DIR] [--project P]"
                        + " | troupe query [--data DIR] [--project P] \"SQL; ...\" (or statements on stdin)"
                        + " | troupe restore --snapshot DIR [--data DIR] [--project P] [--replace]");
                System.exit(2);
            }
        }
    }

    private static byte[] readStdin() {
        try {
            return System.in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The arguments without {@code --data} and {@code --project}, which are the process's, not the loader's. */
    static String[] withoutStoreOptions(String[] args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--data") || args[i].equals("--project")) && i + 1 < args.length) {
                i++;
            } else {
                kept.add(args[i]);
            }
        }
        return kept.toArray(String[]::new);
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Loads a generated sample if the project is empty, then prints what is stored. */
    static void demo(Path data, String project, long events, PrintStream out) {
        try (EventStore store = EventStore.open(StoreConfig.defaults(project, data.resolve(project)))) {
            if (store.rowCount() == 0) {
                long started = System.nanoTime();
                B2bGenerator generator = new B2bGenerator(B2bGenerator.Config.builder().targetEvents(events).build());
                AmplitudeEvents mapper = AmplitudeEvents.forGroupTypes(Set.of("org_id"));
                List<Command> batch = new ArrayList<>(10_000);
                long now = System.currentTimeMillis();
                for (GeneratedCommand generated : generator) {
                    batch.add(mapper.toCommand(generated.toAmplitudeJson(), batch.size(), now));
                    if (batch.size() == 10_000) {
                        store.ingest(batch);
                        batch.clear();
                    }
                }
                store.ingest(batch);
                store.flush();
                out.printf("Loaded a generated B2B sample into %s in %.1f s%n", data.resolve(project),
                        (System.nanoTime() - started) / 1e9);
            }
            describe(store, out);
            out.println();
            out.println("Daily active accounts by region, last 7 days of the sample (bin/troupe query \"...\" runs any SQL):");
            String query = demoQuery(store);
            out.println(query.indent(2));
            QueryCommand.run(store, query, out);
            out.println();
            out.println("A funnel where different members complete different steps: accounts, then the same statement"
                    + " counting users (docs/reports.md):");
            for (String funnel : demoFunnels()) {
                out.println(funnel.indent(2));
                QueryCommand.run(store, funnel, out);
            }
        }
    }

    /** The demo's funnel, Create Report -> Share Report -> Invite User within 7 days, by account and by user. */
    static List<String> demoFunnels() {
        String funnel = "FUNNEL(event_type = 'Create Report', event_type = 'Share Report', event_type = 'Invite User'"
                + " WITHIN INTERVAL '7' DAY)";
        return List.of(
                "SELECT step, units AS accounts, conversion FROM (\n  SELECT " + funnel
                        + "\n  FROM events GROUP BY GROUP TYPE org_id) ORDER BY step",
                "SELECT step, units AS users, conversion FROM (\n  SELECT " + funnel + "\n  FROM events) ORDER BY step");
    }

    /** The demo's group-level report: distinct orgs per day and current region over the sample's last week. */
    static String demoQuery(EventStore store) {
        long[] bounds;
        try (Snapshot snapshot = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            bounds = snapshot.timeBounds();
        }
        java.time.Instant from = java.time.Instant.ofEpochMilli(bounds[1]).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .minus(java.time.Duration.ofDays(6));
        String literal = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(from);
        return "SELECT FLOOR(event_time TO DAY) AS activity_day, CURRENT_GROUP_PROPERTY(org_id, 'region') AS region,\n"
                + "       UNIQUES() AS active_orgs\n"
                + "FROM events WHERE event_time >= TIMESTAMP '" + literal + "'\n"
                + "GROUP BY GROUP TYPE org_id, FLOOR(event_time TO DAY), CURRENT_GROUP_PROPERTY(org_id, 'region')\n"
                + "ORDER BY 1, 2";
    }

    static void describe(EventStore store, PrintStream out) {
        long segments = 0;
        long bytes = 0;
        long rows = 0;
        for (Manifest m : store.manifests().values()) {
            for (SegmentInfo s : m.segments()) {
                segments++;
                bytes += s.bytes();
                rows += s.rows();
            }
        }
        out.printf("Project %s: %,d events in %,d partitions, %,d segments, %,d bytes (%.1f bytes/event)%n",
                store.config().project(), store.rowCount(), store.manifests().size(), segments, bytes,
                rows == 0 ? 0.0 : (double) bytes / rows);
        out.printf("Group types: %s; users: %,d; group property changes: %,d%n",
                store.catalog().state().groupTypeNames(), store.dictionaries().users().size(), store.groupHistory().size());
        Map<String, Long> byType = new TreeMap<>();
        try (Snapshot snapshot = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            int[] ids = new int[store.config().batchRows()];
            long[] counts = new long[store.dictionaries().eventTypes().size()];
            snapshot.scan(List.of(SegmentSchema.EVENT_TYPE), batch -> {
                batch.ids(SegmentSchema.EVENT_TYPE, ids);
                for (int i = 0; i < batch.rowCount(); i++) {
                    counts[ids[i]]++;
                }
            });
            for (int id = 0; id < counts.length; id++) {
                byType.put(store.dictionaries().eventTypes().valueOf(id), counts[id]);
            }
        }
        out.println("Events by type:");
        byType.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(12)
                .forEach(e -> out.printf("  %-32s %,12d%n", e.getKey(), e.getValue()));
    }
}
