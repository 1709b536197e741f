package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowTest {
    private static final long DAY = 86_400_000L;

    @Test
    void reportsAreCreatedAndSharedByDifferentMembersOfOneOrg() {
        int byColleague = countStepPairsByDifferentMembers(EventTypes.CREATE_REPORT, EventTypes.SHARE_REPORT,
                "report_id");
        assertTrue(byColleague > 200, "reports shared by a colleague: " + byColleague);
        int projects = countStepPairsByDifferentMembers(EventTypes.CREATE_PROJECT, EventTypes.COMPLETE_TASK,
                "project_id");
        assertTrue(projects > 100, "projects finished by a colleague: " + projects);
    }

    @Test
    void invoicesSentByBillingArePaidByAnOutsiderNamingTheOrg() {
        SampleStream sample = SampleStream.get();
        Map<Object, Integer> sent = new HashMap<>();
        int paid = 0;
        for (int i = 0; i < sample.events.size(); i++) {
            GeneratedEvent event = sample.events.get(i);
            if (event.eventType().equals(EventTypes.SEND_INVOICE)) {
                sent.put(event.eventProperties().get("invoice_id"), i);
            } else if (event.eventType().equals(EventTypes.PAY_INVOICE)) {
                Integer sender = sent.get(event.eventProperties().get("invoice_id"));
                assertTrue(sender != null, "paid before sent: " + event);
                assertTrue(event.userId().startsWith("payer-"), "paid by " + event.userId());
                assertNull(sample.userOrg.get(i), "a payer belongs to no org");
                assertEquals(List.of(sample.effectiveOrg.get(sender)), event.groups().get("org_id"));
                assertEquals(sample.events.get(sender).eventProperties().get("amount"),
                        event.eventProperties().get("amount"));
                paid++;
            }
        }
        assertTrue(paid > 500, "paid invoices: " + paid);
    }

    @Test
    void stepsAreMinutesToDaysApart() {
        SampleStream sample = SampleStream.get();
        Map<Object, Long> created = new HashMap<>();
        int withinDay = 0;
        int withinWeek = 0;
        int later = 0;
        for (GeneratedEvent event : sample.events) {
            if (event.eventType().equals(EventTypes.CREATE_REPORT)) {
                created.put(event.eventProperties().get("report_id"), event.time());
            } else if (event.eventType().equals(EventTypes.SHARE_REPORT)) {
                long delay = event.time() - created.get(event.eventProperties().get("report_id"));
                if (delay < DAY) {
                    withinDay++;
                } else if (delay < 7 * DAY) {
                    withinWeek++;
                } else {
                    later++;
                }
            }
        }
        assertTrue(withinDay > 1000 && withinWeek > 300 && later > 10,
                withinDay + " within a day, " + withinWeek + " within a week, " + later + " later");
    }

    @Test
    void orgFunnelConvertsMoreInSevenDaysThanInOne() {
        int[] oneDay = orgFunnel(DAY, EventTypes.CREATE_REPORT, EventTypes.SHARE_REPORT, EventTypes.INVITE_USER);
        int[] sevenDays = orgFunnel(7 * DAY, EventTypes.CREATE_REPORT, EventTypes.SHARE_REPORT,
                EventTypes.INVITE_USER);
        assertEquals(oneDay[0], sevenDays[0]);
        assertTrue(sevenDays[1] > oneDay[1], Arrays.toString(oneDay) + " vs " + Arrays.toString(sevenDays));
        assertTrue(sevenDays[2] > oneDay[2], Arrays.toString(oneDay) + " vs " + Arrays.toString(sevenDays));
        assertTrue(sevenDays[2] < sevenDays[0], "some orgs must drop off: " + Arrays.toString(sevenDays));
    }

    @Test
    void planUpgradesComeWithTheirGroupChange() {
        SampleStream sample = SampleStream.get();
        Map<String, String> planByOrg = new HashMap<>();
        int upgrades = 0;
        for (GeneratedCommand command : sample.commands) {
            if (command instanceof GeneratedGroupChange change && change.set().containsKey("plan")) {
                planByOrg.put(change.groupValue() + "@" + change.time(), (String) change.set().get("plan"));
            }
        }
        for (int i = 0; i < sample.events.size(); i++) {
            GeneratedEvent event = sample.events.get(i);
            if (event.eventType().equals(EventTypes.UPGRADE_PLAN)) {
                String key = sample.effectiveOrg.get(i) + "@" + event.time();
                assertEquals(event.eventProperties().get("to_plan"), planByOrg.get(key), "no group change for " + event);
                upgrades++;
            }
        }
        assertTrue(upgrades > 20, "upgrades: " + upgrades);
    }

    /** Pairs (first step, later step of the same subject) done by two different users of the same org. */
    private static int countStepPairsByDifferentMembers(String first, String later, String subjectProperty) {
        SampleStream sample = SampleStream.get();
        Map<Object, Integer> firsts = new HashMap<>();
        int count = 0;
        for (int i = 0; i < sample.events.size(); i++) {
            GeneratedEvent event = sample.events.get(i);
            Object subject = event.eventProperties().get(subjectProperty);
            if (event.eventType().equals(first)) {
                firsts.put(subject, i);
            } else if (event.eventType().equals(later)) {
                int j = firsts.get(subject);
                assertEquals(sample.effectiveOrg.get(j), sample.effectiveOrg.get(i), "steps for different orgs");
                if (!sample.events.get(j).userId().equals(event.userId())) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A sequential org-level funnel (ClickHouse windowFunnel semantics): orgs reaching each step. */
    private static int[] orgFunnel(long window, String... steps) {
        SampleStream sample = SampleStream.get();
        Map<String, List<List<Long>>> times = new HashMap<>();
        for (int i = 0; i < sample.events.size(); i++) {
            int step = Arrays.asList(steps).indexOf(sample.events.get(i).eventType());
            if (step >= 0) {
                List<List<Long>> perStep = times.computeIfAbsent(sample.effectiveOrg.get(i), org -> {
                    List<List<Long>> lists = new ArrayList<>();
                    for (String ignored : steps) {
                        lists.add(new ArrayList<>());
                    }
                    return lists;
                });
                perStep.get(step).add(sample.events.get(i).time());
            }
        }
        int[] reached = new int[steps.length];
        for (List<List<Long>> perStep : times.values()) {
            int best = 0;
            for (long start : perStep.get(0)) {
                int level = 1;
                long at = start;
                for (int step = 1; step < steps.length; step++) {
                    Long next = firstAtOrAfter(perStep.get(step), at);
                    if (next == null || next - start > window) {
                        break;
                    }
                    at = next;
                    level++;
                }
                best = Math.max(best, level);
            }
            for (int step = 0; step < best; step++) {
                reached[step]++;
            }
        }
        return reached;
    }

    private static Long firstAtOrAfter(List<Long> sortedTimes, long time) {
        int low = 0;
        int high = sortedTimes.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sortedTimes.get(mid) < time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < sortedTimes.size() ? sortedTimes.get(low) : null;
    }
}
