package io.troupe.storage.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Identify;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesEventLoaderTest {
    private static final long NOW = 1_767_607_200_000L;

    @TempDir
    Path dir;

    private final AmplitudeEvents events = AmplitudeEvents.forGroupTypes(Set.of("org_id"));

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("events.jsonl"), content);
    }

    private TroupeException malformedAt(Path file, long line, RecordingSink sink) {
        TroupeException e = assertThrows(TroupeException.class,
                () -> new JsonLinesEventLoader(events, 2).load(file, sink, NOW));
        assertEquals(ErrorCode.MALFORMED_FILE, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Malformed file " + file + ", line " + line + ": "), e.getMessage());
        assertTrue(sink.batches.isEmpty(), "nothing may be stored when a line is bad");
        return e;
    }

    @Test
    void loadsEventsIdentifiesAndGroupIdentifiesInBatches() throws IOException {
        Path file = write("""
                {"event_type": "Create Report", "user_id": "alice", "time": 1767607200001, "groups": {"org_id": 42}}

                {"event_type": "$identify", "user_id": "alice", "user_properties": {"$set": {"org_id": "43"}}}
                {"event_type": "$groupidentify", "groups": {"org_id": "43"}, "group_properties": {"plan": "pro"}}
                   \t
                {"event_type": "Share Report", "device_id": "dev-12345", "insert_id": "x-1"}
                {"event_type": "Share Report", "device_id": "dev-12345", "insert_id": "x-1"}
                """);
        RecordingSink sink = new RecordingSink();
        LoadResult result = new JsonLinesEventLoader(events, 2).load(file, sink, NOW);
        assertEquals(List.of(2, 2, 1), sink.batchSizes());
        assertEquals(5, result.commands());
        assertEquals(2, result.eventsStored());
        assertEquals(1, result.duplicates());
        assertEquals(1, result.identifiesApplied());
        assertEquals(1, result.groupIdentifiesApplied());

        Event first = (Event) sink.commands().get(0);
        assertEquals(1_767_607_200_001L, first.time());
        assertEquals(Map.of("org_id", List.of("42")), first.groups());
        Identify identify = assertInstanceOf(Identify.class, sink.commands().get(1));
        assertEquals(Map.of("org_id", List.of("43")), identify.groups());
        assertEquals(NOW, identify.time());
        GroupIdentify group = assertInstanceOf(GroupIdentify.class, sink.commands().get(2));
        assertEquals("43", group.groupValue());
        assertEquals(NOW, ((Event) sink.commands().get(3)).time());
    }

    @Test
    void anInvalidEventNamesItsLineAndStoresNothing() throws IOException {
        Path file = write("""
                {"event_type": "a", "user_id": "alice"}
                {"event_type": "b", "user_id": "alice"}

                {"event_type": "c", "user_id": "alice", "time": "tomorrow"}
                """);
        TroupeException e = malformedAt(file, 4, new RecordingSink());
        assertTrue(e.getMessage().endsWith("invalid event time \"tomorrow\" in field 'time':"
                + " send milliseconds since 1970-01-01 UTC"), e.getMessage());
    }

    @Test
    void missingFieldsAndShortIdsNameTheirLine() throws IOException {
        TroupeException missing = malformedAt(write("{\"user_id\": \"alice\"}\n"), 1, new RecordingSink());
        assertTrue(missing.getMessage().endsWith("missing required field 'event_type'"), missing.getMessage());
        TroupeException shortId = malformedAt(write("{\"event_type\": \"a\", \"user_id\": \"al\"}\n"), 1,
                new RecordingSink());
        assertTrue(shortId.getMessage().contains("field 'user_id': 'al' has 2 characters"), shortId.getMessage());
    }

    @Test
    void invalidJsonNamesItsLine() throws IOException {
        Path file = write("{\"event_type\": \"a\", \"user_id\": \"alice\"}\n{\"event_type\": \"b\", \n");
        TroupeException e = malformedAt(file, 2, new RecordingSink());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        malformedAt(write("{\"event_type\": \"a\", \"user_id\": \"alice\"} {\"event_type\": \"b\"}\n"), 1,
                new RecordingSink());
        TroupeException array = malformedAt(write("[{\"event_type\": \"a\", \"user_id\": \"alice\"}]\n"), 1,
                new RecordingSink());
        assertTrue(array.getMessage().endsWith("the event: must be a JSON object, got an array"), array.getMessage());
    }

    @Test
    void minIdLengthComesFromTheMapper() throws IOException {
        Path file = write("{\"event_type\": \"a\", \"user_id\": \"al\"}\n");
        RecordingSink sink = new RecordingSink();
        new JsonLinesEventLoader(events.withMinIdLength(1), 10).load(file, sink, NOW);
        assertEquals("al", sink.events().get(0).userId());
    }
}
