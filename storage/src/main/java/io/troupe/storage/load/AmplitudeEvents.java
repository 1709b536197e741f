package io.troupe.storage.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Identify;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Maps events in Amplitude's HTTP API v2 JSON format to {@link Command}s, so clients and files that speak
 * Amplitude work unchanged. Used by the HTTP ingest endpoints and by {@link JsonLinesEventLoader}.
 *
 * <p>Fields read: {@code event_type}, {@code user_id}, {@code device_id} (one of the two is required; each
 * at least {@link #minIdLength()} characters, Amplitude's {@code options.min_id_length}), {@code insert_id},
 * {@code time} (ms since the epoch; absent means the "now" the caller gives), {@code groups} (group type
 * -> a string, a number or an array of them), {@code event_properties}, {@code user_properties}. Other
 * Amplitude fields ({@code platform}, {@code session_id}, ...) are ignored. An empty string counts as absent.
 *
 * <p>Two event types are commands rather than events:
 * <ul>
 *   <li>{@code $identify} becomes an {@link Identify} of its {@code user_id} (required: an identify by
 *       device id alone is refused). Its {@code groups} assign user-level groups, and so does a
 *       {@code $set} (or plain property) in {@code user_properties} whose key is a group type of the
 *       project; {@code groups} wins when both name a type. The {@code user_properties} operations are
 *       kept whole as the identify's property operations. A user-level group cannot be unset, so a null
 *       group value or an {@code $unset} of a group type is refused.</li>
 *   <li>{@code $groupidentify} becomes a {@link GroupIdentify}: {@code groups} names exactly one type and
 *       one value, {@code group_properties} holds the operations.</li>
 * </ul>
 *
 * <p>Every problem of an event is found, not just the first; {@link #toCommands} reports every problem of
 * every event of a batch in one {@link InvalidEventsException}. Property objects are used as given, not
 * copied: the caller must not change the JSON afterwards. Immutable and thread-safe.
 */
public final class AmplitudeEvents {
    public static final int DEFAULT_MIN_ID_LENGTH = 5;
    public static final String IDENTIFY = "$identify";
    public static final String GROUP_IDENTIFY = "$groupidentify";

    static final String NO_UNSET = "a user-level group cannot be unset, only overwritten with another value";

    private final Predicate<String> isGroupType;
    private final int minIdLength;

    /**
     * @param isGroupType tells whether a name is a group type of the project (for {@code $set} of a group
     *                    type in an identify); read at each call, so it may follow the live catalog
     * @param minIdLength the minimum length of {@code user_id} and {@code device_id}, at least 0
     */
    public AmplitudeEvents(Predicate<String> isGroupType, int minIdLength) {
        this.isGroupType = Objects.requireNonNull(isGroupType, "isGroupType is null");
        if (minIdLength < 0) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT,
                    "Invalid min_id_length " + minIdLength + ": use 0 or more (default " + DEFAULT_MIN_ID_LENGTH + ")");
        }
        this.minIdLength = minIdLength;
    }

    /** A mapper for a fixed set of group types and the default minimum id length. */
    public static AmplitudeEvents forGroupTypes(Set<String> groupTypes) {
        return new AmplitudeEvents(Set.copyOf(groupTypes)::contains, DEFAULT_MIN_ID_LENGTH);
    }

    /** The same mapper with another minimum id length (a request's {@code options.min_id_length}). */
    public AmplitudeEvents withMinIdLength(int length) {
        return new AmplitudeEvents(isGroupType, length);
    }

    public int minIdLength() {
        return minIdLength;
    }

    /**
     * Maps one event.
     *
     * @param event the event's JSON
     * @param index its index in its batch, named in errors
     * @param now   the time to give an event without {@code time}, ms since the epoch
     * @throws TroupeException for the event's first problem ({@code MISSING_FIELD}, {@code INVALID_EVENT},
     *                         {@code INVALID_TIMESTAMP} or {@code INVALID_PROPERTY_OPERATION}), naming the
     *                         field and the index
     */
    public Command toCommand(JsonNode event, int index, long now) {
        List<EventProblem> problems = new ArrayList<>(2);
        Command command = map(event, index, now, problems);
        if (command == null) {
            throw problems.get(0).toException();
        }
        return command;
    }

    /**
     * Maps a batch, all or nothing.
     *
     * @param events a JSON array of events (the {@code events} field of an upload)
     * @param now    the time to give events without {@code time}
     * @throws InvalidEventsException listing every problem of every invalid event
     * @throws TroupeException        {@code MISSING_FIELD}/{@code INVALID_EVENT} when {@code events} is absent
     *                                or not an array
     */
    public List<Command> toCommands(JsonNode events, long now) {
        if (events == null || events.isNull() || events.isMissingNode()) {
            throw new TroupeException(ErrorCode.MISSING_FIELD, "events", ": send the events as a JSON array");
        }
        if (!events.isArray()) {
            throw new TroupeException(ErrorCode.INVALID_EVENT,
                    "'events' must be a JSON array of events, got " + Nodes.describe(events));
        }
        List<Command> commands = new ArrayList<>(events.size());
        List<EventProblem> problems = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Command command = map(events.get(i), i, now, problems);
            if (command != null && problems.isEmpty()) {
                commands.add(command);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventsException(problems, events.size());
        }
        return commands;
    }

    /** Maps one event, adding its problems to {@code problems}; null when it has any. */
    Command map(JsonNode node, int index, long now, List<EventProblem> problems) {
        if (!(node instanceof ObjectNode event)) {
            problems.add(new EventProblem(index, "event", EventProblem.Kind.INVALID_VALUE,
                    "must be a JSON object, got " + Nodes.describe(node)));
            return null;
        }
        int before = problems.size();
        EventFields fields = new EventFields(event, index, problems, minIdLength);
        String eventType = fields.eventType();
        long time = fields.time(now);
        String userId = fields.id("user_id");
        String deviceId = fields.id("device_id");
        Command command;
        if (IDENTIFY.equals(eventType)) {
            command = identify(fields, userId, time);
        } else if (GROUP_IDENTIFY.equals(eventType)) {
            command = groupIdentify(fields, time);
        } else {
            command = event(fields, eventType, userId, deviceId, time);
        }
        return problems.size() == before ? command : null;
    }

    private Event event(EventFields fields, String eventType, String userId, String deviceId, long time) {
        if (!fields.isPresent("user_id") && !fields.isPresent("device_id")) {
            fields.problem("user_id", EventProblem.Kind.MISSING_FIELD, "send a user_id or a device_id");
        }
        String insertId = fields.insertId();
        Map<String, List<String>> groups = fields.groups(false);
        ObjectNode eventProperties = fields.object("event_properties");
        ObjectNode userProperties = fields.operations("user_properties");
        return eventType == null ? null
                : new Event(time, eventType, userId, deviceId, insertId, groups, eventProperties, userProperties);
    }

    private Identify identify(EventFields fields, String userId, long time) {
        if (!fields.isPresent("user_id")) {
            fields.problem("user_id", EventProblem.Kind.MISSING_FIELD, "an $identify needs a user_id");
        }
        Map<String, List<String>> assigned = fields.groups(true);
        Map<String, List<String>> groups = assigned == null ? new LinkedHashMap<>() : new LinkedHashMap<>(assigned);
        ObjectNode operations = fields.operations("user_properties");
        if (operations != null) {
            groupsFromSet(fields, operations, groups);
        }
        return userId == null || assigned == null ? null
                : new Identify(userId, time, Collections.unmodifiableMap(groups), operations);
    }

    /** Adds a user-level group for each group type the operations {@code $set}; refuses {@code $unset}. */
    private void groupsFromSet(EventFields fields, ObjectNode operations, Map<String, List<String>> groups) {
        JsonNode sets = OperationSyntax.sets(operations);
        if (sets != null) {
            for (Map.Entry<String, JsonNode> entry : sets.properties()) {
                String type = entry.getKey();
                if (!isGroupType.test(type) || groups.containsKey(type)) {
                    continue;
                }
                try {
                    List<String> values = GroupValues.read(entry.getValue());
                    if (values.isEmpty()) {
                        fields.problem("user_properties", EventProblem.Kind.INVALID_VALUE, "$set of group type '"
                                + type + "' to " + Nodes.shown(entry.getValue()) + ": " + NO_UNSET);
                    } else {
                        groups.put(type, values);
                    }
                } catch (InvalidValue e) {
                    fields.problem("user_properties", EventProblem.Kind.INVALID_VALUE,
                            "$set of group type '" + type + "': " + e.getMessage());
                }
            }
        }
        JsonNode unsets = OperationSyntax.unsets(operations);
        if (unsets != null) {
            for (Map.Entry<String, JsonNode> entry : unsets.properties()) {
                if (isGroupType.test(entry.getKey())) {
                    fields.problem("user_properties", EventProblem.Kind.INVALID_OPERATION,
                            "$unset of group type '" + entry.getKey() + "': " + NO_UNSET);
                }
            }
        }
    }

    private GroupIdentify groupIdentify(EventFields fields, long time) {
        ObjectNode operations = fields.operations("group_properties");
        if (!fields.isPresent("groups")) {
            fields.problem("groups", EventProblem.Kind.MISSING_FIELD,
                    "a $groupidentify names its group, e.g. {\"org_id\": \"42\"}");
            return null;
        }
        Map<String, List<String>> groups = fields.groups(false);
        if (groups == null) {
            return null;
        }
        if (groups.size() != 1 || groups.values().iterator().next().size() != 1) {
            fields.problem("groups", EventProblem.Kind.INVALID_VALUE,
                    "a $groupidentify names exactly one group type and one value, e.g. {\"org_id\": \"42\"}");
            return null;
        }
        Map.Entry<String, List<String>> group = groups.entrySet().iterator().next();
        return new GroupIdentify(group.getKey(), group.getValue().get(0), time, operations);
    }
}
