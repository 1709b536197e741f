package io.troupe.testing.generator;

import java.util.List;

/**
 * The names of every event type the generator sends.
 *
 * <p>Why public constants: tests, benchmarks and the README's examples write funnels over these names, and
 * should not repeat string literals that could drift from the generator.
 */
public final class EventTypes {
    // report collaboration
    public static final String CREATE_REPORT = "Create Report";
    public static final String SHARE_REPORT = "Share Report";
    public static final String VIEW_SHARED_REPORT = "View Shared Report";
    public static final String INVITE_USER = "Invite User";
    // account activation
    public static final String ACTIVATE_ACCOUNT = "Activate Account";
    public static final String INVITE_NEW_CONTACT = "Invite New Contact";
    public static final String ADD_CONTACT_DETAILS = "Add Contact Details";
    // invoicing (Pay Invoice is done by a payer outside the org)
    public static final String SEND_INVOICE = "Send Invoice";
    public static final String VIEW_INVOICE = "View Invoice";
    public static final String PAY_INVOICE = "Pay Invoice";
    public static final String SEND_RECEIPT = "Send Receipt";
    // plan upgrade (the last step also changes the org's plan property)
    public static final String VIEW_PRICING = "View Pricing";
    public static final String REQUEST_UPGRADE = "Request Upgrade";
    public static final String UPGRADE_PLAN = "Upgrade Plan";
    // projects
    public static final String CREATE_PROJECT = "Create Project";
    public static final String ADD_TASK = "Add Task";
    public static final String COMPLETE_TASK = "Complete Task";
    public static final String ARCHIVE_PROJECT = "Archive Project";
    // integrations
    public static final String CONNECT_INTEGRATION = "Connect Integration";
    public static final String SYNC_DATA = "Sync Data";
    public static final String CREATE_ALERT = "Create Alert";
    // support
    public static final String OPEN_SUPPORT_TICKET = "Open Support Ticket";
    public static final String REPLY_TO_TICKET = "Reply to Ticket";
    public static final String CLOSE_TICKET = "Close Ticket";
    // dashboards
    public static final String CREATE_DASHBOARD = "Create Dashboard";
    public static final String ADD_CHART = "Add Chart";
    public static final String SHARE_DASHBOARD = "Share Dashboard";
    public static final String VIEW_DASHBOARD = "View Dashboard";
    // joining (after an Invite User sent when the member is invited)
    public static final String ACCEPT_INVITE = "Accept Invite";
    // background activity
    public static final String OPEN_APP = "Open App";
    public static final String CREATE_CUSTOMIZED_REPORT = "Create customized report";
    public static final String SEARCH = "Search";
    public static final String VIEW_REPORT = "View Report";
    public static final String EXPORT_CSV = "Export CSV";
    public static final String UPDATE_SETTINGS = "Update Settings";
    public static final String VIEW_NOTIFICATIONS = "View Notifications";
    public static final String EDIT_PROFILE = "Edit Profile";
    public static final String UPLOAD_FILE = "Upload File";
    public static final String DOWNLOAD_FILE = "Download File";
    public static final String LOG_IN = "Log In";
    public static final String LOG_OUT = "Log Out";
    public static final String FILTER_CHART = "Filter Chart";
    public static final String WATCH_TUTORIAL = "Watch Tutorial";
    public static final String MANAGE_USERS = "Manage Users";
    public static final String VIEW_USAGE = "View Usage";
    public static final String UPDATE_BILLING_DETAILS = "Update Billing Details";
    /** Sent by a consultant with several client orgs as event-level groups (multiple values). */
    public static final String COMPARE_CLIENT_ACCOUNTS = "Compare Client Accounts";

    /** Every event type above. */
    public static final List<String> ALL = List.of(CREATE_REPORT, SHARE_REPORT, VIEW_SHARED_REPORT, INVITE_USER,
            ACTIVATE_ACCOUNT, INVITE_NEW_CONTACT, ADD_CONTACT_DETAILS, SEND_INVOICE, VIEW_INVOICE, PAY_INVOICE,
            SEND_RECEIPT, VIEW_PRICING, REQUEST_UPGRADE, UPGRADE_PLAN, CREATE_PROJECT, ADD_TASK, COMPLETE_TASK,
            ARCHIVE_PROJECT, CONNECT_INTEGRATION, SYNC_DATA, CREATE_ALERT, OPEN_SUPPORT_TICKET, REPLY_TO_TICKET,
            CLOSE_TICKET, CREATE_DASHBOARD, ADD_CHART, SHARE_DASHBOARD, VIEW_DASHBOARD, ACCEPT_INVITE, OPEN_APP,
            CREATE_CUSTOMIZED_REPORT, SEARCH, VIEW_REPORT, EXPORT_CSV, UPDATE_SETTINGS, VIEW_NOTIFICATIONS,
            EDIT_PROFILE, UPLOAD_FILE, DOWNLOAD_FILE, LOG_IN, LOG_OUT, FILTER_CHART, WATCH_TUTORIAL, MANAGE_USERS,
            VIEW_USAGE, UPDATE_BILLING_DETAILS, COMPARE_CLIENT_ACCOUNTS);

    private EventTypes() {
    }
}
