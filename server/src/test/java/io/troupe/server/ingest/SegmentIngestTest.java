package io.troupe.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Segment endpoints: the mapping of track, identify, group, page and screen calls, auth, and refusals. */
class SegmentIngestTest {
    @TempDir
    static Path data;
    static IngestTestSupport s;

    @BeforeAll
    static void start() {
        // The group traits are configurable; these tests name them as Amplitude's Segment docs do.
        s = IngestTestSupport.start(data, Map.of("segment.groupTraits", "group_type, group_value"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static IngestTestSupport.Answer batch(String calls) {
        return s.postJson("/v1/batch", "{\"batch\":[" + calls + "]}", "Authorization", basic(s.apiKey()));
    }

    private static void assertSuccess(IngestTestSupport.Answer answer) {
        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.json().get("success").asBoolean(), answer.toString());
    }

    @Test
    void trackBecomesAnEvent() {
        assertSuccess(batch("{\"type\":\"track\",\"event\":\"Create Report\",\"userId\":\"seg-user-1\","
                + "\"anonymousId\":\"anon-1\",\"messageId\":\"seg-m1\",\"timestamp\":\"2026-01-05T09:00:00.000Z\","
                + "\"properties\":{\"size\":3},\"context\":{\"groupId\":\"acct-7\"}},"
                + "{\"type\":\"track\",\"event\":\"Share Report\",\"anonymousId\":\"anon-2\",\"messageId\":\"seg-m2\","
                + "\"timestamp\":\"2026-01-05T10:00:00+02:00\",\"integrations\":{\"Amplitude\":{\"groups\":{\"org_id\":\"acme\"}}}}"));
        assertEquals(List.of(
                        "seg-m1|Create Report|seg-user-1|anon-1|2026-01-05 09:00:00.0|acct-7|null|3",
                        "seg-m2|Share Report|null|anon-2|2026-01-05 08:00:00.0|null|acme|null"),
                s.text("SELECT insert_id, event_type, user_id, device_id, event_time, \"groupId\", org_id,"
                        + " event_properties['size'] FROM events WHERE insert_id LIKE 'seg-m%' ORDER BY insert_id"));
    }

    @Test
    void singleCallEndpointsAndWriteKeyInTheBody() {
        IngestTestSupport.Answer track = s.postJson("/v1/track", "{\"writeKey\":\"" + s.apiKey() + "\",\"event\":\"Open App\","
                + "\"userId\":\"seg-single\",\"messageId\":\"seg-single-1\"}");
        assertSuccess(track);
        assertSuccess(s.postJson("/v1/identify", "{\"userId\":\"seg-single\",\"traits\":{\"plan\":\"pro\"}}",
                "Authorization", basic(s.apiKey())));
        assertSuccess(s.postJson("/v1/page", "{\"userId\":\"seg-single\",\"name\":\"Pricing\",\"messageId\":\"seg-page-1\"}",
                "Authorization", basic(s.apiKey())));
        assertSuccess(s.postJson("/v1/screen", "{\"userId\":\"seg-single\",\"messageId\":\"seg-screen-1\"}",
                "Authorization", basic(s.apiKey())));
        assertEquals(List.of("seg-page-1|Viewed Pricing Page", "seg-screen-1|Loaded a Screen", "seg-single-1|Open App"),
                s.text("SELECT insert_id, event_type FROM events WHERE user_id = 'seg-single' ORDER BY insert_id"));
        assertEquals(List.of("{plan=pro}"), s.text("SELECT user_properties FROM users WHERE user_id = 'seg-single'"));
    }

    @Test
    void groupWithTheConfiguredTraitsAssignsTheUserAndSetsTheOtherTraits() {
        assertSuccess(batch("{\"type\":\"group\",\"userId\":\"seg-member\",\"groupId\":\"ignored-id\","
                + "\"traits\":{\"group_type\":\"org_id\",\"group_value\":\"org-seg\",\"plan\":\"enterprise\",\"seats\":40}},"
                + "{\"type\":\"track\",\"event\":\"Open App\",\"userId\":\"seg-member\",\"messageId\":\"seg-after-group\"}"));
        assertEquals(List.of("org-seg"), s.text("SELECT org_id FROM users WHERE user_id = 'seg-member'"));
        assertEquals(List.of("org-seg"), s.text("SELECT org_id FROM events WHERE insert_id = 'seg-after-group'"));
        assertEquals(List.of("{plan=enterprise, seats=40}"),
                s.text("SELECT properties FROM group_profiles WHERE group_type = 'org_id' AND group_value = 'org-seg'"));
    }

    @Test
    void groupWithoutTheTraitsUsesGroupId() {
        assertSuccess(batch("{\"type\":\"group\",\"userId\":\"seg-member-2\",\"groupId\":\"acct-42\","
                + "\"traits\":{\"name\":\"Initech\",\"employees\":329}}"));
        assertEquals(List.of("acct-42"), s.text("SELECT \"groupId\" FROM users WHERE user_id = 'seg-member-2'"));
        assertEquals(List.of("{employees=329, name=Initech}"),
                s.text("SELECT properties FROM group_profiles WHERE group_type = 'groupId' AND group_value = 'acct-42'"));
    }

    @Test
    void missingOrWrongWriteKeyIs401() {
        long before = s.eventCount();
        String call = "{\"batch\":[{\"type\":\"track\",\"event\":\"X\",\"userId\":\"seg-nokey\"}]}";
        IngestTestSupport.Answer missing = s.postJson("/v1/batch", call);
        assertEquals(401, missing.status(), missing.toString());
        assertFalse(missing.json().get("success").asBoolean());
        assertEquals(4002, missing.json().at("/troupe_error/code").asInt());
        IngestTestSupport.Answer wrong = s.postJson("/v1/batch", call, "Authorization", basic("wrong-key"));
        assertEquals(401, wrong.status(), wrong.toString());
        assertEquals(before, s.eventCount());
    }

    @Test
    void invalidCallsAre400WithEveryProblemAndNothingIsStored() {
        long before = s.eventCount();
        IngestTestSupport.Answer answer = batch("{\"type\":\"track\",\"event\":\"Fine\",\"userId\":\"seg-ok\",\"messageId\":\"seg-bad-0\"},"
                + "{\"type\":\"track\",\"userId\":\"seg-ok\",\"messageId\":\"seg-bad-1\"},"
                + "{\"type\":\"track\",\"event\":\"X\",\"messageId\":\"seg-bad-2\"},"
                + "{\"type\":\"track\",\"event\":\"X\",\"userId\":\"seg-ok\",\"timestamp\":\"last tuesday\"},"
                + "{\"type\":\"alias\",\"userId\":\"seg-ok\",\"previousId\":\"p\"},"
                + "{\"type\":\"group\",\"userId\":\"seg-ok\"},"
                + "{\"type\":\"identify\",\"anonymousId\":\"anon-only\",\"traits\":{\"a\":1}}");
        assertEquals(400, answer.status(), answer.toString());
        JsonNode json = answer.json();
        assertFalse(json.get("success").asBoolean());
        assertEquals(1013, json.at("/troupe_error/code").asInt());
        assertTrue(json.get("message").asText().startsWith("6 of 7 events are invalid"), json.toString());
        StringBuilder problems = new StringBuilder();
        json.get("errors").forEach(e -> problems.append(e.get("index").asInt()).append(':').append(e.get("field").asText()).append(' '));
        assertEquals("1:event 2:userId 3:timestamp 4:type 5:groupId 6:userId ", problems.toString(), json.toString());
        assertEquals(before, s.eventCount());
    }

    @Test
    void malformedAndWrongContentType() {
        IngestTestSupport.Answer malformed = s.postJson("/v1/batch", "{\"batch\":[{\"type\":", "Authorization", basic(s.apiKey()));
        assertEquals(400, malformed.status(), malformed.toString());
        assertEquals(1014, malformed.json().at("/troupe_error/code").asInt());
        IngestTestSupport.Answer type = s.post("/v1/batch", "text/csv", "a,b", "Authorization", basic(s.apiKey()));
        assertEquals(415, type.status(), type.toString());
        IngestTestSupport.Answer noBatch = s.postJson("/v1/batch", "{}", "Authorization", basic(s.apiKey()));
        assertEquals(400, noBatch.status(), noBatch.toString());
        assertEquals(1002, noBatch.json().at("/troupe_error/code").asInt());
    }
}
