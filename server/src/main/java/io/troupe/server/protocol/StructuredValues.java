package io.troupe.server.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text of values JDBC gives only as objects: an ARRAY is a JSON array, a MAP an object (keys as
 * text), a ROW an array of its fields in order; inside them numbers, booleans and strings stay themselves,
 * VARBINARY becomes base64, DATE {@code "2024-01-31"}, TIME {@code "12:00:00.250"}, TIMESTAMP
 * {@code "2024-01-31T12:00:00.250"} (UTC). Any other object is its {@code toString()} as a JSON string.
 */
final class StructuredValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StructuredValues() {
    }

    /** JSON text of a value; null stays null (SQL NULL, not the JSON literal). */
    static String json(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INTERNAL, e, "cannot render a " + value.getClass().getName() + " as JSON");
        }
    }

    private static Object plain(Object value) throws SQLException {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String
                || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Array a) {
            return plain(a.getArray());
        }
        if (value instanceof Struct s) {
            return plain(s.getAttributes());
        }
        if (value instanceof Object[] array) {
            List<Object> list = new ArrayList<>(array.length);
            for (Object o : array) {
                list.add(plain(o));
            }
            return list;
        }
        if (value.getClass().isArray()) { // an array of NOT NULL elements: the engine's primitive int[], boolean[], ...
            int n = java.lang.reflect.Array.getLength(value);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(java.lang.reflect.Array.get(value, i));
            }
            return list;
        }
        if (value instanceof List<?> l) {
            List<Object> list = new ArrayList<>(l.size());
            for (Object o : l) {
                list.add(plain(o));
            }
            return list;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                map.put(String.valueOf(e.getKey()), plain(e.getValue()));
            }
            return map;
        }
        if (value instanceof java.sql.Timestamp t) {
            return Instant.ofEpochMilli(t.getTime()).atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date d) {
            return LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), 86_400_000L)).toString();
        }
        if (value instanceof java.sql.Time t) {
            return LocalTime.ofNanoOfDay(Math.floorMod(t.getTime(), 86_400_000L) * 1_000_000L).toString();
        }
        return value.toString();
    }
}
