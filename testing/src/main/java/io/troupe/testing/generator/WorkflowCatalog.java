package io.troupe.testing.generator;

import static io.troupe.testing.generator.ActorRule.ADMIN;
import static io.troupe.testing.generator.ActorRule.ANYONE;
import static io.troupe.testing.generator.ActorRule.BILLING;
import static io.troupe.testing.generator.ActorRule.CONTRIBUTOR;
import static io.troupe.testing.generator.ActorRule.OTHER_MEMBER;
import static io.troupe.testing.generator.ActorRule.PAYER;
import static io.troupe.testing.generator.ActorRule.SAME_AS_FIRST;
import static io.troupe.testing.generator.ActorRule.SAME_AS_PREVIOUS;
import static io.troupe.testing.generator.Delay.DAYS;
import static io.troupe.testing.generator.Delay.HOURS;
import static io.troupe.testing.generator.Delay.MINUTES;
import static io.troupe.testing.generator.Delay.SAME_MOMENT;
import static io.troupe.testing.generator.Delay.SECONDS;
import static io.troupe.testing.generator.EventTypes.*;

import java.util.List;

/**
 * The workflows orgs do, with their steps, actors, delays and drop-off.
 *
 * <p>Why written as data: the shape of the generated funnels (who does which step, how long after, how
 * many drop off) is what tests and benchmarks rely on, and is easiest to review in one table.
 */
final class WorkflowCatalog {
    static final Workflow REPORT_COLLABORATION = new Workflow("report collaboration", 25, "rep-", List.of(
            step(CREATE_REPORT, CONTRIBUTOR, 1.0, PropertyKind.REPORT),
            step(SHARE_REPORT, OTHER_MEMBER, 0.7, PropertyKind.REPORT, MINUTES, 0.45, HOURS, 0.25, DAYS, 0.30),
            step(VIEW_SHARED_REPORT, OTHER_MEMBER, 0.8, PropertyKind.REPORT,
                    SECONDS, 0.1, MINUTES, 0.5, HOURS, 0.3, DAYS, 0.1),
            step(INVITE_USER, ADMIN, 0.35, PropertyKind.INVITE, HOURS, 0.4, DAYS, 0.6)));

    static final Workflow ACCOUNT_ACTIVATION = new Workflow("account activation", 8, "act-", List.of(
            step(ACTIVATE_ACCOUNT, ADMIN, 1.0, PropertyKind.NONE),
            step(INVITE_NEW_CONTACT, OTHER_MEMBER, 0.75, PropertyKind.INVITE, MINUTES, 0.5, HOURS, 0.3, DAYS, 0.2),
            step(ADD_CONTACT_DETAILS, SAME_AS_PREVIOUS, 0.6, PropertyKind.NONE, SECONDS, 0.3, MINUTES, 0.7)));

    static final Workflow INVOICING = new Workflow("invoicing", 14, "inv-", List.of(
            step(SEND_INVOICE, BILLING, 1.0, PropertyKind.INVOICE),
            step(VIEW_INVOICE, PAYER, 0.85, PropertyKind.INVOICE, MINUTES, 0.3, HOURS, 0.4, DAYS, 0.3),
            step(PAY_INVOICE, SAME_AS_PREVIOUS, 0.8, PropertyKind.INVOICE,
                    SAME_MOMENT, 0.05, MINUTES, 0.45, HOURS, 0.2, DAYS, 0.3),
            step(SEND_RECEIPT, BILLING, 0.5, PropertyKind.INVOICE, SECONDS, 0.5, MINUTES, 0.3, HOURS, 0.2)));

    /**
     * Looking at prices without upgrading. The upgrades themselves are planned with the population (so
     * every event knows its org's plan) and played by {@link LifecyclePlayer} as View Pricing, Request
     * Upgrade, Upgrade Plan.
     */
    static final Workflow PRICING = new Workflow("pricing", 3, "prc-", List.of(
            step(VIEW_PRICING, CONTRIBUTOR, 1.0, PropertyKind.PLAN_VIEW),
            step(REQUEST_UPGRADE, SAME_AS_PREVIOUS, 0.3, PropertyKind.PLAN_VIEW, SECONDS, 0.3, MINUTES, 0.7)));

