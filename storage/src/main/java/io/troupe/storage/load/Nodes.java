package io.troupe.storage.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Small words about JSON values for error messages. */
final class Nodes {
    private static final int MAX_SHOWN = 64;

    private Nodes() {
    }

    /** The JSON type of a value, e.g. {@code an array}. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "array", "object" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type + " (" + shown(value) + ")";
        };
    }

    /** The value as JSON, cut to a readable length. */
    static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    /** Absent, JSON null, or the empty string: what the API treats as "not sent". */
    static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() || value.isTextual() && value.asText().isEmpty();
    }
}
