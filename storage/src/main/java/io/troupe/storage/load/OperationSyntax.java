package io.troupe.storage.load;

import io.troupe.storage.groups.PropertyOperations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks Amplitude's property operation objects ({@code user_properties} of events and identifies,
 * {@code group_properties} of group identifies): either plain properties, meaning {@code $set}, or only
 * operations, each holding an object (but {@code $clearAll}). Mixing the two is refused as Amplitude does, since the plain keys
 * would otherwise be silently lost.
 */
final class OperationSyntax {
    static final String SET = "$set";
    static final String UNSET = "$unset";
    /** Clears every property; its value is ignored (Amplitude sends {@code "-"}). */
    static final String CLEAR_ALL = "$clearAll";
    /** The operations the store applies. */
    static final List<String> SUPPORTED = PropertyOperations.OPERATIONS;
    private static final Set<String> SUPPORTED_SET = Set.copyOf(SUPPORTED);

    private OperationSyntax() {
    }

    static void check(ObjectNode operations) throws InvalidValue {
        String plain = null;
        String operation = null;
        for (Map.Entry<String, JsonNode> entry : operations.properties()) {
            String name = entry.getKey();
            if (!name.startsWith("$")) {
                plain = plain == null ? name : plain;
                continue;
            }
            operation = operation == null ? name : operation;
            if (!SUPPORTED_SET.contains(name)) {
                throw new InvalidValue("unknown operation '" + name + "': use " + String.join(", ", SUPPORTED));
            }
            if (!name.equals(CLEAR_ALL) && !entry.getValue().isObject()) {
                throw new InvalidValue("operation '" + name + "' must hold an object of property -> value, got "
                        + Nodes.describe(entry.getValue()));
            }
        }
        if (plain != null && operation != null) {
            throw new InvalidValue("mixes the operation '" + operation + "' with the plain property '" + plain
                    + "': put plain properties inside $set");
        }
    }

    /** The properties a checked object sets: itself when plain, else its {@code $set} (may be null). */
    static JsonNode sets(ObjectNode operations) {
        return isPlain(operations) ? operations : operations.get(SET);
    }

    /** The properties a checked object unsets (may be null). */
    static JsonNode unsets(ObjectNode operations) {
        return isPlain(operations) ? null : operations.get(UNSET);
    }

    private static boolean isPlain(ObjectNode operations) {
        Iterator<Map.Entry<String, JsonNode>> entries = operations.properties().iterator();
        return !entries.hasNext() || !entries.next().getKey().startsWith("$");
    }
}
