package io.troupe.testing.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the generator's plain Java values as JSON.
 *
 * <p>Why one place: the JSON-lines writer streams through a {@link JsonGenerator} for speed, and
 * {@link GeneratedCommand#toAmplitudeJson()} reads back the very same text as a tree, so the two can never
 * disagree about the format (numbers included: a tree equals the one parsed from a written line).
 */
public final class AmplitudeJson {
    /** The mapper used for trees and JSON text; configured once, thread-safe. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private AmplitudeJson() {
    }

    /**
     * Writes groups: a type with one value as a string, with several as an array of strings, the form
     * Amplitude clients send.
     */
    public static void writeGroups(JsonGenerator out, Map<String, List<String>> groups) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            List<String> values = group.getValue();
            if (values.size() == 1) {
                out.writeStringField(group.getKey(), values.get(0));
            } else {
                out.writeArrayFieldStart(group.getKey());
                for (String value : values) {
                    out.writeString(value);
                }
                out.writeEndArray();
            }
        }
        out.writeEndObject();
    }

    /** Writes a property value: null, String, Boolean, Integer, Long, Double, Map (object) or List (array). */
    public static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer i) {
            out.writeNumber(i);
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Double d) {
            out.writeNumber(d);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                writeValue(out, element);
            }
            out.writeEndArray();
        } else {
            throw new IllegalArgumentException("unsupported property value type " + value.getClass().getName());
        }
    }

    /** A property value as JSON text, e.g. for a CSV cell holding a nested object. */
    public static String toJsonText(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
            writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** The command's JSON text read back as a tree, so the tree equals what a reader of the text gets. */
    static ObjectNode toTree(GeneratedCommand command) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
            command.writeAmplitudeJson(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return (ObjectNode) MAPPER.readTree(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
