package io.troupe.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP ingest benchmark with tiny data: it runs, every event it sends is stored (it checks), it prints its table. */
class HttpIngestBenchTest {
    @Test
    void tinyRunStoresEverythingAndPrintsItsTable() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<HttpIngestBench.Result> results = HttpIngestBench.run(6_000, 500, 2, new int[] {1, 3}, 0,
                new PrintStream(text, true, StandardCharsets.UTF_8));
        assertEquals(2, results.size());
        for (HttpIngestBench.Result r : results) {
            assertTrue(r.events() > 0 && r.eventsPerSecond() > 0 && r.p99Millis() >= r.p50Millis(), r.toString());
        }
        String output = text.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("| 3 |"), output);
    }
}
