package io.troupe.storage;

import static io.troupe.storage.StoreTestSupport.config;
import static io.troupe.storage.StoreTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.Identify;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.testing.generator.B2bGenerator;
import io.troupe.testing.generator.GeneratedCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store against a model on generated B2B data: a plain map replays the same identifies and events in
 * order (user-level org until overwritten, an event-level org wins, duplicates by insert id dropped), and
 * the stored events must be exactly the model's, in the tail, after flush and after a restart.
 */
class GeneratedDataTest {
    @TempDir
    Path dir;

    @Test
    void storedEventsMatchAModelOfGroupResolution() {
        long seed = 20261129L;
        System.out.println("GeneratedDataTest seed " + seed);
        B2bGenerator generator = new B2bGenerator(B2bGenerator.Config.builder().seed(seed).targetEvents(60_000)
                .days(10).duplicateRate(0.01).build());
        AmplitudeEvents mapper = AmplitudeEvents.forGroupTypes(Set.of("org_id"));
        List<Command> commands = new ArrayList<>();
        for (GeneratedCommand generated : generator) {
            commands.add(mapper.toCommand(generated.toAmplitudeJson(), commands.size(), 0));
        }

        Map<String, String> userOrg = new HashMap<>();
        Set<String> insertIds = new HashSet<>();
        List<String> expected = new ArrayList<>();
        int consultantEvents = 0;
        for (Command c : commands) {
            if (c instanceof Identify i && i.groups().containsKey("org_id")) {
                userOrg.put(i.userId(), i.groups().get("org_id").get(0));
            } else if (c instanceof Event e && (e.insertId() == null || insertIds.add(e.insertId()))) {
                List<String> own = e.groups().get("org_id");
                String org = own != null && !own.isEmpty() ? own.get(0) : userOrg.getOrDefault(e.userId(), "-");
                if (own != null && !own.isEmpty() && !own.get(0).equals(userOrg.get(e.userId()))) {
                    consultantEvents++;
                }
                expected.add(e.time() + " " + e.eventType() + " " + (e.userId() == null ? "-" : e.userId()) + " org_id=" + org);
            }
        }
        expected.sort(null);
        assertTrue(consultantEvents > 0, "the data has event-level groups that differ from the user's own org");

        try (EventStore store = EventStore.open(config(dir))) {
            for (int from = 0; from < commands.size(); from += 1000) {
                store.ingest(commands.subList(from, Math.min(commands.size(), from + 1000)));
            }
            assertEquals(expected, rows(store, "org_id"), "in the tail");
            store.flush();
            assertEquals(expected, rows(store, "org_id"), "after flush");
        }
        try (EventStore store = EventStore.open(config(dir))) {
            assertEquals(expected, rows(store, "org_id"), "after restart");
        }
    }
}
