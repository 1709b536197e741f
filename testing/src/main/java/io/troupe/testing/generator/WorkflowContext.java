package io.troupe.testing.generator;

import java.util.List;

/**
 * What the steps of one workflow instance share: the id of the report, invoice, project or ticket they work
 * on, and values that must agree across steps (an invoice's amount, an upgrade's plans).
 *
 * <p>Why: tests check that different members did the steps of the same instance; analysts hold such ids
 * constant in funnels.
 */
final class WorkflowContext {
    String subjectId;
    Double amount;
    String currency;
    List<String> tags;
    Integer chartCount;
    String integration;
    String priority;
    String inviteeRole;
    Plan fromPlan;
    Plan toPlan;
    int accountIndex = -1;
}
