package io.troupe.sql.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a JSON property value reads in SQL, where property maps are {@code MAP(VARCHAR, VARCHAR)}: strings as
 * they are, numbers and booleans as their JSON text (so {@code CAST(... AS DOUBLE)} works), JSON null as SQL
 * NULL, arrays and objects as JSON text.
 */
public final class PropertyValues {
    private PropertyValues() {
    }

    /** Every property of an object as text, in the object's order. */
    public static java.util.Map<String, String> textMap(com.fasterxml.jackson.databind.node.ObjectNode node) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), text(e.getValue())));
        return map;
    }

    public static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.toString();
    }
}
