package io.troupe.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.storage.load.EventProblem;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Decodes Segment HTTP API requests ({@code /v1/batch} and the single calls) into {@link Upload}s of Amplitude
 * events, mapping calls the way Amplitude's Segment integration does:
 * <ul>
 *   <li>{@code track}: an event named {@code event}, {@code properties} as event properties; event-level groups
 *       from {@code integrations.Amplitude.groups} (as Amplitude's destination reads them) and from
 *       {@code context.groupId} (Segment's common field for attributing a call to an account) as the group
 *       type {@value #GROUP_ID_TYPE};</li>
 *   <li>{@code page}/{@code screen}: events {@code Viewed <name> Page}/{@code Screen}, or {@code Loaded a Page}/
 *       {@code Screen} without a name;</li>
 *   <li>{@code identify}: a {@code $identify} whose user properties are {@code $set} to {@code traits};</li>
 *   <li>{@code group}: a user-level group assignment (type and value from the two configured traits, by default
 *       {@code groupType} and {@code groupValue}; without both, type {@value #GROUP_ID_TYPE} and the call's
 *       {@code groupId}), plus a {@code $groupidentify} that {@code $set}s the other traits on that group.</li>
 * </ul>
 * In all of them {@code userId} is the user id, {@code anonymousId} the device id, {@code messageId} the insert id
 * and {@code timestamp} (ISO-8601; else {@code originalTimestamp}; else the time received) the event time.
 */
final class SegmentRequests {
    /** The group type of a group call without the configured traits, and of {@code context.groupId}. */
    static final String GROUP_ID_TYPE = "groupId";

    private static final Map<String, String> FIELD_NAMES = Map.of("event_type", "event", "user_id", "userId",
            "device_id", "anonymousId", "insert_id", "messageId", "time", "timestamp", "event_properties", "properties",
            "user_properties", "traits", "group_properties", "traits", "groups", "groupId", "event", "call");

    private final String groupTypeTrait;
    private final String groupValueTrait;

    /** @param groupTraits the traits naming a group call's type, then its value ({@code segment.groupTraits}) */
    SegmentRequests(List<String> groupTraits) {
        this.groupTypeTrait = groupTraits.get(0);
        this.groupValueTrait = groupTraits.get(1);
    }

    /** Segment's name of an Amplitude event field. */
    static String fieldName(String amplitudeField) {
        return FIELD_NAMES.getOrDefault(amplitudeField, amplitudeField);
    }

    Upload decode(IngestRequest request) {
        RequestBodies.requireJson(request);
        JsonNode root = RequestBodies.json(request.body(), "the request body");
        if (!(root instanceof ObjectNode body)) {
            throw new Rejection(400, ErrorCode.INVALID_REQUEST,
                    "the body must be a JSON object, got " + AmplitudeRequests.kind(root));
        }
        String writeKey = writeKey(request.authorization(), body);
        String fixedType = request.endpoint().segmentCallType();
        List<JsonNode> calls = new ArrayList<>();
        if (fixedType == null) {
            JsonNode batch = body.get("batch");
            if (batch == null || batch.isNull()) {
                throw new Rejection(400, ErrorCode.MISSING_FIELD, "batch", ": send the calls as {\"batch\": [...]}");
            }
            if (!batch.isArray() || batch.isEmpty()) {
                throw new Rejection(400, ErrorCode.INVALID_REQUEST,
                        "'batch' must be a non-empty JSON array of calls, got " + AmplitudeRequests.kind(batch));
            }
            batch.forEach(calls::add);
        } else {
            calls.add(body);
        }
        JsonNode batchContext = fixedType == null ? body.get("context") : null;
        Translation out = new Translation(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            translate(i, calls.get(i), fixedType, batchContext, out);
        }
        return new Upload(writeKey, out.events, 0, calls.size(), out.itemIndex(), out.problems, SegmentRequests::fieldName);
    }

    /**
     * The write key: the user name of HTTP Basic authentication, else the body's {@code writeKey}.
     *
     * @throws Rejection 401 {@code INVALID_API_KEY} when there is neither
     */
    static String writeKey(String authorization, ObjectNode body) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                String user = colon < 0 ? credentials : credentials.substring(0, colon);
                if (!user.isBlank()) {
                    return user;
                }
            } catch (IllegalArgumentException e) {
                throw new Rejection(401, ErrorCode.INVALID_API_KEY);
            }
        }
        String key = AmplitudeRequests.text(body.get("writeKey"));
        if (key == null) {
            throw new Rejection(401, ErrorCode.INVALID_API_KEY);
        }
        return key;
    }

    /** The events of a request being translated, with the call each came from, and the calls' problems. */
    private static final class Translation {
        final ArrayNode events = Answers.JSON.createArrayNode();
        final List<EventProblem> problems = new ArrayList<>();
        private int[] itemIndex;

        Translation(int calls) {
            itemIndex = new int[calls + 4];
        }

        void add(int call, ObjectNode event) {
            if (events.size() == itemIndex.length) {
                itemIndex = java.util.Arrays.copyOf(itemIndex, itemIndex.length * 2);
            }
            itemIndex[events.size()] = call;
            events.add(event);
        }

        void problem(int call, String field, EventProblem.Kind kind, String detail) {
            problems.add(new EventProblem(call, field, kind, detail));
        }

        int[] itemIndex() {
            return java.util.Arrays.copyOf(itemIndex, events.size());
        }
    }

    private void translate(int index, JsonNode node, String fixedType, JsonNode batchContext, Translation out) {
        if (!(node instanceof ObjectNode call)) {
            out.problem(index, "call", EventProblem.Kind.INVALID_VALUE,
                    "must be a JSON object, got " + AmplitudeRequests.kind(node));
            return;
        }
        String type = fixedType != null ? fixedType : AmplitudeRequests.text(call.get("type"));
        if (type == null) {
            out.problem(index, "type", EventProblem.Kind.MISSING_FIELD, "one of track, identify, group, page, screen");
            return;
        }
        ObjectNode event = Answers.JSON.createObjectNode();
        copy(call, "userId", event, "user_id");
        copy(call, "anonymousId", event, "device_id");
        copy(call, "messageId", event, "insert_id");
        if (!time(call, event, index, out)) {
            return;
        }
        switch (type) {
            case "track" -> {
                copy(call, "event", event, "event_type");
                copy(call, "properties", event, "event_properties");
                eventGroups(call, batchContext, event);
                out.add(index, event);
            }
            case "page", "screen" -> {
                String name = AmplitudeRequests.text(call.get("name"));
                String noun = type.equals("page") ? "Page" : "Screen";
                event.put("event_type", name == null ? "Loaded a " + noun : "Viewed " + name + " " + noun);
                copy(call, "properties", event, "event_properties");
                eventGroups(call, batchContext, event);
                out.add(index, event);
            }
            case "identify" -> {
                event.put("event_type", AmplitudeEvents.IDENTIFY);
                JsonNode traits = call.get("traits");
                if (traits != null && !traits.isNull()) {
                    if (!traits.isObject()) {
                        out.problem(index, "traits", EventProblem.Kind.INVALID_VALUE,
                                "must be a JSON object, got " + AmplitudeRequests.kind(traits));
                        return;
                    }
                    event.putObject("user_properties").set("$set", traits);
                }
                out.add(index, event);
            }
            case "group" -> group(index, call, event, out);
            default -> out.problem(index, "type", EventProblem.Kind.INVALID_VALUE,
                    "'" + type + "' calls are not supported: send track, identify, group, page or screen");
        }
    }

    /**
     * A group call: assigns the user's group (a {@code $identify} with {@code groups}) and sets the group's
     * properties (a {@code $groupidentify}) from the traits that do not name the group.
     */
    private void group(int index, ObjectNode call, ObjectNode identify, Translation out) {
        JsonNode traitsNode = call.get("traits");
        if (traitsNode != null && !traitsNode.isNull() && !traitsNode.isObject()) {
            out.problem(index, "traits", EventProblem.Kind.INVALID_VALUE,
                    "must be a JSON object, got " + AmplitudeRequests.kind(traitsNode));
            return;
        }
        ObjectNode traits = traitsNode instanceof ObjectNode object ? object.deepCopy() : Answers.JSON.createObjectNode();
        String type = AmplitudeRequests.text(traits.get(groupTypeTrait));
        String value = scalar(traits.get(groupValueTrait));
        if (type != null && value != null) {
            traits.remove(groupTypeTrait);
            traits.remove(groupValueTrait);
        } else {
            type = GROUP_ID_TYPE;
            value = scalar(call.get("groupId"));
            if (value == null) {
                out.problem(index, "groupId", EventProblem.Kind.MISSING_FIELD, "send the group's id as groupId (or"
                        + " the traits '" + groupTypeTrait + "' and '" + groupValueTrait + "')");
                return;
            }
        }
        identify.put("event_type", AmplitudeEvents.IDENTIFY);
        identify.putObject("groups").put(type, value);
        out.add(index, identify);
        if (!traits.isEmpty()) {
            ObjectNode groupIdentify = Answers.JSON.createObjectNode();
            groupIdentify.put("event_type", AmplitudeEvents.GROUP_IDENTIFY);
            groupIdentify.putObject("groups").put(type, value);
            groupIdentify.putObject("group_properties").set("$set", traits);
            if (identify.has("time")) {
                groupIdentify.set("time", identify.get("time"));
            }
            out.add(index, groupIdentify);
        }
    }

    /** Event-level groups: {@code integrations.Amplitude.groups}, and {@code context.groupId} as type groupId. */
    private static void eventGroups(ObjectNode call, JsonNode batchContext, ObjectNode event) {
        ObjectNode groups = Answers.JSON.createObjectNode();
        JsonNode amplitude = call.path("integrations").path("Amplitude").path("groups");
        if (amplitude.isObject()) {
            groups.setAll((ObjectNode) amplitude);
        }
        String contextGroup = scalar(call.path("context").get("groupId"));
        if (contextGroup == null && batchContext != null) {
            contextGroup = scalar(batchContext.get("groupId"));
        }
        if (contextGroup != null && !groups.has(GROUP_ID_TYPE)) {
            groups.put(GROUP_ID_TYPE, contextGroup);
        }
        if (!groups.isEmpty()) {
            event.set("groups", groups);
        }
    }

    /** {@code timestamp}, else {@code originalTimestamp}, as the event's {@code time}; false after a problem. */
    private static boolean time(ObjectNode call, ObjectNode event, int index, Translation out) {
        String field = "timestamp";
        JsonNode value = call.get(field);
        if (value == null || value.isNull()) {
            field = "originalTimestamp";
            value = call.get(field);
        }
        if (value == null || value.isNull()) {
            return true; // the time received
        }
        Long millis = value.isTextual() ? isoMillis(value.textValue()) : null;
        if (millis == null) {
            out.problem(index, field, EventProblem.Kind.INVALID_VALUE,
                    "must be an ISO-8601 date and time such as 2026-01-31T12:00:00.000Z, got " + value);
            return false;
        }
        event.put("time", millis);
        return true;
    }

    /** ISO-8601 date-time text as ms since the epoch (UTC when it has no offset); null when it is not one. */
    static Long isoMillis(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return java.time.OffsetDateTime.from(parsed).toInstant().toEpochMilli();
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static void copy(ObjectNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }

    /** A string or whole number as text; null when absent, empty or of another type. */
    private static String scalar(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue().isEmpty() ? null : node.textValue();
        }
        return node.isIntegralNumber() ? node.asText() : null;
    }

    /**
     * Segment's 400 for invalid calls: the message names each call's problems with Segment's field names, and
     * {@code errors} lists them all ({@code index}, {@code field}, {@code reason}).
     */
    static Rejection invalid(int callCount, List<EventProblem> problems) {
        ObjectNode fields = Answers.JSON.createObjectNode();
        ArrayNode errors = fields.putArray("errors");
        List<String> shown = new ArrayList<>();
        for (EventProblem p : problems) {
            String reason = reason(p);
            errors.addObject().put("index", p.index()).put("field", p.field()).put("reason", reason);
            if (shown.size() < 3) {
                shown.add("call " + p.index() + ": " + reason);
            }
        }
        String text = String.join("; ", shown) + (problems.size() > shown.size()
                ? "; and " + (problems.size() - shown.size()) + " more" : "");
        long invalidCalls = problems.stream().mapToInt(EventProblem::index).distinct().count();
        return new Rejection(400, new TroupeException(ErrorCode.INVALID_EVENTS, invalidCalls, callCount, text), fields);
    }

    /** A problem in Segment's words (the mapper speaks Amplitude's). */
    private static String reason(EventProblem p) {
        if (p.kind() == EventProblem.Kind.INVALID_TIME) {
            return "'" + p.field() + "' is outside the years 1970-9999";
        }
        String reason = p.reason();
        for (Map.Entry<String, String> name : FIELD_NAMES.entrySet()) {
            if (name.getKey().contains("_")) {
                reason = reason.replace(name.getKey(), name.getValue());
            }
        }
        return reason.replace("an $identify", "an identify or group call");
    }
}
