package io.troupe.testing.generator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts workflow instances: draws each step's delay, actor and drop-off, builds the events and puts them
 * in the hour they fall in (later steps often in a later hour or day).
 *
 * <p>Why steps are all decided at the start: the stream moves forward hour by hour, so a workflow's future
 * is planned once and parked in {@link HourBuckets}; each actor is chosen among members active at that
 * step's own time.
 */
final class WorkflowRunner {
    private static final double CONSULTANT_CHANCE = 0.05;
    private static final String[] INTEGRATIONS = {"Salesforce", "Slack", "HubSpot", "Snowflake", "Zendesk"};
    private static final String[] PRIORITIES = {"low", "normal", "normal", "high", "urgent"};
    private static final String[] INVITEE_ROLES = {"member", "member", "viewer", "admin"};

    private final Rng rng;
    private final EventFactory factory;
    private final HourBuckets buckets;
    private final ActivityCalendar calendar;
    private final WeightedChoice<Workflow> workflows = WorkflowCatalog.choice();
    private final Actor[] actors = new Actor[8];
    private long instances;

    WorkflowRunner(Rng rng, EventFactory factory, HourBuckets buckets, ActivityCalendar calendar) {
        this.rng = rng;
        this.factory = factory;
        this.buckets = buckets;
        this.calendar = calendar;
    }

    /** Starts a randomly chosen workflow for the org at {@code startTime}. */
    void start(Org org, long startTime) {
        run(workflows.pick(rng), org, startTime);
    }

    private void run(Workflow workflow, Org org, long startTime) {
        WorkflowContext context = newContext(workflow, org, startTime);
        List<WorkflowStep> steps = workflow.steps();
        long time = startTime;
        int acted = 0;
        for (int i = 0; i < steps.size(); i++) {
            WorkflowStep step = steps.get(i);
            if (i > 0) {
                if (!rng.chance(step.probability())) {
                    break;
                }
                Delay delay = step.delay().pick(rng);
                time += delay.sample(rng);
                if (delay.followsWorkingHours()) {
                    time = calendar.nudgeToWorkingHours(time, org.region, rng);
                }
            }
            if (!buckets.accepts(time)) {
                break;
            }
            Actor actor = resolve(step.actor(), org, time, acted);
            if (actor == null) {
                break;
            }
            actors[acted++] = actor;
            Map<String, List<String>> groups = step.kind() == PropertyKind.INVOICE && context.accountIndex >= 0
                    ? org.orgAndAccountGroups.get(context.accountIndex)
                    : actor.eventGroups();
            buckets.add(factory.event(time, step.eventType(), actor, org, groups, step.kind(), context));
        }
        Arrays.fill(actors, 0, acted, null);
    }

    private Actor resolve(ActorRule rule, Org org, long time, int acted) {
        return switch (rule) {
            case ADMIN -> org.pickMember(rng, time, Role.ADMIN);
            case BILLING -> org.pickMember(rng, time, Role.BILLING);
            case CONTRIBUTOR -> orConsultant(org, time, org.pickMember(rng, time, Role.MEMBER));
            case ANYONE -> orConsultant(org, time, org.pickMember(rng, time, null));
            case OTHER_MEMBER -> orConsultant(org, time, org.pickOtherMember(rng, time, actors, acted));
            case SAME_AS_PREVIOUS -> activeOrNull(actors[acted - 1], time);
            case SAME_AS_FIRST -> activeOrNull(actors[0], time);
            case PAYER -> activeOrNull(org.pickPayer(rng), time);
        };
    }

    private Actor orConsultant(Org org, long time, Actor member) {
        if (!org.consultants.isEmpty() && rng.chance(CONSULTANT_CHANCE)) {
            ConsultantLink consultant = org.pickConsultant(rng, time);
            if (consultant != null) {
                return consultant;
            }
        }
        return member;
    }

    private static Actor activeOrNull(Actor actor, long time) {
        return actor != null && actor.activeAt(time) ? actor : null;
    }

    private WorkflowContext newContext(Workflow workflow, Org org, long startTime) {
        WorkflowContext context = new WorkflowContext();
        context.subjectId = workflow.subjectIdPrefix() + Long.toString(++instances, 36);
        PropertyKind kind = workflow.steps().get(0).kind();
        switch (kind) {
            case REPORT -> context.tags = factory.pickTags();
            case DASHBOARD -> context.chartCount = 1 + rng.nextInt(12);
            case INVOICE -> {
                context.amount = rng.logUniform(2_000, 2_000_000) / 100.0;
                context.currency = org.region == Region.EUROPE ? "EUR" : "USD";
                context.accountIndex = org.accountValues.length == 0 ? -1 : rng.nextInt(org.accountValues.length);
            }
            case PLAN_VIEW -> context.fromPlan = org.planAt(startTime);
            case INTEGRATION -> context.integration = rng.pick(INTEGRATIONS);
            case TICKET -> context.priority = rng.pick(PRIORITIES);
            default -> { }
        }
        context.inviteeRole = rng.pick(INVITEE_ROLES);
        return context;
    }
}
