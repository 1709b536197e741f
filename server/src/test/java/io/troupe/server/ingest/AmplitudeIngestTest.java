package io.troupe.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Amplitude endpoints over real sockets: each success and each refusal, checking the status, the body
 * (Amplitude's fields and Troupe's {@code troupe_error}) and that a refused request stored nothing.
 */
class AmplitudeIngestTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z

    @TempDir
    static Path data;
    static IngestTestSupport s;

    @BeforeAll
    static void start() {
        s = IngestTestSupport.start(data);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String upload(String events) {
        return "{\"api_key\":\"" + s.apiKey() + "\",\"events\":[" + events + "]}";
    }

    private static String event(String type, String user, String insertId) {
        return "{\"event_type\":\"" + type + "\",\"user_id\":\"" + user + "\",\"insert_id\":\"" + insertId
                + "\",\"time\":" + T0 + "}";
    }

    /** Runs a request that must be refused and checks that the store did not change. */
    private static IngestTestSupport.Answer refused(Supplier<IngestTestSupport.Answer> request, int status, int troupeCode) {
        long before = s.eventCount();
        List<String> usersBefore = s.text("SELECT user_id, user_properties FROM users ORDER BY user_id");
        IngestTestSupport.Answer answer = request.get();
        assertEquals(status, answer.status(), answer.toString());
        JsonNode json = answer.json();
        assertEquals(troupeCode, json.path("troupe_error").path("code").asInt(), answer.toString());
        assertFalse(json.path("troupe_error").path("symbol").asText().isEmpty(), answer.toString());
        assertEquals(before, s.eventCount(), "a refused request stored events: " + answer);
        assertEquals(usersBefore, s.text("SELECT user_id, user_properties FROM users ORDER BY user_id"));
        return answer;
    }

    @Test
    void httpApiStoresEventsAndAnswersAsAmplitude() {
        String body = upload(event("Open App", "user-amp-1", "amp-1") + ","
                + "{\"event_type\":\"Create Report\",\"device_id\":\"device-amp-1\",\"insert_id\":\"amp-2\",\"time\":"
                + (T0 + 1000) + ",\"groups\":{\"org_id\":\"acme\"},\"event_properties\":{\"size\":3}}");
        IngestTestSupport.Answer answer = s.postJson("/2/httpapi", body);
        assertEquals(200, answer.status(), answer.toString());
        JsonNode json = answer.json();
        assertEquals(200, json.get("code").asInt());
        assertEquals(2, json.get("events_ingested").asInt());
        assertEquals(body.length(), json.get("payload_size_bytes").asInt());
        assertTrue(json.get("server_upload_time").asLong() > 1_700_000_000_000L, json.toString());
        assertEquals(List.of("amp-1|Open App|user-amp-1|null", "amp-2|Create Report|null|acme"),
                s.text("SELECT insert_id, event_type, user_id, org_id FROM events WHERE insert_id LIKE 'amp-%'"
                        + " ORDER BY insert_id"));
        assertTrue(s.server.context().metrics().scrape()
                .contains("troupe_ingest_events_total{endpoint=\"/2/httpapi\",result=\"stored\"}"));
    }

    @Test
    void batchEndpointTakesTheSameBody() {
        IngestTestSupport.Answer answer = s.postJson("/batch", upload(event("Open App", "user-batch", "batch-1")));
        assertEquals(200, answer.status(), answer.toString());
        assertEquals(1, answer.json().get("events_ingested").asInt());
        assertEquals(List.of("user-batch"), s.text("SELECT user_id FROM events WHERE insert_id = 'batch-1'"));
    }

    @Test
    void aRetriedRequestIsStoredOnce() {
        String body = upload(event("Open App", "user-retry", "retry-1") + "," + event("Open App", "user-retry", "retry-2"));
        for (int attempt = 0; attempt < 3; attempt++) {
            IngestTestSupport.Answer answer = s.postJson("/2/httpapi", body);
            assertEquals(200, answer.status(), answer.toString());
            assertEquals(2, answer.json().get("events_ingested").asInt());
        }
        assertEquals(List.of("retry-1|1", "retry-2|1"),
                s.text("SELECT insert_id, COUNT(*) FROM events WHERE insert_id LIKE 'retry-%' GROUP BY insert_id ORDER BY 1"));
        assertTrue(s.server.context().metrics().scrape()
                .contains("troupe_ingest_events_total{endpoint=\"/2/httpapi\",result=\"duplicate\"} 4.0"));
    }

    @Test
    void minIdLengthOptionAllowsShortIds() {
        String body = "{\"api_key\":\"" + s.apiKey() + "\",\"events\":[" + event("Open App", "ab", "short-1")
                + "],\"options\":{\"min_id_length\":2}}";
        assertEquals(200, s.postJson("/2/httpapi", body).status());
        assertEquals(List.of("ab"), s.text("SELECT user_id FROM events WHERE insert_id = 'short-1'"));
    }

    @Test
    void malformedJsonIs400() {
        IngestTestSupport.Answer answer = refused(() -> s.postJson("/2/httpapi",
                "{\"api_key\":\"" + s.apiKey() + "\",\"events\":[" + event("X", "user-bad-json", "bad-json-1")), 400, 1014);
        assertEquals(400, answer.json().get("code").asInt());
        assertTrue(answer.json().get("error").asText().startsWith("Malformed JSON"), answer.toString());
        refused(() -> s.postJson("/2/httpapi", ""), 400, 1014);
        refused(() -> s.postJson("/2/httpapi", upload(event("X", "user-bad-json", "bad-json-2")) + " trailing"), 400, 1014);
    }

    @Test
    void wrongContentTypeIs415() {
        IngestTestSupport.Answer answer = refused(() -> s.post("/2/httpapi", "application/x-www-form-urlencoded",
                upload(event("X", "user-form", "form-1"))), 415, 1015);
        assertTrue(answer.json().get("error").asText().contains("application/json"), answer.toString());
    }

    @Test
    void missingApiKeyIs400WithMissingField() {
        IngestTestSupport.Answer answer = refused(() -> s.postJson("/2/httpapi",
                "{\"events\":[" + event("X", "user-nokey", "nokey-1") + "]}"), 400, 1002);
        assertEquals("api_key", answer.json().get("missing_field").asText());
    }

    @Test
    void wrongApiKeyIs401() {
        IngestTestSupport.Answer answer = refused(() -> s.postJson("/2/httpapi",
                "{\"api_key\":\"not-a-key\",\"events\":[" + event("X", "user-wrongkey", "wrongkey-1") + "]}"), 401, 4002);
        // Amplitude's SDKs drop (never retry) a batch whose error starts so.
        assertTrue(answer.json().get("error").asText().startsWith("Invalid API key"), answer.toString());
    }

    @Test
    void missingOrEmptyEventsAre400() {
        IngestTestSupport.Answer answer = refused(() -> s.postJson("/2/httpapi", "{\"api_key\":\"" + s.apiKey() + "\"}"),
                400, 1002);
        assertEquals("events", answer.json().get("missing_field").asText());
        refused(() -> s.postJson("/2/httpapi", upload("")), 400, 1002);
        refused(() -> s.postJson("/2/httpapi", "{\"api_key\":\"" + s.apiKey() + "\",\"events\":{}}"), 400, 1015);
        refused(() -> s.postJson("/2/httpapi", "[1,2]"), 400, 1015);
    }

    @Test
    void invalidEventsAreListedByFieldAndNoneIsStored() {
        String events = event("Open App", "user-valid", "invalid-0") + ","
                + "{\"user_id\":\"user-valid\",\"insert_id\":\"invalid-1\"},"
                + "{\"event_type\":\"X\",\"user_id\":\"user-valid\",\"time\":\"yesterday\",\"insert_id\":\"invalid-2\"},"
                + "{\"event_type\":\"X\",\"user_id\":\"abc\",\"insert_id\":\"invalid-3\"},"
                + "{\"event_type\":\"X\",\"insert_id\":\"invalid-4\"},"
                + "7";
        IngestTestSupport.Answer answer = refused(() -> s.postJson("/2/httpapi", upload(events)), 400, 1013);
        JsonNode json = answer.json();
        assertEquals(400, json.get("code").asInt());
        assertEquals("[1]", json.at("/events_with_missing_fields/event_type").toString(), json.toString());
        assertEquals("[4]", json.at("/events_with_missing_fields/user_id").toString(), json.toString());
        assertEquals("[2]", json.at("/events_with_invalid_fields/time").toString(), json.toString());
        assertEquals("[5]", json.at("/events_with_invalid_fields/event").toString(), json.toString());
        assertEquals("[3]", json.at("/events_with_invalid_id_lengths/user_id").toString(), json.toString());
        assertTrue(json.get("error").asText().startsWith("5 of 6 events are invalid"), json.toString());
        assertEquals(List.of(), s.text("SELECT insert_id FROM events WHERE insert_id LIKE 'invalid-%'"));
    }

    @Test
    void aGroupTypeTheCatalogRefusesIs400AndNothingIsStored() {
        String events = event("Open App", "user-gt", "gt-0") + ",{\"event_type\":\"X\",\"user_id\":\"user-gt\","
                + "\"insert_id\":\"gt-1\",\"groups\":{\"$bad\":\"x\"}}";
        IngestTestSupport.Answer answer = refused(() -> s.postJson("/2/httpapi", upload(events)), 400, 1004);
        assertTrue(answer.json().get("error").asText().contains("$bad"), answer.toString());
    }

    @Test
    void tooManyEventsIs413() {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i <= 2000; i++) {
            events.append(i == 0 ? "" : ",").append(event("Open App", "user-many", "many-" + i));
        }
        IngestTestSupport.Answer answer = refused(() -> s.postJson("/2/httpapi", upload(events.toString())), 413, 3003);
        assertEquals(413, answer.json().get("code").asInt());
        assertTrue(answer.json().get("error").asText().contains("2001 events"), answer.toString());
    }

    private static String form(String... fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            out.append(i == 0 ? "" : "&").append(fields[i]).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Test
    void identifyAssignsUserLevelGroupsAndProperties() {
        String identification = "[{\"user_id\":\"user-ident-1\",\"user_properties\":{\"$set\":{\"role\":\"admin\"}},"
                + "\"groups\":{\"org_id\":\"org-ident\"}},{\"user_id\":\"user-ident-2\",\"user_properties\":{\"plan\":\"pro\"}}]";
        IngestTestSupport.Answer answer = s.post("/identify", "application/x-www-form-urlencoded",
                form("api_key", s.apiKey(), "identification", identification));
        assertEquals(200, answer.status(), answer.toString());
        assertEquals("success", answer.body());
        assertEquals(List.of("user-ident-1|org-ident|{role=admin}", "user-ident-2|null|{plan=pro}"),
                s.text("SELECT user_id, org_id, user_properties FROM users WHERE user_id LIKE 'user-ident-%' ORDER BY 1"));
        // The user-level group applies to the user's later events.
        assertEquals(200, s.postJson("/2/httpapi", upload("{\"event_type\":\"Open App\",\"user_id\":\"user-ident-1\","
                + "\"insert_id\":\"ident-ev-1\"}")).status());
        assertEquals(List.of("org-ident"), s.text("SELECT org_id FROM events WHERE insert_id = 'ident-ev-1'"));
    }

    @Test
    void identifyTakesMultipartAndQueryParameters() {
        String boundary = "troupe-boundary-42";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\n" + s.apiKey()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"identification\"\r\n\r\n"
                + "{\"user_id\":\"user-multi-1\",\"user_properties\":{\"tier\":\"gold\"}}\r\n--" + boundary + "--\r\n";
        IngestTestSupport.Answer answer = s.post("/identify", "multipart/form-data; boundary=" + boundary, multipart);
        assertEquals(200, answer.status(), answer.toString());
        IngestTestSupport.Answer query = s.send(HttpRequest.newBuilder(s.uri("/identify?" + form("api_key", s.apiKey(),
                "identification", "{\"user_id\":\"user-query-1\",\"user_properties\":{\"tier\":\"silver\"}}"))).GET().build());
        assertEquals(200, query.status(), query.toString());
        assertEquals(List.of("user-multi-1|{tier=gold}", "user-query-1|{tier=silver}"),
                s.text("SELECT user_id, user_properties FROM users WHERE user_id IN ('user-multi-1', 'user-query-1') ORDER BY 1"));
    }

    @Test
    void identifyRefusals() {
        IngestTestSupport.Answer missing = refused(() -> s.post("/identify", "application/x-www-form-urlencoded",
                form("api_key", s.apiKey())), 400, 1002);
        assertEquals("identification", missing.json().get("missing_field").asText());
        refused(() -> s.post("/identify", "application/x-www-form-urlencoded",
                form("api_key", s.apiKey(), "identification", "{\"user_id\":")), 400, 1014);
        refused(() -> s.post("/identify", "application/x-www-form-urlencoded",
                form("api_key", "wrong", "identification", "{\"user_id\":\"user-x-1\"}")), 401, 4002);
        refused(() -> s.post("/identify", "application/json", "{}"), 415, 1015);
        // Every identification is checked before any is applied.
        IngestTestSupport.Answer invalid = refused(() -> s.post("/identify", "application/x-www-form-urlencoded",
                form("api_key", s.apiKey(), "identification", "[{\"user_id\":\"user-fine-1\",\"user_properties\":{\"a\":1}},"
                        + "{\"device_id\":\"device-only-1\"},5]")), 400, 1013);
        assertEquals("[1]", invalid.json().at("/events_with_missing_fields/user_id").toString(), invalid.toString());
        assertEquals("[2]", invalid.json().at("/events_with_invalid_fields/identification").toString(), invalid.toString());
    }

    @Test
    void groupIdentifySetsGroupProperties() {
        String identification = "[{\"group_type\":\"org_id\",\"group_value\":\"org-gi\",\"group_properties\":"
                + "{\"$set\":{\"plan\":\"enterprise\"},\"$setOnce\":{\"region\":\"eu\"}}},"
                + "{\"group_type\":\"org_id\",\"group_value\":4242,\"group_properties\":{\"plan\":\"free\"}}]";
        IngestTestSupport.Answer answer = s.post("/groupidentify", "application/x-www-form-urlencoded",
                form("api_key", s.apiKey(), "identification", identification));
        assertEquals(200, answer.status(), answer.toString());
        assertEquals("success", answer.body());
        assertEquals(List.of("4242|{plan=free}", "org-gi|{plan=enterprise, region=eu}"),
                s.text("SELECT group_value, properties FROM group_profiles WHERE group_value IN ('org-gi', '4242') ORDER BY 1"));
    }

    @Test
    void groupIdentifyRefusesAnIdentificationWithoutItsGroup() {
        IngestTestSupport.Answer answer = refused(() -> s.post("/groupidentify", "application/x-www-form-urlencoded",
                form("api_key", s.apiKey(), "identification", "[{\"group_type\":\"org_id\",\"group_value\":\"org-ok\","
                        + "\"group_properties\":{\"plan\":\"x\"}},{\"group_value\":\"org-no-type\"},"
                        + "{\"group_type\":\"org_id\",\"group_value\":true}]")), 400, 1013);
        JsonNode json = answer.json();
        assertEquals("[1]", json.at("/events_with_missing_fields/group_type").toString(), json.toString());
        assertEquals("[2]", json.at("/events_with_invalid_fields/group_value").toString(), json.toString());
        assertEquals(List.of(), s.text("SELECT group_value FROM group_profiles WHERE group_value = 'org-ok'"));
    }

    @Test
    void anAddThatOverflowsIs400() {
        // Found by IngestFuzzTest (seed 8378569179105032179): the store's ArithmeticException answered 500.
        assertEquals(200, s.post("/groupidentify", "application/x-www-form-urlencoded", form("api_key", s.apiKey(),
                "identification", "{\"group_type\":\"org_id\",\"group_value\":\"org-add\",\"group_properties\":"
                        + "{\"$add\":{\"seats\":9}}}")).status());
        IngestTestSupport.Answer answer = refused(() -> s.post("/groupidentify", "application/x-www-form-urlencoded",
                form("api_key", s.apiKey(), "identification", "{\"group_type\":\"org_id\",\"group_value\":\"org-add\","
                        + "\"group_properties\":{\"$add\":{\"seats\":9223372036854775807}}}")), 400, 1007);
        assertTrue(answer.json().get("error").asText().contains("seats"), answer.toString());
        assertEquals(List.of("{seats=9}"), s.text("SELECT properties FROM group_profiles WHERE group_value = 'org-add'"));
    }

    @Test
    void unknownPathAndWrongMethod() {
        long before = s.eventCount();
        IngestTestSupport.Answer notFound = s.postJson("/3/httpapi", upload(event("X", "user-404", "nf-1")));
        assertEquals(404, notFound.status(), notFound.toString());
        assertEquals(1015, notFound.json().at("/troupe_error/code").asInt());
        IngestTestSupport.Answer get = s.send(HttpRequest.newBuilder(s.uri("/2/httpapi")).GET().build());
        assertEquals(405, get.status(), get.toString());
        assertEquals("POST", get.header("allow"));
        IngestTestSupport.Answer put = s.send(HttpRequest.newBuilder(s.uri("/v1/batch"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, put.status(), put.toString());
        assertEquals(false, put.json().get("success").asBoolean());
        assertEquals(before, s.eventCount());
        assertNull(notFound.header("connection"), "the connection stays open after a 404");
    }
}
