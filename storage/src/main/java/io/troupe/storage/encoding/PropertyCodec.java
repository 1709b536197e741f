package io.troupe.storage.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * A compact binary form of a JSON properties object, with nothing sent lost (strings, integers, doubles,
 * big numbers, booleans, null, arrays and nested objects).
 *
 * <p>Two modes share one format. <em>Inline</em> mode (the WAL) writes every string as UTF-8, so a WAL
 * record stands alone. <em>Dictionary</em> mode (tail and segments) writes top-level keys and top-level
 * string values as dense dictionary ids, so equal values are stored once and a filter on a property
 * compares integers; nested values stay inline.
 */
public final class PropertyCodec {
    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int LONG = 3;
    static final int DOUBLE = 4;
    static final int STRING = 5;
    static final int STRING_ID = 6;
    static final int ARRAY = 7;
    static final int OBJECT = 8;
    static final int BIG_NUMBER = 9;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PropertyCodec() {
    }

    /** Inline mode. */
    public static void encode(ObjectNode properties, ByteWriter out) {
        encodeObject(properties, out, null, null);
    }

    /** Dictionary mode: {@code keyIds} and {@code valueIds} give (or assign) the ids of top-level strings. */
    public static void encode(ObjectNode properties, ByteWriter out, ToIntFunction<String> keyIds,
                              ToIntFunction<String> valueIds) {
        encodeObject(properties, out, keyIds, valueIds);
    }

    /**
     * Both modes in one walk of the object: top-level keys and string values go inline to {@code inline} and
     * as ids to {@code withIds}; every other value is encoded once and its bytes copied to both (nested values
     * are inline in both modes). The ingest path needs both forms of every event's properties.
     */
    public static void encodeBoth(ObjectNode properties, ByteWriter inline, ByteWriter withIds,
                                  ToIntFunction<String> keyIds, ToIntFunction<String> valueIds) {
        inline.writeVarInt(properties.size());
        withIds.writeVarInt(properties.size());
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            inline.writeString(field.getKey());
            withIds.writeVarInt(keyIds.applyAsInt(field.getKey()));
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                inline.writeByte(STRING);
                inline.writeString(value.textValue());
                withIds.writeByte(STRING_ID);
                withIds.writeVarInt(valueIds.applyAsInt(value.textValue()));
            } else {
                int start = inline.size();
                encodeValue(value, inline);
                withIds.writeBytes(inline.array(), start, inline.size() - start);
            }
        }
    }

    public static ObjectNode decode(ByteReader in) {
        return decodeObject(in, null, null);
    }

    public static ObjectNode decode(ByteReader in, IntFunction<String> keys, IntFunction<String> values) {
        return decodeObject(in, keys, values);
    }

    private static void encodeObject(ObjectNode node, ByteWriter out, ToIntFunction<String> keyIds,
                                     ToIntFunction<String> valueIds) {
        out.writeVarInt(node.size());
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (keyIds != null) {
                out.writeVarInt(keyIds.applyAsInt(field.getKey()));
            } else {
                out.writeString(field.getKey());
            }
            JsonNode value = field.getValue();
            if (valueIds != null && value.isTextual()) {
                out.writeByte(STRING_ID);
                out.writeVarInt(valueIds.applyAsInt(value.textValue()));
            } else {
                encodeValue(value, out);
            }
        }
    }

    private static void encodeValue(JsonNode value, ByteWriter out) {
        switch (value.getNodeType()) {
            case NULL, MISSING -> out.writeByte(NULL);
            case BOOLEAN -> out.writeByte(value.booleanValue() ? TRUE : FALSE);
            case NUMBER -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    out.writeByte(LONG);
                    out.writeZigZag(value.longValue());
                } else if (value.isFloatingPointNumber() && !value.isBigDecimal()) {
                    out.writeByte(DOUBLE);
                    out.writeDouble(value.doubleValue());
                } else {
                    out.writeByte(BIG_NUMBER);
                    out.writeString(value.asText());
                }
            }
            case STRING -> {
                out.writeByte(STRING);
                out.writeString(value.textValue());
            }
            case ARRAY -> {
                out.writeByte(ARRAY);
                out.writeVarInt(value.size());
                for (JsonNode element : value) {
                    encodeValue(element, out);
                }
            }
            case OBJECT -> {
                out.writeByte(OBJECT);
                encodeObject((ObjectNode) value, out, null, null);
            }
            default -> throw new TroupeException(ErrorCode.INVALID_EVENT,
                    "property values must be JSON values, not " + value.getNodeType());
        }
    }

    private static ObjectNode decodeObject(ByteReader in, IntFunction<String> keys, IntFunction<String> values) {
        int count = in.readVarInt();
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < count; i++) {
            String key = keys != null ? keys.apply(in.readVarInt()) : in.readString();
            node.set(key, decodeValue(in, values));
        }
        return node;
    }

    private static JsonNode decodeValue(ByteReader in, IntFunction<String> values) {
        int tag = in.readByte();
        return switch (tag) {
            case NULL -> NODES.nullNode();
            case FALSE -> NODES.booleanNode(false);
            case TRUE -> NODES.booleanNode(true);
            case LONG -> {
                long v = in.readZigZag();
                yield v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
            }
            case DOUBLE -> NODES.numberNode(in.readDouble());
            case BIG_NUMBER -> {
                String text = in.readString();
                yield text.matches("-?\\d+") ? NODES.numberNode(new java.math.BigInteger(text))
                        : NODES.numberNode(new java.math.BigDecimal(text));
            }
            case STRING -> NODES.textNode(in.readString());
            case STRING_ID -> {
                if (values == null) {
                    throw new TroupeException(ErrorCode.STORAGE_CORRUPT, "(properties)", "dictionary id in inline data");
                }
                yield NODES.textNode(values.apply(in.readVarInt()));
            }
            case ARRAY -> {
                int n = in.readVarInt();
                ArrayNode array = NODES.arrayNode(n);
                for (int i = 0; i < n; i++) {
                    array.add(decodeValue(in, null));
                }
                yield array;
            }
            case OBJECT -> decodeObject(in, null, null);
            default -> throw new TroupeException(ErrorCode.STORAGE_CORRUPT, "(properties)", "unknown value tag " + tag);
        };
    }
}
