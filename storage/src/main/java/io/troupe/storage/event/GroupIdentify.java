package io.troupe.storage.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A group identify: changes properties of one group (e.g. org {@code 42}'s {@code plan}); every change is
 * kept in the group property history.
 *
 * @param groupType          the group type, e.g. {@code org_id}
 * @param groupValue         the group, e.g. {@code 42}
 * @param time               when the change takes effect, ms since the epoch
 * @param propertyOperations {@code $set}, {@code $setOnce}, {@code $add}, {@code $append}, {@code $prepend},
 *                           {@code $unset}, {@code $remove}; a plain object means {@code $set}
 */
public record GroupIdentify(String groupType, String groupValue, long time, ObjectNode propertyOperations)
        implements Command {
    public GroupIdentify {
        Objects.requireNonNull(groupType, "groupType is null");
        Objects.requireNonNull(groupValue, "groupValue is null");
        propertyOperations = propertyOperations == null ? Json.emptyObject() : propertyOperations;
    }
}
