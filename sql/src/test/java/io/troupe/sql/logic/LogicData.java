package io.troupe.sql.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.troupe.sql.logic.LogicRecord.Data;
import io.troupe.sql.logic.LogicRecord.DataLine;
import io.troupe.storage.EventStore;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Json;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.storage.load.EventTimes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns a data block of a SQL logic test file into the store's commands, through the same Amplitude mapper
 * as HTTP ingest. Times are ms since the epoch or ISO-8601 UTC text ({@code "2026-01-05 10:00:00"}); ids
 * may be short ({@code u1}: the minimum id length is 0 here).
 */
final class LogicData {
    /** The "now" of an event without a time; the files always give one, this only keeps runs reproducible. */
    static final long NOW = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private static final Set<String> EVENT_FIELDS = Set.of("event_type", "user_id", "device_id", "time", "insert_id",
            "groups", "event_properties", "user_properties", "group_properties");
    private static final Set<String> IDENTIFY_FIELDS = Set.of("user_id", "time", "groups", "user_properties");
    private static final Set<String> GROUP_IDENTIFY_FIELDS = Set.of("group_type", "group_value", "time", "properties");

    private LogicData() {
    }

    /** The block's commands, in file order, mapped against the store's group types as they are now. */
    static List<Command> commands(String file, Data data, EventStore store) {
        AmplitudeEvents mapper = new AmplitudeEvents(name -> store.catalog().state().groupType(name) != null, 0);
        List<Command> commands = new ArrayList<>(data.lines().size());
        for (DataLine line : data.lines()) {
            for (int i = 0; i < data.repeat(); i++) {
                try {
                    String json = data.repeat() == 1 ? line.json() : Template.expand(line.json(), i);
                    commands.add(command(data, object(json), mapper, commands.size()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + ":" + line.line() + ": bad " + data.kind().name().toLowerCase()
                            + " line" + (data.repeat() == 1 ? "" : " (i = " + i + ")") + ": " + e.getMessage(), e);
                }
            }
        }
        return commands;
    }

    private static Command command(Data data, ObjectNode node, AmplitudeEvents mapper, int index) {
        return switch (data.kind()) {
            case EVENTS -> event(node, mapper, index);
            case IDENTIFY -> identify(node, mapper, index);
            case GROUP_IDENTIFY -> groupIdentify(node);
        };
    }

    private static Command event(ObjectNode node, AmplitudeEvents mapper, int index) {
        checkFields(node, EVENT_FIELDS);
        normalizeTime(node);
        return mapper.toCommand(node, index, NOW);
    }

    private static Command identify(ObjectNode node, AmplitudeEvents mapper, int index) {
        checkFields(node, IDENTIFY_FIELDS);
        normalizeTime(node);
        node.put("event_type", AmplitudeEvents.IDENTIFY);
        return mapper.toCommand(node, index, NOW);
    }

    private static Command groupIdentify(ObjectNode node) {
        checkFields(node, GROUP_IDENTIFY_FIELDS);
        normalizeTime(node);
        JsonNode properties = node.get("properties");
        if (properties != null && !properties.isObject()) {
            throw new IllegalArgumentException("'properties' must be an object of properties to set or of operations");
        }
        return new GroupIdentify(required(node, "group_type"), required(node, "group_value"),
                node.path("time").asLong(NOW), (ObjectNode) properties);
    }

    private static ObjectNode object(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
    }

    private static void checkFields(ObjectNode node, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "': use " + known);
            }
        }
        if (!node.has("time")) {
            throw new IllegalArgumentException("give every line a time (ms or \"2026-01-05 10:00:00\")");
        }
    }

    /** ISO-8601 text becomes ms since the epoch (the Amplitude mapper reads ms only). */
    private static void normalizeTime(ObjectNode node) {
        if (node.get("time") instanceof TextNode text) {
            node.set("time", LongNode.valueOf(EventTimes.parse(text.textValue())));
        }
    }

    private static String required(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value.asText();
    }
}
