package io.troupe.storage.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.storage.EventStore;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.Json;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Helpers of the durability tests: seeds, seeded batches with unique insert ids, reading insert ids back. */
final class Durability {
    static final long DAY = 86_400_000L;
    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z
    private static final String[] TYPES = {"Open App", "Create Report", "Share Report", "Invite User"};

    private Durability() {
    }

    /**
     * A fresh random seed, or the one given with {@code -Dtroupe.test.seed=...}; printed so that a failure
     * can be replayed.
     */
    static long seed(String test) {
        Long fixed = Long.getLong("troupe.test.seed");
        long seed = fixed != null ? fixed : new SecureRandom().nextLong();
        System.out.println(test + ": seed " + seed + " (replay with -Dtroupe.test.seed=" + seed + ")");
        return seed;
    }

    /**
     * {@code n} events with insert ids {@code <batchId>-<i>}, spread over {@code days} daily partitions from
     * {@link #T0}, with an org group and a small property object.
     */
    static List<Event> batch(String batchId, int n, java.util.Random random, int days) {
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long time = T0 + random.nextInt(days) * DAY + random.nextInt((int) DAY);
            ObjectNode props = Json.emptyObject();
            props.put("n", random.nextInt(1000));
            events.add(new Event(time, TYPES[random.nextInt(TYPES.length)], "u" + random.nextInt(30), null,
                    batchId + "-" + i, Map.of("org_id", List.of("o" + random.nextInt(5))), props, null));
        }
        return events;
    }

    static List<String> insertIds(Collection<Event> events) {
        return events.stream().map(Event::insertId).toList();
    }

    /** What {@code StoreTestSupport.rows(store)} shows for these events: "time type user", sorted. */
    static List<String> rowsOf(Collection<Event> events) {
        List<String> rows = new ArrayList<>();
        events.forEach(e -> rows.add(e.time() + " " + e.eventType() + " " + e.userId()));
        rows.sort(null);
        return rows;
    }

    /** How many times each insert id is visible in the store (segments and tail). */
    static Map<String, Integer> insertIdCounts(EventStore store) {
        Map<String, Integer> counts = new TreeMap<>();
        try (Snapshot s = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            s.scan(List.of(SegmentSchema.INSERT_ID), batch -> {
                for (int row = batch.startRow(); row < batch.endRow(); row++) {
                    byte[] id = batch.bytes(SegmentSchema.INSERT_ID, row);
                    counts.merge(id == null ? "<null>" : new String(id, StandardCharsets.UTF_8), 1, Integer::sum);
                }
            });
        }
        return counts;
    }

    /** Asserts that exactly {@code expected} are visible, each once. */
    static void assertExactlyOnce(Collection<String> expected, Map<String, Integer> counts, String context) {
        List<String> twice = new ArrayList<>();
        counts.forEach((id, n) -> {
            if (n != 1) {
                twice.add(id + " x" + n);
            }
        });
        if (!twice.isEmpty()) {
            fail(context + ": insert ids visible more than once: " + head(twice));
        }
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(counts.keySet());
        TreeSet<String> extra = new TreeSet<>(counts.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            fail(context + ": missing " + missing.size() + " " + head(missing) + ", unexpected " + extra.size()
                    + " " + head(extra));
        }
        assertEquals(expected.size(), counts.size(), context);
    }

    static String head(Collection<String> values) {
        List<String> list = new ArrayList<>(values);
        return list.size() <= 10 ? list.toString() : list.subList(0, 10) + "... (" + list.size() + ")";
    }

    /** Copies a folder tree (the store's files are small in tests: Chronicle Map files are sized for 10,000 entries). */
    static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
