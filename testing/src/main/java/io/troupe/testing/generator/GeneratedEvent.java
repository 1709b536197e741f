package io.troupe.testing.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A product event as a client would send it.
 *
 * <p>Why plain Java values rather than JSON: tests, benchmarks and loaders read millions of these, and
 * should not parse JSON per event. Property maps keep insertion order, so JSON and CSV output is stable.
 *
 * @param time            event time, ms since the epoch (UTC)
 * @param eventType       the event's name, e.g. {@code Create Report}
 * @param userId          the acting user
 * @param deviceId        the user's device
 * @param insertId        unique per generated event; a retried duplicate repeats it
 * @param groups          EVENT-LEVEL groups of this event only (group type to values); usually empty, set
 *                        when a consultant acts for a client org, when an outside payer pays an org's
 *                        invoice, on invoices when an account group type is configured, and with several
 *                        values when a consultant compares clients
 * @param eventProperties event properties: String, Boolean, Integer, Long, Double, nested Map or List values
 * @param userProperties  user properties sent with the event (occasionally), same value types
 */
public record GeneratedEvent(long time, String eventType, String userId, String deviceId, String insertId,
                             Map<String, List<String>> groups, Map<String, Object> eventProperties,
                             Map<String, Object> userProperties) implements GeneratedCommand {

    public GeneratedEvent {
        Objects.requireNonNull(eventType, "eventType is null");
        groups = groups == null ? Map.of() : groups;
        eventProperties = eventProperties == null ? Map.of() : eventProperties;
        userProperties = userProperties == null ? Map.of() : userProperties;
    }

    /**
     * Writes {@code event_type, user_id, device_id, time, insert_id, groups, event_properties,
     * user_properties}. A group type with one value is written as a string, with several as an array;
     * {@code groups} and {@code user_properties} are left out when empty.
     */
    @Override
    public void writeAmplitudeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("event_type", eventType);
        if (userId != null) {
            out.writeStringField("user_id", userId);
        }
        if (deviceId != null) {
            out.writeStringField("device_id", deviceId);
        }
        out.writeNumberField("time", time);
        if (insertId != null) {
            out.writeStringField("insert_id", insertId);
        }
        if (!groups.isEmpty()) {
            out.writeFieldName("groups");
            AmplitudeJson.writeGroups(out, groups);
        }
        out.writeFieldName("event_properties");
        AmplitudeJson.writeValue(out, eventProperties);
        if (!userProperties.isEmpty()) {
            out.writeFieldName("user_properties");
            AmplitudeJson.writeValue(out, userProperties);
        }
        out.writeEndObject();
    }
}
