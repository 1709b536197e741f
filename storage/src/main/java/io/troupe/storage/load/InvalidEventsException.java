package io.troupe.storage.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A batch of events refused as a whole because some are invalid ({@link ErrorCode#INVALID_EVENTS}), with
 * every problem found, so the HTTP layer can answer as Amplitude does: field -> indexes of the events at
 * fault, in {@code events_with_missing_fields}, {@code events_with_invalid_fields} and
 * {@code events_with_invalid_id_lengths}. Nothing of the batch was stored.
 */
public final class InvalidEventsException extends TroupeException {
    private static final long serialVersionUID = 1L;
    private static final int PROBLEMS_IN_MESSAGE = 3;

    private final transient List<EventProblem> problems;
    private final int eventCount;

    public InvalidEventsException(List<EventProblem> problems, int eventCount) {
        super(ErrorCode.INVALID_EVENTS, invalidEvents(problems), eventCount, describe(problems));
        this.problems = List.copyOf(problems);
        this.eventCount = eventCount;
    }

    /** Every problem, in event order. */
    public List<EventProblem> problems() {
        return problems;
    }

    /** How many events the batch had. */
    public int eventCount() {
        return eventCount;
    }

    /** Amplitude's {@code events_with_missing_fields}: field -> indexes, ascending. */
    public Map<String, List<Integer>> missingFields() {
        return indexesByField(EventProblem.Kind.MISSING_FIELD);
    }

    /** Amplitude's {@code events_with_invalid_fields}: field -> indexes, ascending. */
    public Map<String, List<Integer>> invalidFields() {
        return indexesByField(EventProblem.Kind.INVALID_VALUE, EventProblem.Kind.INVALID_TIME,
                EventProblem.Kind.INVALID_OPERATION);
    }

    /** Amplitude's {@code events_with_invalid_id_lengths}: {@code user_id}/{@code device_id} -> indexes. */
    public Map<String, List<Integer>> invalidIdLengths() {
        return indexesByField(EventProblem.Kind.ID_TOO_SHORT);
    }

    /**
     * The body of Amplitude's 400 answer: {@code code}, {@code error} and the three maps (the id-length map
     * only when it has entries, as Amplitude). The HTTP layer may add Troupe's own error code to it.
     */
    public ObjectNode toAmplitudeBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", 400);
        body.put("error", getMessage());
        body.set("events_with_missing_fields", toJson(missingFields()));
        body.set("events_with_invalid_fields", toJson(invalidFields()));
        Map<String, List<Integer>> idLengths = invalidIdLengths();
        if (!idLengths.isEmpty()) {
            body.set("events_with_invalid_id_lengths", toJson(idLengths));
        }
        return body;
    }

    private Map<String, List<Integer>> indexesByField(EventProblem.Kind... kinds) {
        Map<String, TreeSet<Integer>> byField = new LinkedHashMap<>();
        for (EventProblem problem : problems) {
            for (EventProblem.Kind kind : kinds) {
                if (problem.kind() == kind) {
                    byField.computeIfAbsent(problem.field(), f -> new TreeSet<>()).add(problem.index());
                }
            }
        }
        Map<String, List<Integer>> result = new LinkedHashMap<>();
        byField.forEach((field, indexes) -> result.put(field, List.copyOf(indexes)));
        return Collections.unmodifiableMap(result);
    }

    private static ObjectNode toJson(Map<String, List<Integer>> indexesByField) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        indexesByField.forEach((field, indexes) -> {
            ArrayNode array = node.putArray(field);
            indexes.forEach(array::add);
        });
        return node;
    }

    private static int invalidEvents(List<EventProblem> problems) {
        return (int) problems.stream().mapToInt(EventProblem::index).distinct().count();
    }

    private static String describe(List<EventProblem> problems) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(PROBLEMS_IN_MESSAGE, problems.size()); i++) {
            shown.add(problems.get(i).message());
        }
        String text = String.join("; ", shown);
        int more = problems.size() - shown.size();
        return more > 0 ? text + "; and " + more + " more" : text;
    }
}
