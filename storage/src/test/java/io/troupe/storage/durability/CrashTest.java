package io.troupe.storage.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreTestSupport;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.IngestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is ingesting (and flushing) with SIGKILL at a random moment, then checks in this
 * JVM that every batch it acknowledged is stored exactly once, that no batch is stored in part, and that
 * sending every batch again (the in-flight ones included, as a client retrying would) stores nothing twice.
 */
class CrashTest {
    private static final int RUNS = 5;
    private static final int THREADS = 3;
    private static final int FLUSH_EVERY = 6;
    private static final long WAL_FILE_BYTES = 256 << 10;

    @TempDir
    Path tmp;

    /** A batch the child sent: its thread and number, and whether the ingest call returned. */
    private record Sent(int thread, int number) {
    }

    @Test
    void acknowledgedBatchesSurviveSigkillExactlyOnce() throws Exception {
        long seed = Durability.seed("CrashTest");
        Random random = new Random(seed);
        int acknowledgedTotal = 0;
        for (int run = 0; run < RUNS; run++) {
            long runSeed = random.nextLong();
            // Run 0 is killed 0 to 250 ms after READY: before, in or just after its first ingests (while the
            // dictionaries' files are created); the others 200 to 1500 ms after their first acknowledgement.
            boolean early = run == 0;
            int killAfterMillis = early ? random.nextInt(250) : 200 + random.nextInt(1300);
            // The last run fsyncs every 5 ms instead of per batch: a process crash must lose nothing either
            // (the bytes are in the page cache); all runs use small WAL files, so crashes also hit rolls.
            long syncEveryMillis = run == RUNS - 1 ? 5 : 0;
            acknowledgedTotal += crashAndCheck(tmp.resolve("run-" + run), runSeed, early, killAfterMillis, syncEveryMillis,
                    "seed " + seed + ", run " + run + " (child seed " + runSeed + ", killed " + killAfterMillis + " ms after "
                            + (early ? "READY" : "its first acknowledgement") + ", WAL fsync "
                            + (syncEveryMillis == 0 ? "per batch" : "every 5 ms") + ")");
        }
        assertTrue(acknowledgedTotal > 0, "the child processes acknowledged nothing: the test proved nothing");
    }

    private int crashAndCheck(Path dir, long runSeed, boolean early, int killAfterMillis, long syncEveryMillis, String context)
            throws Exception {
        Path stderr = dir.resolveSibling(dir.getFileName() + ".stderr");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty("troupe.jvm.flags", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                dir.toString(), Long.toString(runSeed), Integer.toString(THREADS), Integer.toString(FLUSH_EVERY),
                Long.toString(syncEveryMillis), Long.toString(WAL_FILE_BYTES)));
        // The child's stdout goes to a file, not a pipe: what it wrote before SIGKILL is in the page cache and
        // all of it is read back (the tail of a pipe can be lost when the JVM drains it on the child's exit).
        Path stdout = dir.resolveSibling(dir.getFileName() + ".stdout");
        Process child = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            // The random moment counts from the first acknowledged batch, so that the kill lands in steady
            // ingest (with flushes) rather than in the JVM's start; or, for an early kill, from READY.
            String from = early ? "READY" : "A ";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (readLines(stdout).stream().noneMatch(l -> l.startsWith(from))) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    fail(context + ": the child never printed " + from.trim() + "; its stderr: " + tail(stderr));
                }
                Thread.sleep(10);
            }
            Thread.sleep(killAfterMillis);
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close, no flush
            child.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> lines = readLines(stdout);
        assertTrue(!child.isAlive(), context);

        // What the child sent and what it was told was stored; a line ends with "$" when it was written whole.
        Map<Sent, Boolean> sent = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (line.startsWith("ERROR")) {
                fail(context + ": " + line);
            } else if (!f[f.length - 1].equals("$")) {
                continue; // the last line, cut by the kill
            } else if (f[0].equals("S")) {
                sent.put(new Sent(Integer.parseInt(f[1]), Integer.parseInt(f[2])), false);
            } else if (f[0].equals("A")) {
                Sent s = new Sent(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
                List<String> ids = List.of(f).subList(3, f.length - 1);
                assertEquals(Durability.insertIds(CrashWriter.batch(runSeed, s.thread(), s.number())), ids, context);
                sent.put(s, true);
            }
        }
        int acknowledged = (int) sent.values().stream().filter(a -> a).count();
        System.out.printf("CrashTest %s: %d batches acknowledged, %d in flight%n", context, acknowledged,
                sent.size() - acknowledged);

        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            Map<String, Integer> counts = Durability.insertIdCounts(store);
            Set<String> expected = new LinkedHashSet<>();
            Map<Sent, Boolean> present = new LinkedHashMap<>();
            for (Map.Entry<Sent, Boolean> e : sent.entrySet()) {
                List<String> ids = Durability.insertIds(CrashWriter.batch(runSeed, e.getKey().thread(), e.getKey().number()));
                long found = ids.stream().filter(counts::containsKey).count();
                if (e.getValue()) {
                    assertEquals(ids.size(), found, context + ": acknowledged batch " + e.getKey() + " lost events");
                } else if (found != 0 && found != ids.size()) {
                    fail(context + ": in-flight batch " + e.getKey() + " is stored in part: " + found + " of " + ids.size());
                }
                present.put(e.getKey(), found > 0);
                if (found > 0) {
                    expected.addAll(ids);
                }
            }
            Durability.assertExactlyOnce(expected, counts, context + ", after recovery");

            // A client retries everything it sent: what is stored is a duplicate, the rest is stored now.
            Set<String> all = new LinkedHashSet<>();
            for (Map.Entry<Sent, Boolean> e : present.entrySet()) {
                List<Event> batch = CrashWriter.batch(runSeed, e.getKey().thread(), e.getKey().number());
                IngestResult r = store.ingest(batch);
                if (e.getValue()) {
                    assertEquals(batch.size(), r.duplicates(), context + ": re-sent batch " + e.getKey() + " " + r);
                    assertEquals(0, r.eventsStored(), context + ": re-sent batch " + e.getKey());
                } else {
                    assertEquals(batch.size(), r.eventsStored(), context + ": re-sent in-flight batch " + e.getKey() + " " + r);
                }
                all.addAll(Durability.insertIds(batch));
            }
            Durability.assertExactlyOnce(all, Durability.insertIdCounts(store), context + ", after re-sending");
            store.flush();
            Durability.assertExactlyOnce(all, Durability.insertIdCounts(store), context + ", after re-sending and a flush");
        }
        if (!sent.isEmpty()) {
            try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
                assertTrue(store.manifests().size() >= 2, context + ": events span several daily partitions");
                Set<String> all = new LinkedHashSet<>();
                sent.keySet().forEach(s -> all.addAll(Durability.insertIds(CrashWriter.batch(runSeed, s.thread(), s.number()))));
                Durability.assertExactlyOnce(all, Durability.insertIdCounts(store), context + ", after a clean restart");
            }
        }
        return acknowledged;
    }

    private static List<String> readLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
