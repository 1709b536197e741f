package io.troupe.testing.generator;

import static io.troupe.testing.generator.EventTypes.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Background activity: short sessions of everyday events (open the app, view a dashboard, search...) by one
 * member, seconds to minutes apart, with event types depending on the member's role.
 *
 * <p>Why: most real events are not funnel steps; they dilute the funnels, make the event-type dictionary
 * skewed, and give retention and "active orgs" queries something to count. Consultants' sessions for a
 * client carry the client as an event-level group; a consultant comparing clients sends several values.
 */
final class NoiseSessions {
    private static final double CONSULTANT_CHANCE = 0.05;
    private static final double SAME_MOMENT_CHANCE = 0.03;
    private static final int MAX_LENGTH = 8;

    /** An everyday event type and the properties it carries. */
    private record NoiseEvent(String eventType, PropertyKind kind) {
    }

    private static final NoiseEvent OPEN_APP_EVENT = new NoiseEvent(OPEN_APP, PropertyKind.NONE);
    private static final NoiseEvent VIEW_REPORT_EVENT = new NoiseEvent(VIEW_REPORT, PropertyKind.NONE);

    private final Rng rng;
    private final EventFactory factory;
    private final HourBuckets buckets;
    private final Map<Role, WeightedChoice<NoiseEvent>> byRole = new EnumMap<>(Role.class);

    NoiseSessions(Rng rng, EventFactory factory, HourBuckets buckets) {
        this.rng = rng;
        this.factory = factory;
        this.buckets = buckets;
        for (Role role : Role.values()) {
            byRole.put(role, table(role));
        }
    }

    /** A session by a member of the org (or a consultant for it) starting at {@code startTime}. */
    void session(Org org, long startTime) {
        Actor actor = null;
        if (!org.consultants.isEmpty() && rng.chance(CONSULTANT_CHANCE)) {
            actor = org.pickConsultant(rng, startTime);
        }
        if (actor == null) {
            actor = org.pickMember(rng, startTime, null);
        }
        if (actor == null) {
            return;
        }
        WeightedChoice<NoiseEvent> table = byRole.get(actor.role());
        int length = 1;
        while (length < MAX_LENGTH && rng.chance(0.6)) {
            length++;
        }
        long time = startTime;
        for (int i = 0; i < length; i++) {
            if (i > 0 && !rng.chance(SAME_MOMENT_CHANCE)) {
                time += (rng.chance(0.75) ? Delay.SECONDS : Delay.MINUTES).sample(rng);
            }
            if (!buckets.accepts(time) || !actor.activeAt(time)) {
                return;
            }
            NoiseEvent noise = i == 0 && rng.chance(0.5) ? OPEN_APP_EVENT : table.pick(rng);
            Map<String, List<String>> groups = actor.eventGroups();
            if (noise.eventType().equals(COMPARE_CLIENT_ACCOUNTS)) {
                if (actor.person().allClientGroups == null) {
                    noise = VIEW_REPORT_EVENT;
                } else {
                    groups = actor.person().allClientGroups;
                }
            }
            buckets.add(factory.event(time, noise.eventType(), actor, org, groups, noise.kind(), null));
        }
    }

    private static WeightedChoice<NoiseEvent> table(Role role) {
        WeightedChoice.Builder<NoiseEvent> table = WeightedChoice.builder();
        add(table, OPEN_APP, 10);
        add(table, VIEW_DASHBOARD, 18);
        add(table, VIEW_REPORT, 10);
        table.add(new NoiseEvent(SEARCH, PropertyKind.SEARCH), 8);
        add(table, VIEW_NOTIFICATIONS, 6);
        add(table, FILTER_CHART, 6);
        add(table, LOG_IN, 5);
        add(table, LOG_OUT, 3);
        add(table, DOWNLOAD_FILE, 3);
        if (role == Role.VIEWER) {
            return table.build();
        }
        add(table, CREATE_CUSTOMIZED_REPORT, 3);
        add(table, EXPORT_CSV, role == Role.CONSULTANT ? 5 : 3);
        add(table, UPLOAD_FILE, 3);
        add(table, EDIT_PROFILE, 1);
        add(table, WATCH_TUTORIAL, 1);
        add(table, UPDATE_SETTINGS, role == Role.ADMIN ? 3 : 1);
        switch (role) {
            case ADMIN -> {
                add(table, MANAGE_USERS, 3);
                add(table, VIEW_USAGE, 2);
            }
            case BILLING -> {
                add(table, UPDATE_BILLING_DETAILS, 4);
                add(table, VIEW_USAGE, 1);
            }
            case CONSULTANT -> add(table, COMPARE_CLIENT_ACCOUNTS, 2);
            default -> { }
        }
        return table.build();
    }

    private static void add(WeightedChoice.Builder<NoiseEvent> table, String eventType, double weight) {
        table.add(new NoiseEvent(eventType, PropertyKind.NONE), weight);
    }
}
