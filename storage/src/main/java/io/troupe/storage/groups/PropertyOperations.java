package io.troupe.storage.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.ingest.Resolved;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amplitude's identify operations on a property object: {@code $set}, {@code $setOnce}, {@code $add},
 * {@code $append}, {@code $prepend}, {@code $unset}, {@code $remove}, {@code $clearAll}; keys outside an
 * operation (a plain object) mean {@code $set}. Used for user properties and group properties alike.
 *
 * <p>Semantics: {@code $add} adds a number to the current number (absent counts as 0; a non-numeric
 * current value is an error); {@code $append} / {@code $prepend} add to an array (an absent value becomes
 * an array, a scalar becomes the first element; an array argument adds each element); {@code $remove}
 * removes every element equal to the argument from an array; {@code $unset} removes the property (its
 * argument is ignored); {@code $clearAll} removes every property.
 */
public final class PropertyOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every operation this class applies; the loaders and the HTTP layer check requests against it. */
    public static final List<String> OPERATIONS = List.of("$set", "$setOnce", "$add", "$append", "$prepend", "$unset",
            "$remove", "$clearAll");

    /** The properties after the operations, and each changed property's new value (null when unset). */
    public record Result(ObjectNode after, List<Resolved.PropertyValue> changes) {
    }

    private PropertyOperations() {
    }

    public static Result apply(ObjectNode current, ObjectNode operations) {
        ObjectNode after = current == null ? NODES.objectNode() : current.deepCopy();
        Map<String, JsonNode> changes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = operations.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> op = fields.next();
            String name = op.getKey();
            JsonNode argument = op.getValue();
            if (!name.startsWith("$")) {
                set(after, changes, name, argument);
                continue;
            }
            if (name.equals("$clearAll")) {
                List<String> names = new ArrayList<>();
                after.fieldNames().forEachRemaining(names::add);
                for (String property : names) {
                    after.remove(property);
                    changes.put(property, null);
                }
                continue;
            }
            if (!argument.isObject()) {
                throw new TroupeException(ErrorCode.INVALID_PROPERTY_OPERATION,
                        name + " takes an object of property names and values");
            }
            Iterator<Map.Entry<String, JsonNode>> args = argument.fields();
            while (args.hasNext()) {
                Map.Entry<String, JsonNode> arg = args.next();
                String property = arg.getKey();
                JsonNode value = arg.getValue();
                JsonNode old = after.get(property);
                switch (name) {
                    case "$set" -> set(after, changes, property, value);
                    case "$setOnce" -> {
                        if (old == null) {
                            set(after, changes, property, value);
                        }
                    }
                    case "$add" -> set(after, changes, property, add(property, old, value));
                    case "$append" -> set(after, changes, property, concat(old, value, false));
                    case "$prepend" -> set(after, changes, property, concat(old, value, true));
                    case "$remove" -> {
                        if (old != null && old.isArray()) {
                            ArrayNode kept = NODES.arrayNode();
                            old.forEach(e -> {
                                if (!e.equals(value)) {
                                    kept.add(e);
                                }
                            });
                            set(after, changes, property, kept);
                        }
                    }
                    case "$unset" -> {
                        if (old != null) {
                            after.remove(property);
                            changes.put(property, null);
                        }
                    }
                    default -> throw new TroupeException(ErrorCode.INVALID_PROPERTY_OPERATION,
                            "unknown operation " + name + "; use $set, $setOnce, $add, $append, $prepend, $remove, $unset or $clearAll");
                }
            }
        }
        List<Resolved.PropertyValue> list = new ArrayList<>(changes.size());
        changes.forEach((k, v) -> list.add(new Resolved.PropertyValue(k, v)));
        return new Result(after, list);
    }

    private static void set(ObjectNode after, Map<String, JsonNode> changes, String property, JsonNode value) {
        if (property.isEmpty()) {
            throw new TroupeException(ErrorCode.INVALID_PROPERTY_NAME, property);
        }
        after.set(property, value);
        changes.put(property, value);
    }

    private static JsonNode add(String property, JsonNode old, JsonNode value) {
        if (!value.isNumber()) {
            throw new TroupeException(ErrorCode.INVALID_PROPERTY_OPERATION, "$add of '" + property + "' needs a number");
        }
        if (old != null && !old.isNumber()) {
            throw new TroupeException(ErrorCode.INVALID_PROPERTY_OPERATION,
                    "$add of '" + property + "': the current value " + old + " is not a number");
        }
        if (old == null) {
            return value;
        }
        if (old.isIntegralNumber() && value.isIntegralNumber() && old.canConvertToLong() && value.canConvertToLong()) {
            long sum;
            try {
                sum = Math.addExact(old.longValue(), value.longValue());
            } catch (ArithmeticException e) { // a client's value, not a bug: refused like any bad operation
                throw new TroupeException(ErrorCode.INVALID_PROPERTY_OPERATION, "$add of '" + property + "': "
                        + old + " + " + value + " is outside 64-bit whole numbers");
            }
            return sum == (int) sum ? NODES.numberNode((int) sum) : NODES.numberNode(sum);
        }
        return NODES.numberNode(old.doubleValue() + value.doubleValue());
    }

    private static JsonNode concat(JsonNode old, JsonNode value, boolean prepend) {
        ArrayNode result = NODES.arrayNode();
        ArrayNode added = NODES.arrayNode();
        if (value.isArray()) {
            value.forEach(added::add);
        } else {
            added.add(value);
        }
        if (prepend) {
            result.addAll(added);
        }
        if (old != null) {
            if (old.isArray()) {
                old.forEach(result::add);
            } else {
                result.add(old);
            }
        }
        if (!prepend) {
            result.addAll(added);
        }
        return result;
    }
}
