package io.troupe.server.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.troupe.storage.load.EventProblem;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a request asks to store, decoded but not yet checked against its project: the key it carries and its
 * items as Amplitude events, whatever the API (Segment calls and Identify API identifications are translated
 * into Amplitude's {@code $identify}/{@code $groupidentify} events, so that one mapper validates them all).
 *
 * @param apiKey      the project API key the request carries (never null: a request without one is refused)
 * @param events      the items as Amplitude events, in order
 * @param minIdLength the minimum length of user and device ids
 * @param itemCount   how many items the client sent (events, identifications or calls): the request limit
 *                    and the error indexes count these
 * @param itemIndex   for each event, the index of the item it came from; null when events and items are one to one
 * @param problems    problems found while translating, by item index and with the API's field names
 * @param fieldName   the API's name of an Amplitude event field (Segment says {@code userId} for {@code user_id})
 */
record Upload(String apiKey, ArrayNode events, int minIdLength, int itemCount, int[] itemIndex,
              List<EventProblem> problems, UnaryOperator<String> fieldName) {
    Upload {
        Objects.requireNonNull(apiKey, "apiKey is null");
        Objects.requireNonNull(events, "events is null");
        problems = List.copyOf(problems);
    }

    /** An upload whose events are the client's items, one to one (the Amplitude HTTP API). */
    static Upload ofEvents(String apiKey, ArrayNode events, int minIdLength) {
        return new Upload(apiKey, events, minIdLength, events.size(), null, List.of(), UnaryOperator.identity());
    }

    /** A problem the mapper found in event {@code problem.index()}, restated for the item it came from. */
    EventProblem restate(EventProblem problem) {
        int item = itemIndex == null ? problem.index() : itemIndex[problem.index()];
        return new EventProblem(item, fieldName.apply(problem.field()), problem.kind(), problem.detail());
    }

    /** The item an event came from. */
    int itemOf(int eventIndex) {
        return itemIndex == null ? eventIndex : itemIndex[eventIndex];
    }
}
