package io.troupe.storage.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the top-level fields of one Amplitude event for {@link AmplitudeEvents}, recording every problem
 * as an {@link EventProblem} instead of stopping at the first, so a batch can report all of them.
 * A getter returns null (or "now" for the time) when its field is absent or invalid.
 */
final class EventFields {
    private final ObjectNode event;
    private final int index;
    private final List<EventProblem> problems;
    private final int minIdLength;

    EventFields(ObjectNode event, int index, List<EventProblem> problems, int minIdLength) {
        this.event = event;
        this.index = index;
        this.problems = problems;
        this.minIdLength = minIdLength;
    }

    void problem(String field, EventProblem.Kind kind, String detail) {
        problems.add(new EventProblem(index, field, kind, detail));
    }

    boolean isPresent(String field) {
        return !Nodes.isAbsent(event.get(field));
    }

    String eventType() {
        JsonNode value = event.get("event_type");
        if (Nodes.isAbsent(value)) {
            problem("event_type", EventProblem.Kind.MISSING_FIELD, "");
            return null;
        }
        if (!value.isTextual()) {
            problem("event_type", EventProblem.Kind.INVALID_VALUE, "must be a string, got " + Nodes.describe(value));
            return null;
        }
        return value.textValue();
    }

    /** A user or device id: a string, or a whole number as clients with numeric ids send it. */
    String id(String field) {
        String id = scalar(field);
        if (id != null && id.length() < minIdLength) {
            problem(field, EventProblem.Kind.ID_TOO_SHORT, "'" + id + "' has " + id.length()
                    + " characters, fewer than the minimum " + minIdLength + " (options.min_id_length)");
        }
        return id;
    }

    String insertId() {
        return scalar("insert_id");
    }

    private String scalar(String field) {
        JsonNode value = event.get(field);
        if (Nodes.isAbsent(value)) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        problem(field, EventProblem.Kind.INVALID_VALUE, "must be a string, got " + Nodes.describe(value));
        return null;
    }

    /** {@code time}: whole ms since the epoch (a fraction is dropped), or {@code now} when absent. */
    long time(long now) {
        JsonNode value = event.get("time");
        if (value == null || value.isNull()) {
            return now;
        }
        long millis = -1;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            millis = value.longValue();
        } else if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())
                && Math.abs(value.doubleValue()) < 1e18) {
            millis = (long) Math.floor(value.doubleValue());
        } else if (value.isTextual() && isEpochMillisText(value.textValue())) {
            millis = Long.parseLong(value.textValue());
        }
        if (!EventTimes.inRange(millis)) {
            problem("time", EventProblem.Kind.INVALID_TIME, Nodes.shown(value));
            return now;
        }
        return millis;
    }

    private static boolean isEpochMillisText(String text) {
        if (text.isEmpty() || text.length() > 15) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** An object field; null when absent. */
    ObjectNode object(String field) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value instanceof ObjectNode object) {
            return object;
        }
        problem(field, EventProblem.Kind.INVALID_VALUE, "must be a JSON object, got " + Nodes.describe(value));
        return null;
    }

    /** A property operations object, checked; null when absent. */
    ObjectNode operations(String field) {
        ObjectNode operations = object(field);
        if (operations != null) {
            try {
                OperationSyntax.check(operations);
            } catch (InvalidValue e) {
                problem(field, EventProblem.Kind.INVALID_OPERATION, e.getMessage());
            }
        }
        return operations;
    }

    /**
     * {@code groups}: type -> values, types without a value left out; null when invalid. For a
     * user-level assignment ({@code userLevel}) a type without a value is refused: it would unset.
     */
    Map<String, List<String>> groups(boolean userLevel) {
        ObjectNode groups = object("groups");
        if (groups == null) {
            return event.has("groups") && !event.get("groups").isNull() ? null : Map.of();
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        boolean valid = true;
        for (Map.Entry<String, JsonNode> entry : groups.properties()) {
            try {
                List<String> values = GroupValues.read(entry.getValue());
                if (!values.isEmpty()) {
                    result.put(entry.getKey(), values);
                } else if (userLevel) {
                    problem("groups", EventProblem.Kind.INVALID_VALUE,
                            "'" + entry.getKey() + "' has no value: " + AmplitudeEvents.NO_UNSET);
                    valid = false;
                }
            } catch (InvalidValue e) {
                problem("groups", EventProblem.Kind.INVALID_VALUE, "'" + entry.getKey() + "': " + e.getMessage());
                valid = false;
            }
        }
        return valid ? Collections.unmodifiableMap(result) : null;
    }
}
