package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmplitudeJsonTest {
    @Test
    void eventIsAnHttpApiV2Event() {
        Map<String, Object> properties = OrderedProperties.of("platform", "Web", "amount", 12.5, "is_trial", true,
                "zip", "02134", "tags", List.of("a", "b"), "context", OrderedProperties.of("screen", 3));
        GeneratedEvent event = new GeneratedEvent(1_767_225_600_123L, "Pay Invoice", "payer-1", "d-1", "x-1",
                Map.of("org_id", List.of("org-7")), properties, OrderedProperties.of("locale", "en-US"));
        assertEquals("{\"event_type\":\"Pay Invoice\",\"user_id\":\"payer-1\",\"device_id\":\"d-1\","
                + "\"time\":1767225600123,\"insert_id\":\"x-1\",\"groups\":{\"org_id\":\"org-7\"},"
                + "\"event_properties\":{\"platform\":\"Web\",\"amount\":12.5,\"is_trial\":true,\"zip\":\"02134\","
                + "\"tags\":[\"a\",\"b\"],\"context\":{\"screen\":3}},\"user_properties\":{\"locale\":\"en-US\"}}",
                event.toAmplitudeJson().toString());
    }

    @Test
    void severalValuesOfOneGroupTypeAreAnArray() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("org_id", List.of("org-1", "org-2"));
        groups.put("account_id", List.of("acct-1-1"));
        GeneratedEvent event = new GeneratedEvent(1, "Compare Client Accounts", "u", null, null, groups, null, null);
        ObjectNode json = event.toAmplitudeJson();
        assertEquals("{\"org_id\":[\"org-1\",\"org-2\"],\"account_id\":\"acct-1-1\"}", json.get("groups").toString());
        assertFalse(json.has("device_id") || json.has("insert_id") || json.has("user_properties"));
        assertEquals("{}", json.get("event_properties").toString());
    }

    @Test
    void identifyIsAnIdentifyEvent() {
        GeneratedIdentify identify = new GeneratedIdentify("user-1", 5, Map.of("org_id", List.of("org-1")),
                OrderedProperties.of("role", "admin"));
        assertEquals("{\"event_type\":\"$identify\",\"user_id\":\"user-1\",\"time\":5,\"groups\":{\"org_id\":\"org-1\"},"
                + "\"user_properties\":{\"$set\":{\"role\":\"admin\"}}}", identify.toAmplitudeJson().toString());
    }

    @Test
    void groupChangeIsAGroupIdentifyEvent() {
        GeneratedGroupChange change = new GeneratedGroupChange("org_id", "org-1", 9,
                OrderedProperties.of("plan", "team", "seats", 4L));
        assertEquals("{\"event_type\":\"$groupidentify\",\"time\":9,\"groups\":{\"org_id\":\"org-1\"},"
                + "\"group_properties\":{\"$set\":{\"plan\":\"team\",\"seats\":4}}}", change.toAmplitudeJson().toString());
    }

    @Test
    void everyGeneratedCommandConverts() {
        SampleStream.get().commands.stream().limit(50_000).forEach(command -> {
            ObjectNode json = command.toAmplitudeJson();
            assertTrue(json.has("event_type") && json.get("time").isIntegralNumber());
        });
    }
}
