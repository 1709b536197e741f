package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PropertiesTest {
    @Test
    void eventTypesAreTheDeclaredOnes() {
        Set<String> seen = new HashSet<>();
        SampleStream.get().events.forEach(event -> seen.add(event.eventType()));
        assertTrue(EventTypes.ALL.containsAll(seen), "undeclared: " + seen);
        assertEquals(Set.copyOf(EventTypes.ALL), seen, "every declared type should occur");
        assertTrue(EventTypes.ALL.size() >= 20 && EventTypes.ALL.size() <= 50);
    }

    @Test
    void propertiesHaveTheAdvertisedTypes() {
        int leadingZeroZips = 0;
        int nested = 0;
        int emptyArrays = 0;
        int withUserProperties = 0;
        Map<Boolean, Integer> trial = new HashMap<>();
        List<GeneratedEvent> events = SampleStream.get().events;
        for (GeneratedEvent event : events) {
            Map<String, Object> properties = event.eventProperties();
            assertInstanceOf(String.class, properties.get("platform"));
            trial.merge((Boolean) properties.get("is_trial"), 1, Integer::sum);
            Object zip = properties.get("zip");
            if (zip != null) {
                assertInstanceOf(String.class, zip);
                leadingZeroZips += ((String) zip).startsWith("0") ? 1 : 0;
            }
            if (properties.get("context") instanceof Map<?, ?> context) {
                assertInstanceOf(Map.class, context.get("screen"));
                nested++;
            }
            if (properties.get("tags") instanceof List<?> tags && tags.isEmpty()) {
                emptyArrays++;
            }
            switch (event.eventType()) {
                case EventTypes.SEND_INVOICE, EventTypes.PAY_INVOICE ->
                        assertInstanceOf(Double.class, properties.get("amount"));
                case EventTypes.UPGRADE_PLAN -> assertInstanceOf(Long.class, properties.get("amount"));
                case EventTypes.CREATE_REPORT -> assertInstanceOf(List.class, properties.get("tags"));
                case EventTypes.CREATE_DASHBOARD -> assertInstanceOf(Integer.class, properties.get("chart_count"));
                default -> { }
            }
            withUserProperties += event.userProperties().isEmpty() ? 0 : 1;
        }
        assertTrue(leadingZeroZips > 100, "zips with a leading zero: " + leadingZeroZips);
        assertTrue(nested > 100 && emptyArrays > 100, nested + " nested, " + emptyArrays + " empty arrays");
        assertTrue(trial.getOrDefault(true, 0) > 100 && trial.getOrDefault(false, 0) > 100, trial.toString());
        double userShare = (double) withUserProperties / events.size();
        assertTrue(userShare > 0.01 && userShare < 0.06, "share with user properties " + userShare);
    }

    @Test
    void isTrialFollowsTheOrgPlanAtTheEventTime() {
        SampleStream sample = SampleStream.get();
        Map<String, String> plan = new HashMap<>();
        int checked = 0;
        int e = 0;
        for (GeneratedCommand command : sample.commands) {
            if (command instanceof GeneratedGroupChange change && change.set().get("plan") instanceof String p) {
                plan.put(change.groupValue(), p);
            } else if (command instanceof GeneratedEvent event) {
                int i = e++;
                if (event.groups().getOrDefault("org_id", List.of()).size() > 1) {
                    continue;
                }
                boolean expected = "trial".equals(plan.get(sample.effectiveOrg.get(i)));
                assertEquals(expected, event.eventProperties().get("is_trial"), "at " + event);
                checked++;
            }
        }
        assertTrue(checked > 190_000);
    }

    @Test
    void orgsGetInitialPropertiesBeforeTheirMembersJoinAndSomeChangesLater() {
        Set<String> created = new HashSet<>();
        int laterChanges = 0;
        int trialsEnded = 0;
        for (GeneratedCommand command : SampleStream.get().commands) {
            if (command instanceof GeneratedGroupChange change) {
                if (created.add(change.groupValue())) {
                    assertEquals(Set.of("name", "plan", "region", "industry", "employee_count", "created_at"),
                            change.set().keySet());
                    assertInstanceOf(Long.class, change.set().get("employee_count"));
                } else {
                    laterChanges++;
                    trialsEnded += Boolean.TRUE.equals(change.set().get("trial_ended")) ? 1 : 0;
                }
            } else if (command instanceof GeneratedIdentify identify && !identify.groups().isEmpty()) {
                assertTrue(created.contains(identify.groups().get("org_id").get(0)), "org not created: " + identify);
            }
        }
        assertEquals(SampleStream.CONFIG.orgs(), created.size());
        assertTrue(laterChanges > 100 && trialsEnded > 5, laterChanges + " changes, " + trialsEnded + " trials ended");
    }
}
