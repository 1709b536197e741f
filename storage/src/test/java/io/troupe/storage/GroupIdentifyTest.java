package io.troupe.storage;

import static io.troupe.storage.StoreTestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Identify;
import io.troupe.storage.event.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupIdentifyTest {
    @TempDir
    Path dir;

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    @Test
    void groupPropertyHistorySurvivesFlushRestartAndWalReplay() throws Exception {
        try (EventStore store = EventStore.open(config(dir))) {
            store.ingest(List.of(new GroupIdentify("org_id", "acme", 100, json("{\"plan\":\"free\",\"seats\":1}"))));
            store.flush();
            store.ingest(List.of(new GroupIdentify("org_id", "acme", 200, json("{\"$set\":{\"plan\":\"pro\"},\"$add\":{\"seats\":4}}"))));
        }
        EventStore crashed = EventStore.open(config(dir));
        crashed.ingest(List.of(new GroupIdentify("org_id", "acme", 300, json("{\"$add\":{\"seats\":10}}"))));
        crashed.abandon(); // the last change is only in the WAL
        try (EventStore store = EventStore.open(config(dir))) {
            int org = store.catalog().state().groupType("org_id").id();
            assertEquals("free", store.groupHistory().valueAt(org, "acme", "plan", 150).textValue());
            assertEquals("pro", store.groupHistory().valueAt(org, "acme", "plan", 250).textValue());
            assertEquals(5, store.groupHistory().valueAt(org, "acme", "seats", 250).intValue());
            assertEquals(15, store.groupHistory().currentValue(org, "acme", "seats").intValue(), "replayed once, not twice");
            assertEquals(List.of("plan", "seats"), store.catalog().state().groupPropertyNames());
        }
    }

    @Test
    void userPropertiesAndGroupsAreKeptPerUser() throws Exception {
        try (EventStore store = EventStore.open(config(dir))) {
            store.ingest(List.of(new Identify("u1", 1, Map.of("org_id", List.of("acme")), json("{\"$set\":{\"role\":\"admin\"},\"$add\":{\"logins\":1}}"))));
            store.ingest(List.of(new Identify("u1", 2, Map.of(), json("{\"$add\":{\"logins\":1}}"))));
        }
        try (EventStore store = EventStore.open(config(dir))) {
            var user = store.users().get("u1");
            assertEquals(List.of("acme"), user.groups().get(store.catalog().state().groupType("org_id").id()));
            assertEquals(json("{\"role\":\"admin\",\"logins\":2}"), user.properties());
            assertNull(store.users().get("nobody"));
        }
    }

    @Test
    void theGroupPropertyNameLimitRefusesTheWholeBatch() throws Exception {
        try (EventStore store = EventStore.open(config(dir).withLimits(5, 2))) {
            store.ingest(List.of(new GroupIdentify("org_id", "a", 1, json("{\"p1\":1,\"p2\":2}"))));
            TroupeException e = assertThrows(TroupeException.class, () -> store.ingest(List.of(
                    new GroupIdentify("org_id", "b", 2, json("{\"p1\":5}")),
                    new GroupIdentify("org_id", "c", 2, json("{\"p3\":3}")))));
            assertEquals(ErrorCode.TOO_MANY_GROUP_PROPERTIES, e.errorCode());
            int org = store.catalog().state().groupType("org_id").id();
            assertNull(store.groupHistory().currentValue(org, "b", "p1"), "nothing of the refused batch is applied");
        }
    }
}
