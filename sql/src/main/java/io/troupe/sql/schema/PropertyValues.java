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