    static final Workflow PROJECT = new Workflow("project", 15, "prj-", List.of(
            step(CREATE_PROJECT, CONTRIBUTOR, 1.0, PropertyKind.PROJECT),
            step(ADD_TASK, OTHER_MEMBER, 0.8, PropertyKind.PROJECT, SECONDS, 0.2, MINUTES, 0.6, HOURS, 0.2),
            step(COMPLETE_TASK, OTHER_MEMBER, 0.6, PropertyKind.PROJECT, HOURS, 0.5, DAYS, 0.5),
            step(ARCHIVE_PROJECT, ADMIN, 0.3, PropertyKind.PROJECT, DAYS, 1.0)));

    static final Workflow INTEGRATION = new Workflow("integration", 6, "int-", List.of(
            step(CONNECT_INTEGRATION, ADMIN, 1.0, PropertyKind.INTEGRATION),
            step(SYNC_DATA, SAME_AS_PREVIOUS, 0.9, PropertyKind.INTEGRATION, SAME_MOMENT, 0.4, SECONDS, 0.6),
            step(CREATE_ALERT, OTHER_MEMBER, 0.4, PropertyKind.INTEGRATION, MINUTES, 0.4, HOURS, 0.3, DAYS, 0.3)));

    static final Workflow SUPPORT = new Workflow("support", 5, "tkt-", List.of(
            step(OPEN_SUPPORT_TICKET, ANYONE, 1.0, PropertyKind.TICKET),
            step(REPLY_TO_TICKET, OTHER_MEMBER, 0.5, PropertyKind.TICKET, MINUTES, 0.5, HOURS, 0.5),
            step(CLOSE_TICKET, SAME_AS_FIRST, 0.7, PropertyKind.TICKET, HOURS, 0.6, DAYS, 0.4)));

    static final Workflow DASHBOARD = new Workflow("dashboard", 10, "dsh-", List.of(
            step(CREATE_DASHBOARD, CONTRIBUTOR, 1.0, PropertyKind.DASHBOARD),
            step(ADD_CHART, SAME_AS_PREVIOUS, 0.9, PropertyKind.DASHBOARD,
                    SAME_MOMENT, 0.05, SECONDS, 0.6, MINUTES, 0.35),
            step(SHARE_DASHBOARD, SAME_AS_PREVIOUS, 0.5, PropertyKind.DASHBOARD, MINUTES, 0.7, HOURS, 0.3),
            step(VIEW_DASHBOARD, OTHER_MEMBER, 0.7, PropertyKind.DASHBOARD, MINUTES, 0.4, HOURS, 0.4, DAYS, 0.2)));

    static final List<Workflow> ALL = List.of(REPORT_COLLABORATION, ACCOUNT_ACTIVATION, INVOICING, PRICING,
            PROJECT, INTEGRATION, SUPPORT, DASHBOARD);

    private WorkflowCatalog() {
    }

    static WeightedChoice<Workflow> choice() {
        WeightedChoice.Builder<Workflow> builder = WeightedChoice.builder();
        for (Workflow workflow : ALL) {
            builder.add(workflow, workflow.weight());
        }
        return builder.build();
    }

    /** A step; {@code delays} alternates {@link Delay} and weight. */
    private static WorkflowStep step(String eventType, ActorRule actor, double probability, PropertyKind kind,
                                     Object... delays) {
        WeightedChoice.Builder<Delay> mix = WeightedChoice.builder();
        for (int i = 0; i < delays.length; i += 2) {
            mix.add((Delay) delays[i], ((Number) delays[i + 1]).doubleValue());
        }
        if (delays.length == 0) {
            mix.add(SAME_MOMENT, 1);
        }
        return new WorkflowStep(eventType, actor, mix.build(), probability, kind);
    }
}
