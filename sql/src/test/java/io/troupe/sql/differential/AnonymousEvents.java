package io.troupe.sql.differential;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.storage.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded events the B2B generator never sends, so that NULLs and edge values reach the corpus: no user id
 * (device only), guests never assigned to an org (NULL {@code org_id}), anonymous events naming an org as an
 * event-level group, negative and integer amounts, negative chart counts (integer division of negatives),
 * times exactly on hour and day boundaries, and ties in time. A batch may also use an event type and an org of
 * its own, so that one part of the store (the tail) holds values another part (the segments) never saw.
 */
final class AnonymousEvents {
    private static final List<String> TYPES = List.of("Visit Landing Page", "Open App", "View Pricing", "Search");
    private static final List<String> PLATFORMS = List.of("Web", "iOS", "Android");

    private AnonymousEvents() {
    }

    /**
     * {@code n} events in {@code [start, end)}; insert ids {@code anon-<seed>-<i>}. About one in ten uses
     * {@code ownType} as its event type and one in ten of those naming an org names {@code ownOrg}, when not null.
     */
    static List<Event> generate(long seed, int n, long start, long end, List<String> orgIds, String ownType, String ownOrg) {
        Random r = new Random(seed);
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<Event> events = new ArrayList<>(n);
        long previous = start;
        for (int i = 0; i < n; i++) {
            long time;
            int shape = r.nextInt(20);
            if (shape == 0 && i > 0) {
                time = previous;                                            // a tie with the previous event
            } else if (shape <= 2) {
                time = start + r.nextInt((int) ((end - start) / 3_600_000L)) * 3_600_000L;   // on an hour
            } else if (shape == 3) {
                time = start + r.nextInt((int) ((end - start) / 86_400_000L)) * 86_400_000L; // on a day
            } else {
                time = start + (long) (r.nextDouble() * (end - start));
            }
            previous = time;
            String userId = null;
            String deviceId;
            Map<String, List<String>> groups = Map.of();
            int who = r.nextInt(10);
            if (who < 5) {
                deviceId = "anon-dev-" + r.nextInt(150);
            } else if (who < 8) {
                int guest = r.nextInt(60);
                userId = "guest-" + guest;
                deviceId = "guest-dev-" + guest;
            } else {
                deviceId = "anon-dev-" + r.nextInt(150);
                String org = ownOrg != null && r.nextInt(10) == 0 ? ownOrg : orgIds.get(r.nextInt(orgIds.size()));
                groups = Map.of("org_id", List.of(org));
            }
            ObjectNode props = json.objectNode();
            if (r.nextInt(10) < 7) {
                props.put("platform", PLATFORMS.get(r.nextInt(PLATFORMS.size())));
            }
            if (r.nextInt(5) == 0) {
                if (r.nextBoolean()) {
                    props.put("amount", -(r.nextInt(100_000) / 100.0));
                } else {
                    props.put("amount", r.nextInt(2_000) - 500);
                }
            }
            if (r.nextInt(5) == 0) {
                props.put("chart_count", r.nextInt(15) - 7);
            }
            if (r.nextInt(10) == 0) {
                props.put("currency", r.nextBoolean() ? "USD" : "EUR");
            }
            ObjectNode userProps = null;
            if (r.nextInt(10) == 0) {
                userProps = json.objectNode().put("locale", r.nextBoolean() ? "fr-FR" : "en-GB");
            }
            String type = ownType != null && r.nextInt(10) == 0 ? ownType : TYPES.get(r.nextInt(TYPES.size()));
            events.add(new Event(time, type, userId, deviceId, "anon-" + seed + "-" + i,
                    groups, props, userProps));
        }
        return events;
    }
}
