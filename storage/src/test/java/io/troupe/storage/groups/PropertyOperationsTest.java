package io.troupe.storage.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Json;
import org.junit.jupiter.api.Test;

class PropertyOperationsTest {
    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    @Test
    void eachOperationDoesWhatAmplitudeDoes() throws Exception {
        ObjectNode current = json("{\"plan\":\"free\",\"seats\":3,\"tags\":[\"a\"],\"old\":1,\"scalar\":\"x\"}");
        PropertyOperations.Result r = PropertyOperations.apply(current, json("""
                {"$set":{"plan":"pro"},"$setOnce":{"plan":"ignored","region":"EU"},"$add":{"seats":2,"new":1.5},
                 "$append":{"tags":["b","c"],"scalar":"y","fresh":1},"$prepend":{"tags":"z"},
                 "$unset":{"old":"-","never":"-"},"$remove":{"tags":"a"}}"""));
        assertEquals(json("""
                {"plan":"pro","seats":5,"tags":["z","b","c"],"scalar":["x","y"],"region":"EU","new":1.5,"fresh":[1]}"""),
                r.after());
        assertEquals(1, current.get("old").intValue(), "the input is not modified");
        assertNull(r.changes().stream().filter(c -> c.name().equals("old")).findFirst().orElseThrow().value());
        assertEquals(0, r.changes().stream().filter(c -> c.name().equals("never")).count(), "unsetting nothing changes nothing");
    }

    @Test
    void aPlainObjectMeansSetAndClearAllRemovesEverything() throws Exception {
        assertEquals(json("{\"a\":1}"), PropertyOperations.apply(null, json("{\"a\":1}")).after());
        PropertyOperations.Result r = PropertyOperations.apply(json("{\"a\":1,\"b\":2}"), json("{\"$clearAll\":\"-\"}"));
        assertEquals(json("{}"), r.after());
        assertEquals(2, r.changes().size());
    }

    @Test
    void badOperationsAreClearErrors() throws Exception {
        for (String ops : new String[] {"{\"$add\":{\"a\":\"x\"}}", "{\"$bogus\":{\"a\":1}}", "{\"$set\":5}"}) {
            TroupeException e = assertThrows(TroupeException.class, () -> PropertyOperations.apply(null, json(ops)));
            assertEquals(ErrorCode.INVALID_PROPERTY_OPERATION, e.errorCode(), ops);
        }
        assertThrows(TroupeException.class, () -> PropertyOperations.apply(json("{\"a\":\"text\"}"), json("{\"$add\":{\"a\":1}}")));
        // Found by the HTTP ingest fuzz test: an overflowing $add was an ArithmeticException (HTTP 500).
        TroupeException overflow = assertThrows(TroupeException.class, () -> PropertyOperations.apply(
                json("{\"seats\":9}"), json("{\"$add\":{\"seats\":9223372036854775807}}")));
        assertEquals(ErrorCode.INVALID_PROPERTY_OPERATION, overflow.errorCode());
    }
}
