package io.troupe.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.troupe.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-user throttle ({@code ingest.eventsPerUserPerSecond}): Amplitude's 429 body and {@code Retry-After},
 * a throttled request stores nothing and counts for nothing, and the next second admits again. The server's
 * clock is a test clock moved by hand, so no test depends on timing.
 */
class ThrottleTest {
    private static final int LIMIT = 5;
    /** Stands still until the test moves it. */
    private static final MutableClock CLOCK = new MutableClock(Instant.ofEpochMilli(1_767_225_600_000L));

    @TempDir
    static Path data;
    static IngestTestSupport s;

    @BeforeAll
    static void start() {
        s = IngestTestSupport.start(data, Map.of("ingest.eventsPerUserPerSecond", Integer.toString(LIMIT)),
                config -> config.withClock(CLOCK));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String events(String idField, String id, String prefix, int n) {
        StringBuilder out = new StringBuilder("{\"api_key\":\"" + s.apiKey() + "\",\"events\":[");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("{\"event_type\":\"Tick\",\"").append(idField).append("\":\"").append(id)
                    .append("\",\"insert_id\":\"").append(prefix).append(i).append("\"}");
        }
        return out.append("]}").toString();
    }

    private static long stored(String prefix) {
        return s.rows("SELECT insert_id FROM events WHERE insert_id LIKE ?", prefix + "%").size();
    }

    @Test
    void oneRequestOverTheLimitIs429AndStoresNothing() {
        IngestTestSupport.Answer answer = s.postJson("/2/httpapi",
                "{\"api_key\":\"" + s.apiKey() + "\",\"events\":[" + events("user_id", "user-busy", "busy-", LIMIT + 1)
                        .replaceFirst("^.*\"events\":\\[", "").replaceFirst("]}$", "")
                        + ",{\"event_type\":\"Calm\",\"user_id\":\"user-calm\",\"insert_id\":\"calm-0\"}]}");
        assertEquals(429, answer.status(), answer.toString());
        assertEquals("1", answer.header("retry-after"));
        JsonNode json = answer.json();
        assertEquals(429, json.get("code").asInt());
        assertEquals(LIMIT, json.get("eps_threshold").asInt());
        assertEquals("{\"user-busy\":6}", json.get("throttled_users").toString());
        assertEquals("{}", json.get("throttled_devices").toString());
        assertEquals("[0,1,2,3,4,5]", json.get("throttled_events").toString(), "the calm user's event is not throttled");
        assertEquals("{}", json.get("exceeded_daily_quota_users").toString());
        assertEquals(3008, json.at("/troupe_error/code").asInt());
        assertEquals(0, stored("busy-") + stored("calm-"));
    }

    @Test
    void theLimitCountsAcrossRequestsOfOneSecondAndResetsTheNext() {
        assertEquals(200, s.postJson("/2/httpapi", events("device_id", "device-tick", "tick-a-", 3)).status());
        IngestTestSupport.Answer over = s.postJson("/2/httpapi", events("device_id", "device-tick", "tick-b-", 3));
        assertEquals(429, over.status(), over.toString());
        assertEquals("{\"device-tick\":6}", over.json().get("throttled_devices").toString());
        // The refused request counted for nothing: two more fit in this second.
        assertEquals(200, s.postJson("/2/httpapi", events("device_id", "device-tick", "tick-c-", 2)).status());
        CLOCK.advance(Duration.ofSeconds(1));
        assertEquals(200, s.postJson("/2/httpapi", events("device_id", "device-tick", "tick-b-", 3)).status());
        assertEquals(List.of(3L, 3L, 2L), List.of(stored("tick-a-"), stored("tick-b-"), stored("tick-c-")));
    }

    @Test
    void segmentGets429InItsShape() {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i <= LIMIT; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Tick\",\"userId\":\"seg-busy\"}");
        }
        IngestTestSupport.Answer answer = s.postJson("/v1/batch", batch.append("]}").toString(), "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((s.apiKey() + ":").getBytes(StandardCharsets.UTF_8)));
        assertEquals(429, answer.status(), answer.toString());
        assertFalse(answer.json().get("success").asBoolean());
        assertEquals("1", answer.header("retry-after"), "Segment's SDK waits for Retry-After");
    }
}
