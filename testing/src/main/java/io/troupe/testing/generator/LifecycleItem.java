package io.troupe.testing.generator;

/**
 * Something planned when the population is built that happens at a known time: an org is created, a member
 * is invited or joins, a user moves, a trial ends, an org upgrades its plan, an org's firmographics change,
 * a payer is identified.
 *
 * <p>Why planned up front: these are few (about one per user), they decide when each member may act, and
 * turning them into commands only when the stream reaches their hour keeps the commands out of memory.
 *
 * @param time    when it happens (for an invitation: when it is sent; for an upgrade: when pricing is viewed)
 * @param kind    what happens; at equal times kinds are applied in declaration order
 * @param subject the {@link Org}, {@link Membership}, {@link Person} or {@link PlannedUpgrade} concerned
 */
record LifecycleItem(long time, Kind kind, Object subject) {

    /** What happens; the declaration order breaks ties (an org exists before its members join). */
    enum Kind {
        ORG_CREATED,
        PAYER_IDENTIFIED,
        MEMBER_JOINED,
        MEMBER_INVITED,
        MEMBER_MOVED,
        TRIAL_ENDED,
        PLAN_UPGRADED,
        ORG_PROFILE_CHANGED
    }
}
