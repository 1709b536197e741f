package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsultantTest {
    @Test
    void consultantEventsForClientsNameAClientOtherThanTheirHomeOrg() {
        SampleStream sample = SampleStream.get();
        int forClients = 0;
        int atHome = 0;
        for (GeneratedEvent event : sample.events) {
            if (!"consultant".equals(sample.roleByUser.get(event.userId()))) {
                continue;
            }
            List<String> eventOrgs = event.groups().get("org_id");
            if (eventOrgs == null) {
                atHome++;
                continue;
            }
            for (String client : eventOrgs) {
                assertNotEquals(sample.homeOrgByUser.get(event.userId()), client, "client is home: " + event);
            }
            forClients++;
        }
        assertTrue(forClients > 300, "consultant events for clients: " + forClients);
        assertTrue(atHome > 100, "consultant events at home: " + atHome);
    }

    @Test
    void eventLevelGroupsAreTheExceptionNotTheRule() {
        SampleStream sample = SampleStream.get();
        long withGroups = sample.events.stream().filter(event -> !event.groups().isEmpty()).count();
        double share = (double) withGroups / sample.events.size();
        assertTrue(share > 0.01 && share < 0.2, "share of events with event-level groups: " + share);
    }

    @Test
    void consultantsComparingClientsSendSeveralValues() {
        SampleStream sample = SampleStream.get();
        long multiValued = sample.events.stream()
                .filter(event -> event.groups().getOrDefault("org_id", List.of()).size() >= 2)
                .peek(event -> assertTrue(event.eventType().equals(EventTypes.COMPARE_CLIENT_ACCOUNTS)))
                .peek(event -> assertTrue("consultant".equals(sample.roleByUser.get(event.userId()))))
                .count();
        assertTrue(multiValued > 10, "multi-valued events: " + multiValued);
    }
}
