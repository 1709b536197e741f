package io.troupe.testing.generator;

/**
 * Which kind-specific event properties an event carries, besides the ones every event has.
 *
 * <p>Why: steps of one workflow share an id ({@code report_id}, {@code invoice_id}) so tests can follow one
 * report or invoice across members (and funnels can hold it constant), and properties differ in type
 * (strings, booleans, integers, doubles, arrays, nested objects) to exercise typed property access.
 */
enum PropertyKind {
    NONE,
    /** {@code report_id}, {@code tags} (array of strings, sometimes empty). */
    REPORT,
    /** {@code dashboard_id}, {@code chart_count} (integer). */
    DASHBOARD,
    /** {@code invoice_id}, {@code amount} (double), {@code currency}. */
    INVOICE,
    /** {@code current_plan}. */
    PLAN_VIEW,
    /** {@code from_plan}, {@code to_plan}, {@code amount} (long: monthly price). */
    PLAN_UPGRADE,
    /** {@code project_id}. */
    PROJECT,
    /** {@code integration}. */
    INTEGRATION,
    /** {@code ticket_id}, {@code priority}. */
    TICKET,
    /** {@code invitee_role}. */
    INVITE,
    /** {@code result_count} (integer). */
    SEARCH
}
