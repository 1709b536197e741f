package io.troupe.storage.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The project's one Jackson mapper (thread-safe once configured) and small JSON helpers. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }
}
