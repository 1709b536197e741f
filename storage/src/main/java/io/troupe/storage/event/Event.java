package io.troupe.storage.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event as sent by a client.
 *
 * @param time            event time, ms since the epoch, UTC
 * @param eventType       the event's name, e.g. {@code Create Report}
 * @param userId          the user, may be null when a device id is given
 * @param deviceId        the device, may be null when a user id is given
 * @param insertId        the client's idempotency key (dedup over 7 days), may be null
 * @param groups          event-level groups: group type -> one or more values; apply to this event only
 * @param eventProperties the event's properties (any JSON), may be empty
 * @param userProperties  the user properties sent with the event (any JSON), may be empty
 */
public record Event(long time, String eventType, String userId, String deviceId, String insertId,
                    Map<String, List<String>> groups, ObjectNode eventProperties, ObjectNode userProperties)
        implements Command {
    public Event {
        Objects.requireNonNull(eventType, "eventType is null");
        groups = groups == null ? Map.of() : groups;
        eventProperties = eventProperties == null ? Json.emptyObject() : eventProperties;
        userProperties = userProperties == null ? Json.emptyObject() : userProperties;
    }

    public static Event of(long time, String eventType, String userId) {
        return new Event(time, eventType, userId, null, null, Map.of(), null, null);
    }
}
