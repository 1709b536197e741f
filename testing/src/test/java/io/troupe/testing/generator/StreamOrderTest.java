package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamOrderTest {
    @Test
    void commandsAreOrderedByTimeInsideThePeriod() {
        SampleStream sample = SampleStream.get();
        long start = SampleStream.CONFIG.startMillis();
        long end = SampleStream.CONFIG.endMillis();
        long previous = Long.MIN_VALUE;
        for (GeneratedCommand command : sample.commands) {
            assertTrue(command.time() >= previous, "out of order at " + command);
            assertTrue(command.time() >= start && command.time() < end, "outside the period: " + command);
            previous = command.time();
        }
    }

    @Test
    void yieldsExactlyTheTargetNumberOfEvents() {
        assertEquals(SampleStream.CONFIG.targetEvents(), SampleStream.get().events.size());
        B2bGenerator.Config odd = SampleStream.CONFIG.toBuilder().targetEvents(12_345).days(3).orgs(40).build();
        assertEquals(12_345, new B2bGenerator(odd).events().count());
    }

    @Test
    void everyEventUserIsIdentifiedBeforeTheirFirstEvent() {
        Set<String> identified = new HashSet<>();
        for (GeneratedCommand command : SampleStream.get().commands) {
            if (command instanceof GeneratedIdentify identify) {
                identified.add(identify.userId());
            } else if (command instanceof GeneratedEvent event) {
                assertTrue(identified.contains(event.userId()), "not identified yet: " + event);
            }
        }
    }

    @Test
    void everyEventResolvesToAnOrg() {
        SampleStream sample = SampleStream.get();
        for (int i = 0; i < sample.events.size(); i++) {
            assertTrue(sample.effectiveOrg.get(i) != null, "no org for " + sample.events.get(i));
        }
    }

    @Test
    void someEventsShareATimestampButFew() {
        List<GeneratedEvent> events = SampleStream.get().events;
        long ties = 0;
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).time() == events.get(i - 1).time()) {
                ties++;
            }
        }
        double share = (double) ties / events.size();
        assertTrue(share > 0.001 && share < 0.05, "share of events tied with the previous one: " + share);
    }

    @Test
    void insertIdsAreUniqueWithoutDuplicates() {
        Set<String> ids = new HashSet<>();
        for (GeneratedEvent event : SampleStream.get().events) {
            assertTrue(ids.add(event.insertId()), "repeated insert id " + event.insertId());
        }
    }

    @Test
    void tinyConfigsWork() {
        B2bGenerator.Config tiny = B2bGenerator.Config.builder().orgs(1).days(1).targetEvents(50).build();
        assertEquals(50, new B2bGenerator(tiny).events().count());
        B2bGenerator.Config none = tiny.toBuilder().targetEvents(0).build();
        assertEquals(0, new B2bGenerator(none).events().count());
    }
}
