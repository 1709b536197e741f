package io.troupe.testing.generator;

/**
 * Who does a workflow step.
 *
 * <p>Why rules rather than fixed people: the point of the workflows is that steps are done by different
 * members of the same org (or by an outside payer), chosen among those active at the step's own time.
 */
enum ActorRule {
    /** An admin of the org (any active member if none is). */
    ADMIN,
    /** A billing member (an admin, then anyone, if none is). */
    BILLING,
    /** A member who creates things: not a viewer when possible; sometimes a consultant for the org. */
    CONTRIBUTOR,
    /** Any active member; sometimes a consultant for the org. */
    ANYONE,
    /** An active member who has not acted in this workflow yet, when the org has one. */
    OTHER_MEMBER,
    /** Whoever did the previous step. */
    SAME_AS_PREVIOUS,
    /** Whoever did the first step. */
    SAME_AS_FIRST,
    /** One of the org's outside payers. */
    PAYER
}
