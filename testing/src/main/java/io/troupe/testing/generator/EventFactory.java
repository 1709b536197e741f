package io.troupe.testing.generator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds the generated records: events with their properties and unique insert ids, identifies and group
 * changes.
 *
 * <p>Why one factory: every event gets the same common properties ({@code platform}, {@code is_trial},
 * sometimes {@code zip} and a nested {@code context}) and an insert id from one sequence, whoever creates
 * it; the property builder's scratch array is reused so an event costs one small array beyond the record.
 */
final class EventFactory {
    private static final String[] PLATFORMS = {"Web", "iOS", "Android"};
    /** A nested {@code context} object per platform. */
    private static final List<Map<String, Object>> CONTEXTS = List.of(
            OrderedProperties.of("app_version", "4.2.1", "browser", "Chrome",
                    "screen", OrderedProperties.of("width", 1440, "height", 900)),
            OrderedProperties.of("app_version", "4.1.0", "os_version", "17.4",
                    "screen", OrderedProperties.of("width", 390, "height", 844)),
            OrderedProperties.of("app_version", "4.0.3", "os_version", "14",
                    "screen", OrderedProperties.of("width", 412, "height", 915)));
    private static final List<List<String>> TAGS = List.of(List.of("finance", "q1"), List.of("weekly"),
            List.of("board", "kpi", "growth"), List.of());

    private final Rng rng;
    private final String groupType;
    private final String accountGroupType;
    private final String insertIdPrefix;
    private final OrderedProperties.Builder properties = new OrderedProperties.Builder();
    private long sequence;

    EventFactory(Rng rng, long seed, String groupType, String accountGroupType) {
        this.rng = rng;
        this.groupType = groupType;
        this.accountGroupType = accountGroupType;
        this.insertIdPrefix = Long.toHexString(seed) + "-";
    }

    /** An event by {@code actor} for {@code org}; {@code context} may be null outside workflows. */
    GeneratedEvent event(long time, String eventType, Actor actor, Org org, Map<String, List<String>> groups,
                         PropertyKind kind, WorkflowContext context) {
        Person person = actor.person();
        String platform = rng.chance(0.9) ? person.platform : rng.pick(PLATFORMS);
        properties.put("platform", platform);
        properties.put("is_trial", org.planAt(time) == Plan.TRIAL ? Boolean.TRUE : Boolean.FALSE);
        if (rng.chance(0.25)) {
            properties.put("zip", person.zip);
        }
        putKindProperties(kind, context);
        if (rng.chance(0.02)) {
            properties.put("context", CONTEXTS.get(platformIndex(platform)));
        }
        Map<String, Object> eventProperties = properties.build();
        Map<String, Object> userProperties = OrderedProperties.EMPTY;
        if (rng.chance(0.03)) {
            userProperties = properties.put("locale", person.locale).put("last_platform", platform).build();
        }
        String insertId = insertIdPrefix + Long.toString(sequence++, 36);
        return new GeneratedEvent(time, eventType, person.userId, person.deviceId, insertId, groups,
                eventProperties, userProperties);
    }

    /** The identify that assigns a member to their org (and account) as they join or move. */
    GeneratedIdentify joined(Membership membership, long time) {
        Org org = membership.org;
        Map<String, List<String>> groups =
                membership.accountIndex >= 0 ? org.orgAndAccountGroups.get(membership.accountIndex) : org.orgGroups;
        properties.put("role", membership.role.wireName()).put("locale", membership.person.locale);
        if (membership.role == Role.CONSULTANT) {
            properties.put("consultancy", org.name);
        }
        return new GeneratedIdentify(membership.person.userId, time, groups, properties.build());
    }

    /** The identify of someone outside every org: user properties only, no groups. */
    GeneratedIdentify outsider(Person person, Role role, long time) {
        return new GeneratedIdentify(person.userId, time, Map.of(),
                properties.put("role", role.wireName()).put("locale", person.locale).build());
    }

    /** The org's initial properties, set when it is created. */
    GeneratedGroupChange orgCreated(Org org) {
        properties.put("name", org.name)
                .put("plan", org.planAt(org.createdAt).wireName())
                .put("region", org.region.wireName())
                .put("industry", org.industry)
                .put("employee_count", org.employeeCount)
                .put("created_at", Instant.ofEpochMilli(org.createdAt).toString());
        return new GeneratedGroupChange(groupType, org.value, org.createdAt, properties.build());
    }

    /** An account's initial properties (second group type). */
    GeneratedGroupChange accountCreated(Org org, int account) {
        properties.put("name", org.name + " / account " + (account + 1))
                .put("parent_org", org.value)
                .put("tier", account == 0 ? "primary" : "secondary");
        return new GeneratedGroupChange(accountGroupType, org.accountValues[account], org.createdAt,
                properties.build());
    }

    /** A change of some of the org's properties. */
    GeneratedGroupChange orgChanged(Org org, long time, Map<String, Object> set) {
        return new GeneratedGroupChange(groupType, org.value, time, set);
    }

    OrderedProperties.Builder properties() {
        return properties;
    }

    private void putKindProperties(PropertyKind kind, WorkflowContext context) {
        switch (kind) {
            case REPORT -> properties.put("report_id", context.subjectId).put("tags", context.tags);
            case DASHBOARD -> properties.put("dashboard_id", context.subjectId).put("chart_count", context.chartCount);
            case INVOICE -> properties.put("invoice_id", context.subjectId).put("amount", context.amount)
                    .put("currency", context.currency);
            case PLAN_VIEW -> properties.put("current_plan", context.fromPlan.wireName());
            case PLAN_UPGRADE -> properties.put("from_plan", context.fromPlan.wireName())
                    .put("to_plan", context.toPlan.wireName()).put("amount", context.toPlan.monthlyPrice());
            case PROJECT -> properties.put("project_id", context.subjectId);
            case INTEGRATION -> properties.put("integration", context.integration);
            case TICKET -> properties.put("ticket_id", context.subjectId).put("priority", context.priority);
            case INVITE -> properties.put("invitee_role", context.inviteeRole);
            case SEARCH -> properties.put("result_count", rng.nextInt(200));
            case NONE -> { }
        }
    }

    /** Tags for a report, sometimes an empty array. */
    List<String> pickTags() {
        return TAGS.get(rng.nextInt(TAGS.size()));
    }

    private static int platformIndex(String platform) {
        for (int i = 0; i < PLATFORMS.length; i++) {
            if (PLATFORMS[i].equals(platform)) {
                return i;
            }
        }
        return 0;
    }
}
