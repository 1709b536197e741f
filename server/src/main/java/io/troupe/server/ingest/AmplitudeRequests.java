package io.troupe.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.storage.load.EventProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Decodes the Amplitude endpoints' requests into {@link Upload}s: the HTTP API v2 and Batch body
 * {@code {api_key, events, options}}, and the Identify and Group Identify APIs' form fields {@code api_key} and
 * {@code identification} (one JSON object or an array), whose identifications become {@code $identify} and
 * {@code $groupidentify} events. Shape errors of the request as a whole are {@link Rejection}s; problems of
 * single items are left to the mapper (or listed in the upload), so that all of them are reported at once.
 */
final class AmplitudeRequests {
    private AmplitudeRequests() {
    }

    /** {@code POST /2/httpapi} and {@code POST /batch}. */
    static Upload events(IngestRequest request) {
        RequestBodies.requireJson(request);
        JsonNode root = RequestBodies.json(request.body(), "the request body");
        if (!(root instanceof ObjectNode upload)) {
            throw new Rejection(400, ErrorCode.INVALID_REQUEST,
                    "the body must be a JSON object {\"api_key\": ..., \"events\": [...]}, got " + kind(root));
        }
        String apiKey = text(upload.get("api_key"));
        if (apiKey == null) {
            throw RequestBodies.missingField("api_key", "send the project's API key in the body");
        }
        JsonNode events = upload.get("events");
        if (events == null || events.isNull() || (events.isArray() && events.isEmpty())) {
            throw RequestBodies.missingField("events", "send the events as a non-empty JSON array");
        }
        if (!(events instanceof ArrayNode array)) {
            throw new Rejection(400, ErrorCode.INVALID_REQUEST, "'events' must be a JSON array of events, got " + kind(events));
        }
        return Upload.ofEvents(apiKey, array, minIdLength(upload.get("options")));
    }

    /** {@code options.min_id_length}: a whole number of at least 1; the default when absent. */
    private static int minIdLength(JsonNode options) {
        if (options == null || options.isNull()) {
            return AmplitudeEvents.DEFAULT_MIN_ID_LENGTH;
        }
        if (!options.isObject()) {
            throw new Rejection(400, ErrorCode.INVALID_REQUEST, "'options' must be a JSON object, got " + kind(options));
        }
        JsonNode length = options.get("min_id_length");
        if (length == null || length.isNull()) {
            return AmplitudeEvents.DEFAULT_MIN_ID_LENGTH;
        }
        if (!length.isIntegralNumber() || !length.canConvertToInt() || length.intValue() < 1) {
            throw new Rejection(400, ErrorCode.INVALID_REQUEST,
                    "'options.min_id_length' must be a whole number of at least 1, got " + length);
        }
        return length.intValue();
    }

    /** {@code /identify}: each identification is a {@code $identify} of its {@code user_id}. */
    static Upload identify(IngestRequest request) {
        return identifications(request, (item, index, problems) -> {
            // The identification's own fields (user_id, user_properties, groups, ...) are those of an event.
            item.put("event_type", AmplitudeEvents.IDENTIFY);
            return item;
        }, field -> field);
    }

    /** {@code /groupidentify}: each identification sets properties of its {@code group_type}/{@code group_value}. */
    static Upload groupIdentify(IngestRequest request) {
        return identifications(request, (item, index, problems) -> {
            String type = groupField(item, "group_type", false, index, problems);
            String value = groupField(item, "group_value", true, index, problems);
            if (type == null || value == null) {
                return null;
            }
            ObjectNode event = Answers.JSON.createObjectNode();
            event.put("event_type", AmplitudeEvents.GROUP_IDENTIFY);
            event.putObject("groups").put(type, value);
            JsonNode properties = item.get("group_properties");
            if (properties != null) {
                event.set("group_properties", properties);
            }
            return event;
        }, field -> field.equals("groups") ? "group_value" : field);
    }

    /** Turns one identification into an event, or records its problems and returns null. */
    private interface Identification {
        ObjectNode toEvent(ObjectNode item, int index, List<EventProblem> problems);
    }

    /** The Identify APIs' form: {@code api_key}, and {@code identification} items mapped to events. */
    private static Upload identifications(IngestRequest request, Identification mapping, UnaryOperator<String> fieldName) {
        Map<String, String> form = RequestBodies.form(request);
        String apiKey = RequestBodies.requiredField(form, "api_key", "send the project's API key as a form field");
        List<ObjectNode> items = identifications(form);
        ArrayNode events = Answers.JSON.createArrayNode();
        List<EventProblem> problems = new ArrayList<>();
        int[] itemIndex = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = items.get(i);
            ObjectNode event = item == null ? null : mapping.toEvent(item, i, problems);
            if (item == null) {
                problems.add(new EventProblem(i, "identification", EventProblem.Kind.INVALID_VALUE, "must be a JSON object"));
            } else if (event != null) {
                itemIndex[events.size()] = i;
                events.add(event);
            }
        }
        return new Upload(apiKey, events, AmplitudeEvents.DEFAULT_MIN_ID_LENGTH, items.size(), itemIndex, problems,
                fieldName);
    }

    /** The {@code identification} field: one object or an array; a null entry stands for an item that is not an object. */
    private static List<ObjectNode> identifications(Map<String, String> form) {
        String text = RequestBodies.requiredField(form, "identification",
                "send the identification as a JSON object or an array of them");
        JsonNode node = RequestBodies.json(text, "the field 'identification'");
        List<ObjectNode> items = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            items.add(object);
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            array.forEach(item -> items.add(item instanceof ObjectNode object ? object : null));
        } else {
            throw new Rejection(400, ErrorCode.INVALID_REQUEST,
                    "'identification' must be a JSON object or a non-empty array of objects, got " + kind(node));
        }
        return items;
    }

    /** A group type (a string) or value (a string or a whole number), or null after recording its problem. */
    private static String groupField(ObjectNode item, String field, boolean numberAllowed, int index,
                                     List<EventProblem> problems) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
            problems.add(new EventProblem(index, field, EventProblem.Kind.MISSING_FIELD, ""));
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (numberAllowed && value.isIntegralNumber()) {
            return value.asText();
        }
        problems.add(new EventProblem(index, field, EventProblem.Kind.INVALID_VALUE,
                "must be a string" + (numberAllowed ? " or a whole number" : "") + ", got " + kind(value)));
        return null;
    }

    /** A non-empty string field, or null. */
    static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }

    /** The kind of a JSON value, for messages. */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
