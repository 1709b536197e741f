package io.troupe.testing.generator;

/**
 * A plan upgrade decided when the population is built.
 *
 * <p>Why planned: see {@link Org}; the lifecycle plays it as a short workflow (View Pricing, Request Upgrade,
 * then Upgrade Plan by an admin together with the {@code plan} group change at {@code upgradedAt}).
 *
 * @param org        the org
 * @param upgradedAt when the new plan takes effect
 * @param from       the plan before
 * @param to         the plan after
 */
record PlannedUpgrade(Org org, long upgradedAt, Plan from, Plan to) {
}
