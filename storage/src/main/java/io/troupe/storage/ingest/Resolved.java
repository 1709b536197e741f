package io.troupe.storage.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.storage.encoding.ByteWriter;
import java.util.BitSet;
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
     * A resolved event. {@code prepared} holds what was computed from the event alone ({@link EventPreparer}):
     * before the ingest lock for a live event, before it is applied for one decoded from the WAL (null until then).
     * {@code sharedGroups} is set when {@code groups} are exactly its user's user-level groups, shared with the
     * user's other events (most events), null otherwise.
     */
    record Event(long time, String eventType, String userId, String deviceId, String insertId,
                 List<EventGroup> groups, ObjectNode eventProperties, ObjectNode userProperties,
                 Prepared prepared, UserLevelGroups sharedGroups) implements Resolved {
        public Event(long time, String eventType, String userId, String deviceId, String insertId,
                     List<EventGroup> groups, ObjectNode eventProperties, ObjectNode userProperties) {
            this(time, eventType, userId, deviceId, insertId, groups, eventProperties, userProperties, null, null);
        }

        /** This event with its prepared form (an event decoded from the WAL is prepared before it is applied). */
        public Event withPrepared(Prepared p) {
            return new Event(time, eventType, userId, deviceId, insertId, groups, eventProperties, userProperties, p,
                    sharedGroups);
        }
    }

    /**
     * The user-level groups of one user record, built once and shared by every event that takes them unchanged:
     * the groups (sorted by type id), their WAL bytes, and for the group columns each group's type id and the
     * dictionary id of its first value, side by side in one array (read per event; the ids are looked up by the
     * tail encoder on first use, -1 until then, written under the ingest lock only).
     */
    final class UserLevelGroups {
        private final List<EventGroup> groups;
        private final byte[] walBytes;
        private final int[] columnValues; // type id, first value id; per group

        UserLevelGroups(List<EventGroup> groups) {
            this.groups = List.copyOf(groups);
            ByteWriter out = new ByteWriter(64);
            BatchCodec.writeGroups(this.groups, out);
            this.walBytes = out.toByteArray();
            this.columnValues = new int[2 * groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                columnValues[2 * g] = groups.get(g).groupTypeId();
                columnValues[2 * g + 1] = -1;
            }
        }

        public List<EventGroup> groups() {
            return groups;
        }

        /** Whether every group type of these groups is set in {@code activeTypes}. */
        boolean typesActive(BitSet activeTypes) {
            for (int i = 0; i < columnValues.length; i += 2) {
                if (!activeTypes.get(columnValues[i])) {
                    return false;
                }
            }
            return true;
        }

        byte[] walBytes() {
            return walBytes;
        }

        /** Type id and first value id of each group, in pairs; the encoder fills the value ids. */
        int[] columnValues() {
            return columnValues;
        }

        /** Whether the tail encoder has looked up the first value ids (it fills them all at once). */
        boolean valueIdsKnown() {
            return columnValues.length > 0 && columnValues[columnValues.length - 1] >= 0;
        }
    }

    /**
     * An event's ingest work that depends on the event alone, its bytes in one array: the WAL bytes of its time,
     * type, user, device and insert id ({@code [0, headEnd)}); the WAL bytes of its event then user properties in
     * inline mode ({@code [headEnd, walEnd)}; an empty object is one byte); its event properties in dictionary
     * mode, the tail's ({@code [walEnd, eventIdsEnd)}, empty when it has none); its user properties likewise
     * ({@code [eventIdsEnd, userIdsEnd)}); the UTF-8 bytes of its dedup key ({@code DedupIndex.key}) from
     * {@code userIdsEnd} to the end, absent without insert id.
     *
     * @param insertIdStart   where the insert id starts in {@code bytes} (after the key's device id), -1 without key
     * @param dedupHash1      the key's first hash
     * @param dedupHash2      the key's second hash
     * @param eventTypeDictId the dictionary id of the event type
     * @param userDictId      the dictionary id of the user (-1 without user id)
     * @param deviceDictId    the dictionary id of the device (-1 without device id)
     */
    record Prepared(byte[] bytes, int headEnd, int walEnd, int eventIdsEnd, int userIdsEnd, int insertIdStart,
                    long dedupHash1, long dedupHash2, int eventTypeDictId, int userDictId, int deviceDictId) {
        public boolean hasDedupKey() {
            return insertIdStart >= 0;
        }
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
