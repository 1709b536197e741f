package io.troupe.testing.generator;

/**
 * One step of a {@link Workflow}.
 *
 * <p>Why these fields: a step happens with some probability once the previous one did (funnels need
 * drop-off), after a delay drawn from a mix of scales (funnels need both fast and slow conversions), by an
 * actor chosen by rule (funnels by org need steps by different people).
 *
 * @param eventType   the event sent
 * @param actor       who does it
 * @param delay       the delay after the previous step (ignored for the first step)
 * @param probability the chance the step happens once the previous step did
 * @param kind        which kind-specific properties the event carries
 */
record WorkflowStep(String eventType, ActorRule actor, WeightedChoice<Delay> delay, double probability,
                    PropertyKind kind) {
}
