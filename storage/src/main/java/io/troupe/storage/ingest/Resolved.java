package io.troupe.storage.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A command after validation and resolution, in the form the WAL logs and the store applies. Resolution
 * fixes everything that depends on the store's state at ingest time (effective groups, property values
 * after {@code $add} or {@code $append}), so replaying a record applies exactly what was acknowledged and
 * applying it twice changes nothing more (after-images, not operations).
 */
public sealed interface Resolved permits Resolved.Event, Resolved.Identify, Resolved.GroupChange {

    /**
     * The groups of an event for one group type.
     *
     * @param groupTypeId the group type's catalog id
     * @param fromEvent   true when the event named them (event-level), false for the user's user-level groups
     * @param values      one or more values; the first is the group column's value
     */
    record EventGroup(int groupTypeId, boolean fromEvent, List<String> values) {
    }

    /**
     * A resolved event. {@code encoded} holds its properties already encoded (before the ingest lock, so
     * writers encode in parallel); null for an event decoded from the WAL, whose properties are encoded when
     * applied.
     */
    record Event(long time, String eventType, String userId, String deviceId, String insertId,
                 List<EventGroup> groups, ObjectNode eventProperties, ObjectNode userProperties,
                 EncodedProperties encoded) implements Resolved {
        public Event(long time, String eventType, String userId, String deviceId, String insertId,
                     List<EventGroup> groups, ObjectNode eventProperties, ObjectNode userProperties) {
            this(time, eventType, userId, deviceId, insertId, groups, eventProperties, userProperties, null);
        }
    }

    /**
     * An event's properties in both encodings: inline (the WAL's; never null, an empty object is one byte)
     * and dictionary mode (the tail's; null for an empty object).
     */
    record EncodedProperties(byte[] eventInline, byte[] userInline, byte[] eventIds, byte[] userIds) {
    }

    /** A user's user-level group assignments (type id, values) and its user properties after the identify. */
    record Identify(String userId, long time, List<EventGroup> groups, ObjectNode userPropertiesAfter)
            implements Resolved {
    }

    /** One group's property changes: each property's value after the change, or null when unset. */
    record GroupChange(int groupTypeId, String groupValue, long time, List<PropertyValue> values) implements Resolved {
    }

    record PropertyValue(String name, JsonNode value) {
    }
}
