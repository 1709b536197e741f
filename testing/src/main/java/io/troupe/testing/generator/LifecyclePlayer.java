package io.troupe.testing.generator;

import java.util.List;

/**
 * Turns the population's planned lifecycle into commands as the stream reaches each item's hour: org
 * creation (initial group properties), identifies of joining and moving members, invitations, trial ends,
 * plan upgrades and firmographic changes.
 *
 * <p>Why: membership must be established by an identify before the member's first event, and an
 * invitation precedes the join it leads to; playing the plan in time order guarantees both.
 */
final class LifecyclePlayer {
    private static final String[] INDUSTRIES = {"Software", "Healthcare", "Retail", "Finance", "Education"};

    private final Rng rng;
    private final EventFactory factory;
    private final HourBuckets buckets;
    private final List<LifecycleItem> items;
    private int next;

    LifecyclePlayer(Rng rng, EventFactory factory, HourBuckets buckets, List<LifecycleItem> items) {
        this.rng = rng;
        this.factory = factory;
        this.buckets = buckets;
        this.items = items;
    }

    /** Plays every item before {@code endTime} not played yet. */
    void playUntil(long endTime) {
        while (next < items.size() && items.get(next).time() < endTime) {
            play(items.get(next++));
        }
    }

    private void play(LifecycleItem item) {
        long time = item.time();
        switch (item.kind()) {
            case ORG_CREATED -> {
                Org org = (Org) item.subject();
                buckets.add(factory.orgCreated(org));
                for (int account = 0; account < org.accountValues.length; account++) {
                    buckets.add(factory.accountCreated(org, account));
                }
            }
            case PAYER_IDENTIFIED -> buckets.add(factory.outsider((Person) item.subject(), Role.EXTERNAL_PAYER, time));
            case MEMBER_JOINED, MEMBER_MOVED -> {
                Membership member = (Membership) item.subject();
                buckets.add(factory.joined(member, member.from));
            }
            case MEMBER_INVITED -> invite((Membership) item.subject(), time);
            case TRIAL_ENDED -> buckets.add(factory.orgChanged((Org) item.subject(), time,
                    factory.properties().put("plan", Plan.FREE.wireName()).put("trial_ended", Boolean.TRUE).build()));
            case PLAN_UPGRADED -> upgrade((PlannedUpgrade) item.subject(), time);
            case ORG_PROFILE_CHANGED -> changeProfile((Org) item.subject(), time);
        }
    }

    /** An admin sends Invite User; at join time the invitee is identified and sends Accept Invite. */
    private void invite(Membership invitee, long invitedAt) {
        Org org = invitee.org;
        WorkflowContext context = new WorkflowContext();
        context.inviteeRole = invitee.role.wireName();
        Membership admin = org.pickMember(rng, invitedAt, Role.ADMIN);
        if (admin != null && admin.person != invitee.person) {
            buckets.add(factory.event(invitedAt, EventTypes.INVITE_USER, admin, org, admin.eventGroups(),
                    PropertyKind.INVITE, context));
        }
        buckets.add(factory.joined(invitee, invitee.from));
        long acceptedAt = invitee.from + Delay.SECONDS.sample(rng);
        if (invitee.activeAt(acceptedAt) && buckets.accepts(acceptedAt)) {
            buckets.add(factory.event(acceptedAt, EventTypes.ACCEPT_INVITE, invitee, org, invitee.eventGroups(),
                    PropertyKind.INVITE, context));
        }
    }

    /**
     * A member views pricing (and often requests the upgrade); at the planned time the plan changes and an
     * admin sends Upgrade Plan. The group change is emitted even when nobody can send the events.
     */
    private void upgrade(PlannedUpgrade upgrade, long pricingAt) {
        Org org = upgrade.org();
        WorkflowContext context = new WorkflowContext();
        context.fromPlan = upgrade.from();
        context.toPlan = upgrade.to();
        Membership viewer = org.pickMember(rng, pricingAt, Role.MEMBER);
        if (viewer != null) {
            buckets.add(factory.event(pricingAt, EventTypes.VIEW_PRICING, viewer, org, viewer.eventGroups(),
                    PropertyKind.PLAN_VIEW, context));
            long requestedAt = pricingAt + Delay.MINUTES.sample(rng);
            if (rng.chance(0.6) && requestedAt < upgrade.upgradedAt() && viewer.activeAt(requestedAt)) {
                buckets.add(factory.event(requestedAt, EventTypes.REQUEST_UPGRADE, viewer, org,
                        viewer.eventGroups(), PropertyKind.PLAN_VIEW, context));
            }
        }
        long upgradedAt = upgrade.upgradedAt();
        buckets.add(factory.orgChanged(org, upgradedAt, factory.properties()
                .put("plan", upgrade.to().wireName()).put("seats", (long) org.members.size()).build()));
        Membership admin = org.pickMember(rng, upgradedAt, Role.ADMIN);
        if (admin != null) {
            buckets.add(factory.event(upgradedAt, EventTypes.UPGRADE_PLAN, admin, org, admin.eventGroups(),
                    PropertyKind.PLAN_UPGRADE, context));
        }
    }

    private void changeProfile(Org org, long time) {
        double u = rng.nextDouble();
        OrderedProperties.Builder set = factory.properties();
        if (u < 0.6 || org.consultancy) {
            org.employeeCount += Math.max(1, (long) (org.employeeCount * (0.05 + rng.nextDouble() * 0.25)));
            set.put("employee_count", org.employeeCount);
        } else if (u < 0.85) {
            set.put("industry", rng.pick(INDUSTRIES));
        } else {
            Region[] regions = Region.values();
            set.put("region", regions[rng.nextInt(regions.length)].wireName());
        }
        buckets.add(factory.orgChanged(org, time, set.build()));
    }
}
