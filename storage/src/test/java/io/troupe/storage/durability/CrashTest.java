package io.troupe.storage.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreTestSupport;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.IngestResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is ingesting (and flushing) with SIGKILL at a random moment, then checks in this
 * JVM that every batch it acknowledged is stored exactly once, that no batch is stored in part, and that
 * sending every batch again (the in-flight ones included, as a client retrying would) stores nothing twice.
 */
class CrashTest {
    private static final int RUNS = 4;
    private static final int THREADS = 3;
    private static final int FLUSH_EVERY = 6;

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
            int killAfterMillis = 200 + random.nextInt(1300);
            acknowledgedTotal += crashAndCheck(tmp.resolve("run-" + run), runSeed, killAfterMillis,
                    "seed " + seed + ", run " + run + " (child seed " + runSeed + ", killed " + killAfterMillis + " ms after READY)");
        }
        assertTrue(acknowledgedTotal > 0, "the child processes acknowledged nothing: the test proved nothing");
    }

    private int crashAndCheck(Path dir, long runSeed, int killAfterMillis, String context) throws Exception {
        Path stderr = dir.resolveSibling(dir.getFileName() + ".stderr");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty("troupe.jvm.flags", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                dir.toString(), Long.toString(runSeed), Integer.toString(THREADS), Integer.toString(FLUSH_EVERY)));
        Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        List<String> lines = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    }
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the pipe breaks when the child dies: what was read is what counts
            }
        }, "crash-writer-stdout");
        reader.start();
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                fail(context + ": the child did not open the store; its stderr: " + tail(stderr));
            }
            Thread.sleep(killAfterMillis);
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close, no flush
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
        }
        assertTrue(!child.isAlive(), context);

        // What the child sent and what it was told was stored (an "A" line ends with "$" when complete).
        Map<Sent, Boolean> sent = new LinkedHashMap<>();
        synchronized (lines) {
            for (String line : lines) {
                String[] f = line.split(" ");
                if (line.startsWith("ERROR")) {
                    fail(context + ": " + line);
                } else if (f[0].equals("S")) {
                    sent.put(new Sent(Integer.parseInt(f[1]), Integer.parseInt(f[2])), false);
                } else if (f[0].equals("A") && f[f.length - 1].equals("$")) {
                    Sent s = new Sent(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
                    List<String> ids = List.of(f).subList(3, f.length - 1);
                    assertEquals(Durability.insertIds(CrashWriter.batch(runSeed, s.thread(), s.number())), ids, context);
                    sent.put(s, true);
                }
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

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
