package io.troupe.testing.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * A change of one group's properties ({@code $set}).
 *
 * <p>Why: group property history (an org's plan on the day of an event, not today's plan) is one of the
 * things group-level analytics must get right. The generator sets an org's initial properties when it is
 * created and changes some later: trial ends, plan upgrades done in the product, growing head count, a new
 * industry or region.
 *
 * @param groupType  the group type, e.g. {@code org_id}
 * @param groupValue the group, e.g. {@code org-17}
 * @param time       when the change takes effect, ms since the epoch (UTC)
 * @param set        the properties set by this change
 */
public record GeneratedGroupChange(String groupType, String groupValue, long time, Map<String, Object> set)
        implements GeneratedCommand {

    public GeneratedGroupChange {
        Objects.requireNonNull(groupType, "groupType is null");
        Objects.requireNonNull(groupValue, "groupValue is null");
        set = set == null ? Map.of() : set;
    }

    /** Writes a {@code $groupidentify} event: {@code time, groups: {type: value}, group_properties: {"$set": ...}}. */
    @Override
    public void writeAmplitudeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("event_type", "$groupidentify");
        out.writeNumberField("time", time);
        out.writeObjectFieldStart("groups");
        out.writeStringField(groupType, groupValue);
        out.writeEndObject();
        out.writeObjectFieldStart("group_properties");
        out.writeFieldName("$set");
        AmplitudeJson.writeValue(out, set);
        out.writeEndObject();
        out.writeEndObject();
    }
}
