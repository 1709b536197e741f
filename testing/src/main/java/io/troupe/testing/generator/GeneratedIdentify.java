package io.troupe.testing.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user identify: assigns the user's USER-LEVEL groups and sets user properties.
 *
 * <p>Why: group-level analytics resolve most events to an org through the user's assignment, not through
 * the event. The generator identifies each member when they join (and people outside every org, such as
 * payers, with no groups), and again when a user rarely moves to another org, which overwrites the
 * assignment for later events only.
 *
 * @param userId            the user
 * @param time              when the assignment happens, ms since the epoch (UTC)
 * @param groups            user-level groups: group type to values (empty for users outside every org)
 * @param userPropertiesSet user properties to {@code $set}
 */
public record GeneratedIdentify(String userId, long time, Map<String, List<String>> groups,
                                Map<String, Object> userPropertiesSet) implements GeneratedCommand {

    public GeneratedIdentify {
        Objects.requireNonNull(userId, "userId is null");
        groups = groups == null ? Map.of() : groups;
        userPropertiesSet = userPropertiesSet == null ? Map.of() : userPropertiesSet;
    }

    /** Writes an {@code $identify} event: {@code user_id, time, groups, user_properties: {"$set": ...}}. */
    @Override
    public void writeAmplitudeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("event_type", "$identify");
        out.writeStringField("user_id", userId);
        out.writeNumberField("time", time);
        if (!groups.isEmpty()) {
            out.writeFieldName("groups");
            AmplitudeJson.writeGroups(out, groups);
        }
        out.writeObjectFieldStart("user_properties");
        out.writeFieldName("$set");
        AmplitudeJson.writeValue(out, userPropertiesSet);
        out.writeEndObject();
        out.writeEndObject();
    }
}
