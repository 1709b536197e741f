package io.troupe.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during HTTP ingest: a child JVM runs the server ({@link CrashServerMain}), client threads here post
 * batches with unique insert ids, and the child is killed at a random moment. The server is then restarted on the
 * same data directory (its stores replay their write-ahead logs) and every batch that was answered 200 must be
 * there exactly once; a batch in flight at the kill is there whole or not at all; and re-sending every batch, as
 * clients retry, stores each event exactly once. The seed is printed; replay with {@code -Dtroupe.test.seed=...}.
 */
class HttpCrashTest {
    private static final int RUNS = 2;
    private static final int CLIENTS = 3;
    private static final int EVENTS = 200;
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path tmp;

    /** A batch a client sent: its client and number; whether it was answered 200. */
    private record Batch(int client, int number) {
        String prefix(int run) {
            return "crash-" + run + "-" + client + "-" + number + "-";
        }
    }

    @Test
    void acknowledgedEventsSurviveSigkillExactlyOnce() throws Exception {
        long seed = IngestTestSupport.seed("HttpCrashTest");
        Random random = new Random(seed);
        int acknowledged = 0;
        for (int run = 0; run < RUNS; run++) {
            int killAfterMillis = 100 + random.nextInt(1200);
            acknowledged += crashAndCheck(tmp.resolve("run-" + run), run, killAfterMillis,
                    "seed " + seed + ", run " + run + " (killed " + killAfterMillis + " ms after the first answer)");
        }
        assertTrue(acknowledged > 0, "no batch was acknowledged before the kills: the test proved nothing");
    }

    private int crashAndCheck(Path data, int run, int killAfterMillis, String context) throws Exception {
        Files.createDirectories(data);
        Path stdout = data.resolveSibling(data.getFileName() + ".stdout");
        Path stderr = data.resolveSibling(data.getFileName() + ".stderr");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty("troupe.jvm.flags", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), CrashServerMain.class.getName(),
                data.toString()));
        Process child = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        Map<Batch, Boolean> sent = new ConcurrentHashMap<>();
        String apiKey;
        try {
            String[] ready = awaitReady(child, stdout, stderr, context);
            int port = Integer.parseInt(ready[1]);
            apiKey = ready[2];
            CountDownLatch firstAnswer = new CountDownLatch(1);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> post(port, apiKey, run, client, sent, firstAnswer), "crash-client-" + c);
                t.start();
                clients.add(t);
            }
            if (!firstAnswer.await(60, TimeUnit.SECONDS)) {
                fail(context + ": no batch was answered; child stderr: " + Files.readString(stderr));
            }
            Thread.sleep(killAfterMillis);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no close
            child.waitFor(30, TimeUnit.SECONDS);
            for (Thread t : clients) {
                t.join(30_000);
            }
        } finally {
            child.destroyForcibly();
        }
        int answered = (int) sent.values().stream().filter(a -> a).count();
        System.out.printf("HttpCrashTest %s: %d batches answered 200, %d in flight%n", context, answered, sent.size() - answered);

        try (IngestTestSupport restarted = IngestTestSupport.start(data)) {
            Map<String, Integer> counts = insertIdCounts(restarted, run);
            for (Map.Entry<Batch, Boolean> e : sent.entrySet()) {
                long present = counts.keySet().stream().filter(id -> id.startsWith(e.getKey().prefix(run))).count();
                if (e.getValue()) {
                    assertEquals(EVENTS, present, context + ": acknowledged batch " + e.getKey() + " lost events");
                } else if (present != 0 && present != EVENTS) {
                    fail(context + ": in-flight batch " + e.getKey() + " is stored in part: " + present + " of " + EVENTS);
                }
            }
            counts.forEach((id, n) -> assertEquals(1, n, context + ": " + id + " stored " + n + " times"));
            // Clients retry what they sent: everything is then stored exactly once.
            HttpClient http = HttpClient.newHttpClient();
            for (Batch b : sent.keySet()) {
                HttpResponse<String> r = http.send(request(restarted.server.httpAddress().getPort(),
                        restarted.apiKey(), run, b), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), context + ": re-sent " + b + ": " + r.body());
            }
            Map<String, Integer> after = insertIdCounts(restarted, run);
            assertEquals(sent.size() * EVENTS, after.size(), context + ": after re-sending");
            after.forEach((id, n) -> assertEquals(1, n, context + ": " + id + " stored " + n + " times after re-sending"));
        }
        return answered;
    }

    private static String[] awaitReady(Process child, Path stdout, Path stderr, String context) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(stdout)) {
                for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
                    if (line.startsWith("READY ")) {
                        return line.split(" ");
                    }
                }
            }
            if (!child.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        fail(context + ": the child server never became ready; its stderr: " + Files.readString(stderr));
        return null;
    }

    /** Posts batches until the server dies; records each as sent, then as answered once it is answered 200. */
    private static void post(int port, String apiKey, int run, int client, Map<Batch, Boolean> sent, CountDownLatch firstAnswer) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int number = 0; number < 10_000; number++) {
            Batch batch = new Batch(client, number);
            sent.put(batch, false);
            try {
                HttpResponse<String> r = http.send(request(port, apiKey, run, batch), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new AssertionError("batch " + batch + " answered " + r.statusCode() + ": " + r.body());
                }
                sent.put(batch, true);
                firstAnswer.countDown();
            } catch (IOException e) {
                return; // the server was killed: this batch stays "in flight"
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static HttpRequest request(int port, String apiKey, int run, Batch batch) {
        Random random = new Random(batch.client() * 1_000_003L + batch.number());
        StringBuilder body = new StringBuilder("{\"api_key\":\"").append(apiKey).append("\",\"events\":[");
        for (int i = 0; i < EVENTS; i++) {
            body.append(i == 0 ? "" : ",").append("{\"event_type\":\"Step ").append(random.nextInt(5))
                    .append("\",\"user_id\":\"user-").append(random.nextInt(50)).append("\",\"insert_id\":\"")
                    .append(batch.prefix(run)).append(i).append("\",\"time\":")
                    .append(T0 + random.nextInt(3) * DAY + random.nextInt((int) DAY))
                    .append(",\"groups\":{\"org_id\":\"o").append(random.nextInt(7)).append("\"}}");
        }
        body.append("]}");
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/2/httpapi"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static Map<String, Integer> insertIdCounts(IngestTestSupport s, int run) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<Object> row : s.rows("SELECT insert_id, COUNT(*) FROM events WHERE insert_id LIKE ? GROUP BY insert_id",
                "crash-" + run + "-%")) {
            counts.put((String) row.get(0), ((Number) row.get(1)).intValue());
        }
        return counts;
    }
}
