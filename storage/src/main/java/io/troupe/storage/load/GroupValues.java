package io.troupe.storage.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the value side of Amplitude's {@code groups}: a string, a number (clients send numeric org ids),
 * or an array of them. Group values are always stored as strings, so {@code 42} and {@code "42"} are the
 * same group.
 */
final class GroupValues {
    private GroupValues() {
    }

    /** The values, in order; empty for null, the empty string or an empty array. */
    static List<String> read(JsonNode value) throws InvalidValue {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isArray()) {
            List<String> values = new ArrayList<>(value.size());
            for (JsonNode element : value) {
                String one = scalar(element);
                if (!one.isEmpty()) {
                    values.add(one);
                }
            }
            return List.copyOf(values);
        }
        String one = scalar(value);
        return one.isEmpty() ? List.of() : List.of(one);
    }

    private static String scalar(JsonNode value) throws InvalidValue {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.asText();
        }
        throw new InvalidValue("a group value must be a string, a number or an array of them, got "
                + Nodes.describe(value));
    }
}
