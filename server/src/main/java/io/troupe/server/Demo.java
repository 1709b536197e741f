package io.troupe.server;

import io.troupe.storage.EventStore;
import io.troupe.storage.event.Command;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.storage.partition.Manifest;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentInfo;
import io.troupe.storage.segment.SegmentSchema;
import io.troupe.testing.generator.B2bGenerator;
import io.troupe.testing.generator.GeneratedCommand;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo's content: a generated B2B sample loaded into an empty project, a description of what is stored,
 * daily active accounts by region and the Create Report -> Share Report -> Invite User funnel by account and
 * by user (where different members of an account complete different steps).
 */
final class Demo {
    private Demo() {
    }

    static void run(EventStore store, long events, PrintStream out) {
        if (store.rowCount() == 0) {
            load(store, events, out);
        }
        describe(store, out);
        out.println();
        out.println("Daily active accounts by region, last 7 days of the sample:");
        String query = dailyActiveAccounts(store);
        out.println(query.indent(2));
        QueryCommand.run(store, query, out);
        out.println();
        out.println("A funnel where different members complete different steps: accounts, then the same statement"
                + " counting users (docs/reports.md):");
        for (String funnel : funnels()) {
            out.println(funnel.indent(2));
            QueryCommand.run(store, funnel, out);
        }
    }

    static void load(EventStore store, long events, PrintStream out) {
        long started = System.nanoTime();
        long now = System.currentTimeMillis();
        B2bGenerator generator = new B2bGenerator(B2bGenerator.Config.builder().targetEvents(events)
                .start(sampleStart(now, B2bGenerator.Config.defaults().days())).build());
        AmplitudeEvents mapper = AmplitudeEvents.forGroupTypes(Set.of("org_id"));
        List<Command> batch = new ArrayList<>(10_000);
        out.printf("Loading a generated B2B sample of about %,d events...%n", events);
        for (GeneratedCommand generated : generator) {
            batch.add(mapper.toCommand(generated.toAmplitudeJson(), batch.size(), now));
            if (batch.size() == 10_000) {
                store.ingest(batch);
                batch.clear();
            }
        }
        store.ingest(batch);
        store.flush();
        out.printf("Loaded the sample into project %s in %.1f s%n", store.config().project(), (System.nanoTime() - started) / 1e9);
    }

    /**
     * Where the sample starts: the generator's default start moved by whole weeks so that the sample ends in the
     * week before {@code now}. Recent data is what time-windowed features expect (GROUP_SEARCH lists the groups
     * active in the last six months, dynamic group properties count the last days); whole weeks keep every
     * weekday, so the sample and the figures the README quotes stay the same from one day to the next.
     */
    static java.time.Instant sampleStart(long now, int days) {
        long week = java.time.Duration.ofDays(7).toMillis();
        long defaultStart = B2bGenerator.Config.DEFAULT_START.toEpochMilli();
        long latestStart = now - java.time.Duration.ofDays(days).toMillis();
        long weeks = Math.floorDiv(latestStart - defaultStart, week);
        return java.time.Instant.ofEpochMilli(defaultStart + weeks * week);
    }

    /** The demo's funnel, Create Report -> Share Report -> Invite User within 7 days, by account and by user. */
    static List<String> funnels() {
        String funnel = "FUNNEL(event_type = 'Create Report', event_type = 'Share Report', event_type = 'Invite User'"
                + " WITHIN INTERVAL '7' DAY)";
        return List.of(
                "SELECT step, units AS accounts, conversion FROM (\n  SELECT " + funnel
                        + "\n  FROM events GROUP BY GROUP TYPE org_id) ORDER BY step",
                "SELECT step, units AS users, conversion FROM (\n  SELECT " + funnel + "\n  FROM events) ORDER BY step");
    }

    /** Distinct orgs per day and current region over the sample's last week. */
    static String dailyActiveAccounts(EventStore store) {
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
