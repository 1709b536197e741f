package io.troupe.storage.format;

import static io.troupe.storage.StoreTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Identify;
import io.troupe.storage.event.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by format version 1 stays readable: {@code src/test/resources/format/v1/store} was
 * written once by {@link #main} and is committed; every later build must open it and read the same data
 * (segments, manifests, checkpoint, dedup index, group history, WAL tail, dictionaries, users).
 * A format change that breaks this needs a new version number and a reader for the old one.
 */
class FormatCompatibilityTest {
    static final long T0 = 1_767_225_600_000L;
    static final List<String> EXPECTED = List.of(
            T0 + " Create Report admin org_id=acme",
            (T0 + 60_000) + " Share Report colleague org_id=acme",
            (T0 + 86_400_000L) + " Pay Invoice payer org_id=acme",
            (T0 + 86_400_000L + 1) + " Open App admin org_id=acme");

    /** When the v1 fixture was written (the ingest time in its dedup file). */
    static final long FIXTURE_WRITTEN = 1_795_942_963_496L;

    @TempDir
    Path dir;

    @Test
    void version1StoreOpensAndReadsTheSame() throws Exception {
        Path fixture = Path.of("src/test/resources/format/v1/store");
        copy(fixture, dir);
        // The dedup window (7 days) counts from the ingest time the fixture recorded: read it with a clock of
        // that day, or the test fails a week after the fixture was written.
        java.time.Clock fixtureDay = java.time.Clock.fixed(java.time.Instant.ofEpochMilli(FIXTURE_WRITTEN + 60_000),
                java.time.ZoneOffset.UTC);
        try (EventStore store = EventStore.open(StoreConfig.defaults("compat", dir).withExpectedEntries(1000)
                .withClock(fixtureDay))) {
            assertEquals(EXPECTED, rows(store, "org_id"));
            int org = store.catalog().state().groupType("org_id").id();
            assertEquals("pro", store.groupHistory().valueAt(org, "acme", "plan", T0 + 10).textValue());
            assertEquals("enterprise", store.groupHistory().currentValue(org, "acme", "plan").textValue());
            assertEquals(List.of("acme"), store.users().get("colleague").groups().get(org));
            assertEquals(1, store.ingest(List.of(new Event(T0, "Create Report", "admin", null, "i1", Map.of(), null, null)))
                    .duplicates(), "the dedup index of version 1 is read");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Writes the fixture (run once per format version, from the storage module folder). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/format/v1/store");
        ObjectNode props = (ObjectNode) Json.MAPPER.readTree("{\"platform\":\"web\",\"amount\":12.5,\"zip\":\"02134\"}");
        EventStore store = EventStore.open(StoreConfig.defaults("compat", out).withExpectedEntries(1000));
        store.ingest(List.of(
                new Identify("admin", T0 - 1, Map.of("org_id", List.of("acme")), null),
                new Identify("colleague", T0 - 1, Map.of("org_id", List.of("acme")), null),
                new GroupIdentify("org_id", "acme", T0, (ObjectNode) Json.MAPPER.readTree("{\"plan\":\"pro\"}")),
                new Event(T0, "Create Report", "admin", null, "i1", Map.of(), props, null),
                new Event(T0 + 60_000, "Share Report", "colleague", null, "i2", Map.of(), null, null),
                new Event(T0 + 86_400_000L, "Pay Invoice", "payer", null, "i3", Map.of("org_id", List.of("acme", "other")), props, null)));
        store.flush();
        // Left in the WAL, not flushed: the fixture covers replay too.
        store.ingest(List.of(
                new GroupIdentify("org_id", "acme", T0 + 100, (ObjectNode) Json.MAPPER.readTree("{\"plan\":\"enterprise\"}")),
                new Event(T0 + 86_400_000L + 1, "Open App", "admin", null, "i4", Map.of(), null, null)));
        store.abandon();
        Files.deleteIfExists(out.resolve("RUNNING"));
    }
}
