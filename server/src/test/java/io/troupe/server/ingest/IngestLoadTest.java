package io.troupe.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load over loopback: 8 concurrent clients, each posting a fixed number of batches (every fifth one
 * twice, as a client retrying after a lost answer would). Every request must be answered 200, every event stored
 * exactly once, and the request counter must match what was sent: nothing lost, nothing duplicated.
 */
class IngestLoadTest {
    private static final int CLIENTS = 8;
    private static final int BATCHES = 20;
    private static final int EVENTS = 250;

    @TempDir
    Path data;

    @Test
    void concurrentClientsStoreEveryEventOnce() throws Exception {
        try (IngestTestSupport s = IngestTestSupport.start(data)) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Integer>> sent = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                sent.add(clients.submit(() -> {
                    int requests = 0;
                    for (int b = 0; b < BATCHES; b++) {
                        String body = batch(s.apiKey(), client, b);
                        for (int attempt = 0; attempt < (b % 5 == 4 ? 2 : 1); attempt++) {
                            IngestTestSupport.Answer answer = s.postJson("/2/httpapi", body);
                            assertEquals(200, answer.status(), "client " + client + " batch " + b + ": " + answer);
                            assertEquals(EVENTS, answer.json().get("events_ingested").asInt());
                            requests++;
                        }
                    }
                    return requests;
                }));
            }
            clients.shutdown();
            int requests = 0;
            for (Future<Integer> f : sent) {
                requests += f.get(120, TimeUnit.SECONDS);
            }
            assertEquals(List.of(CLIENTS * BATCHES * EVENTS + "|" + CLIENTS * BATCHES * EVENTS),
                    s.text("SELECT COUNT(*), COUNT(DISTINCT insert_id) FROM events"));
            assertEquals(List.of(), s.text("SELECT insert_id FROM events GROUP BY insert_id HAVING COUNT(*) > 1"));
            String scrape = s.server.context().metrics().scrape();
            assertEquals(true, scrape.contains("troupe_ingest_requests_total{endpoint=\"/2/httpapi\",status=\"200\"} "
                    + requests + ".0"), "requests counted: " + requests);
            assertEquals(true, scrape.contains("troupe_ingest_events_total{endpoint=\"/2/httpapi\",result=\"duplicate\"} "
                    + (CLIENTS * (BATCHES / 5) * EVENTS) + ".0"), scrape.lines()
                    .filter(l -> l.startsWith("troupe_ingest")).toList().toString());
        }
    }

    private static String batch(String key, int client, int batch) {
        StringBuilder body = new StringBuilder("{\"api_key\":\"").append(key).append("\",\"events\":[");
        for (int i = 0; i < EVENTS; i++) {
            body.append(i == 0 ? "" : ",").append("{\"event_type\":\"Step ").append(i % 7).append("\",\"user_id\":\"user-")
                    .append(client).append('-').append(i % 40).append("\",\"insert_id\":\"load-").append(client).append('-')
                    .append(batch).append('-').append(i).append("\",\"time\":").append(1_767_225_600_000L + i * 1000L)
                    .append(",\"groups\":{\"org_id\":\"org-").append(i % 13).append("\"}}");
        }
        return body.append("]}").toString();
    }
}
