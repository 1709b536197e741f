package io.troupe.storage.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user identify: assigns user-level groups (kept for every later event of the user until overwritten,
 * never unset) and updates the user's properties.
 *
 * @param userId              the user
 * @param time                client time, ms since the epoch
 * @param groups              user-level group assignments: group type -> values (replaces that type's values)
 * @param propertyOperations  user property operations ({@code $set}, {@code $setOnce}, {@code $add}, ...);
 *                            a plain object means {@code $set}
 */
public record Identify(String userId, long time, Map<String, List<String>> groups, ObjectNode propertyOperations)
        implements Command {
    public Identify {
        Objects.requireNonNull(userId, "userId is null");
        groups = groups == null ? Map.of() : groups;
        propertyOperations = propertyOperations == null ? Json.emptyObject() : propertyOperations;
    }
}
