package io.troupe.storage.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.TextNode;
import io.troupe.storage.ingest.Resolved;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupPropertyHistoryTest {
    private static Resolved.GroupChange set(String org, long time, String property, String value) {
        return new Resolved.GroupChange(0, org, time,
                List.of(new Resolved.PropertyValue(property, value == null ? null : TextNode.valueOf(value))));
    }

    @Test
    void theValueInForceAtATimeFollowsTheHistoryIncludingBackfillsAndUnsets() {
        GroupPropertyHistory history = new GroupPropertyHistory();
        history.apply(set("acme", 100, "plan", "free"), true);
        history.apply(set("acme", 300, "plan", "pro"), true);
        history.apply(set("acme", 200, "plan", "trial"), true); // arrives late, dated between
        history.apply(set("acme", 400, "plan", null), true); // unset
        assertNull(history.valueAt(0, "acme", "plan", 99));
        assertEquals("free", history.valueAt(0, "acme", "plan", 100).textValue());
        assertEquals("trial", history.valueAt(0, "acme", "plan", 250).textValue());
        assertEquals("pro", history.valueAt(0, "acme", "plan", 399).textValue());
        assertNull(history.valueAt(0, "acme", "plan", 400));
        assertNull(history.currentValue(0, "acme", "plan"));
        assertEquals(0, history.current(0, "acme").size());
        List<GroupPropertyHistory.Entry> entries = history.history(0, "acme");
        assertEquals(4, entries.size());
        assertEquals(200, entries.get(0).validTo());
        assertEquals(Long.MAX_VALUE, entries.get(3).validTo());
        List<String> visited = new java.util.ArrayList<>();
        history.apply(set("globex", 50, "plan", "free"), true);
        history.forEachGroup(0, (group, groupEntries) -> visited.add(group + ":" + groupEntries.size()));
        assertEquals(List.of("acme:4", "globex:1"), visited);
        assertEquals(5, history.drainPending().size());
        assertEquals(0, history.drainPending().size());
    }

    @Test
    void twoChangesAtTheSameTimeKeepArrivalOrder() {
        GroupPropertyHistory history = new GroupPropertyHistory();
        history.apply(set("acme", 100, "plan", "a"), false);
        history.apply(set("acme", 100, "plan", "b"), false);
        assertEquals("b", history.valueAt(0, "acme", "plan", 100).textValue());
        assertEquals("b", history.current(0, "acme").get("plan").textValue());
    }
}
