package io.troupe.common;

/**
 * The one catalogue of errors a Troupe user can meet. Codes are stable: once shipped, a code keeps its
 * number, its SQLSTATE and its meaning; new codes take the next free number of their range.
 *
 * <p>Ranges say who must act:
 * <ul>
 *   <li>1000-1999 bad input from the user (ingest payloads, files, identifiers) - fix the request;</li>
 *   <li>2000-2999 SQL errors (reserved for the SQL engine);</li>
 *   <li>3000-3999 limits and resources (project limits, sizes, memory, time) - change the request or a setting;</li>
 *   <li>4000-4999 authentication and authorisation;</li>
 *   <li>5000-5999 storage and internal failures - the operator must look at the server.</li>
 * </ul>
 * Messages are {@link String#format} templates and say what to do.
 */
public enum ErrorCode {
    // --- 1000: bad input --------------------------------------------------------------------------
    INVALID_EVENT(1001, "22023", "Invalid event: %s"),
    MISSING_FIELD(1002, "22023", "Missing required field '%s'%s"),
    INVALID_TIMESTAMP(1003, "22007", "Invalid event time %s: send milliseconds since 1970-01-01 UTC"),
    INVALID_GROUP_TYPE_NAME(1004, "42602",
            "Invalid group type name '%s': use 1 to 64 characters, not starting with '$', without control characters"),
    UNKNOWN_GROUP_TYPE(1005, "42704", "Unknown group type '%s': declare it with CREATE GROUP TYPE or send an event that names it"),
    USER_GROUP_UNSET(1006, "22023",
            "Cannot unset the user-level group '%s' of user '%s': a user-level group can only be overwritten with another value"),
    INVALID_PROPERTY_OPERATION(1007, "22023", "Invalid property operation: %s"),
    MALFORMED_FILE(1008, "22P04", "Malformed file %s, line %d: %s"),
    PATH_OUTSIDE_FOLDER(1009, "42501", "Path '%s' is outside the folder %s: name a file inside it, without '..' or an absolute path"),
    INVALID_PROPERTY_NAME(1010, "42602", "Invalid property name '%s': use 1 to 1024 characters"),
    INVALID_ARGUMENT(1011, "22023", "%s"),
    FILE_NOT_READABLE(1012, "58P01", "Cannot read file %s: %s"),
    INVALID_EVENTS(1013, "22023", "%d of %d events are invalid, none was stored: %s"),
    MALFORMED_JSON(1014, "22P02", "Malformed JSON in the request body: %s. Send one valid JSON document in UTF-8 (docs/http-ingest.md shows the bodies)"),
    INVALID_REQUEST(1015, "22023", "Invalid request: %s"),
    UNKNOWN_PROJECT(1016, "3D000", "Unknown project '%s': create it with 'bin/troupe project create NAME' or the admin port"),
    PROJECT_EXISTS(1017, "42710", "Project '%s' already exists: choose another name, or send to it with its API key"),
    INVALID_PROJECT_NAME(1018, "42602", "Invalid project name '%s': use 1 to 64 lowercase letters, digits, '_' or '-', starting with a letter, and not a reserved name (%s)"),
    UNKNOWN_USER(1019, "42704", "Unknown user '%s': create it with CREATE USER"),
    USER_EXISTS(1020, "42710", "User '%s' already exists: change its password with ALTER USER"),
    PROTOCOL_ERROR(1021, "08P01", "Protocol error: %s. The connection is closed: connect again with a client that speaks this server's protocol (docs/protocol.md)"),
    UNSUPPORTED_PROTOCOL_VERSION(1022, "08004", "Unsupported protocol version %d: this server speaks version %d; use a matching driver"),
    // 1030-1036: cohorts (docs/cohorts.md)
    IMPORT_FILE_TOO_LARGE(1030, "54000", "Import file %s is too large at line %d: %s. Split it into several files (one cohort each)"),
    IMPORT_NOT_CONFIGURED(1031, "55000", "IMPORT COHORT needs an import folder, and this engine has none: run it on the server, which reads <data>/import/<project>/ (upload with PUT /projects/<project>/import/<file> on the admin port)"),
    QUERY_IN_PROGRESS(1040, "55000", "Query %d still runs on this connection: read its results to the end or cancel it first, or open another connection"),
    // 1041-1045: the account look-up's search text (GROUP_SEARCH; docs/account-lookup.md)
    SEARCH_FORBIDDEN_CHARACTER(1041, "22023",
            "The account search '%s' has a '%s' at character %d: the search syntax has no commas or semicolons; "
                    + "separate terms with spaces (every term must match), e.g. plan = enterprise region = EU"),
    SEARCH_UNBALANCED_QUOTE(1042, "22023",
            "The account search '%s' opens a double quote at character %d that is never closed: close it, "
                    + "e.g. plan = \"enterprise plus\" (write \"\" for a quote inside a quoted text)"),
    SEARCH_INCOMPLETE_TERM(1043, "22023",
            "The account search '%s' has %s at character %d: write each term as name = value, "
                    + "e.g. plan = \"enterprise plus\""),
    // 1046-1052: group types and dynamic group properties (docs/sql.md "Group types", docs/dynamic-properties.md)
    GROUP_TYPE_EXISTS(1046, "42710", "Group type '%s' already exists: use it as it is, or write CREATE GROUP TYPE IF NOT EXISTS"),
    GROUP_TYPE_IN_USE(1047, "55006", "Cannot drop group type '%s': %s"),
    DYNAMIC_PROPERTY_EXISTS(1048, "42710",
            "Dynamic group property '%s' already exists: write CREATE OR REPLACE DYNAMIC GROUP PROPERTY to change its definition (values already written stay)"),
    UNKNOWN_DYNAMIC_PROPERTY(1049, "42704", "Unknown dynamic group property '%s': SHOW DYNAMIC GROUP PROPERTIES lists them"),
    GROUP_PROPERTY_NAME_TAKEN(1050, "42710",
            "Group property '%s' is already written by group identify: choose another name for the dynamic property, refreshes would overwrite it"),
    // 1060-1069: errors the JDBC driver raises itself (docs/jdbc.md)
    CONNECTION_FAILED(1060, "08001", "Cannot connect to Troupe: %s"),
    CONNECTION_LOST(1061, "08006", "The connection to Troupe at %s was lost (%s): open a new connection"),
    CONNECTION_CLOSED(1062, "08003", "The connection is closed: open a new one"),
    OBJECT_CLOSED(1063, "55000", "This %s is closed: %s"),
    NO_CURRENT_ROW(1064, "24000", "No current row: %s"),
    INVALID_COLUMN_REFERENCE(1065, "07009", "%s"),
    INVALID_CONVERSION(1066, "22018", "Cannot read %s as %s: %s"),
    VALUE_OUT_OF_RANGE(1067, "22003", "The value %s is out of the range of %s: read it with %s"),

    // --- 2000: SQL ---------------------------------------------------------------------------------
    SQL_SYNTAX_ERROR(2001, "42601", "Syntax error at line %d, column %d: %s. Correct the statement there (strings take single quotes, names with spaces double quotes)"),
    SQL_INVALID(2002, "42000", "Invalid SQL at line %d, column %d: %s. Correct the statement there"),
    UNKNOWN_TABLE(2003, "42P01", "Unknown table at line %d, column %d: %s. A project has the tables events, group_profiles, group_property_history, users, cohorts, cohort_members, group_types and dynamic_group_properties"),
    UNKNOWN_COLUMN(2004, "42703", "Unknown column at line %d, column %d: %s. Check the spelling; double-quote a name with spaces"),
    UNKNOWN_FUNCTION(2005, "42883", "Unknown function at line %d, column %d: %s. docs/sql.md lists the functions and their argument types"),
    SQL_TYPE_MISMATCH(2006, "42804", "Type mismatch at line %d, column %d: %s. CAST one operand to the type of the other"),
    SQL_UNSUPPORTED(2007, "0A000", "Not supported: %s. docs/sql.md says what Troupe runs"),
    DIVISION_BY_ZERO(2008, "22012", "Division by zero: %s. Guard the divisor, e.g. with NULLIF(divisor, 0)"),
    INVALID_CAST(2009, "22018", "Invalid value for a cast: %s. Filter such values out first, or CASE them"),
    SQL_EXECUTION_FAILED(2010, "22000", "Query failed: %s. If the statement is right, report it with the server log"),
    INVALID_PARAMETER(2011, "22023", "Invalid query parameter: %s. Bind every ? with a value of its type"),
    // 2020-2024: cohorts (docs/cohorts.md)
    COHORT_EXISTS(2020, "42710", "Cohort '%s' already exists: choose another name, use CREATE OR REPLACE COHORT, or DROP COHORT it first"),
    UNKNOWN_COHORT(2021, "42704", "Unknown cohort '%s': SHOW COHORTS lists the project's cohorts; create it with CREATE COHORT or IMPORT COHORT"),
    COHORT_TYPE_MISMATCH(2022, "42804", "Cohort '%s' holds %s, but %s: use a cohort of the same kind of values, or compare another column"),
    COHORT_SELF_REFERENCE(2023, "42P19", "Cohort '%s' refers to itself (%s): a behavioral cohort may use other cohorts, but not itself, directly or through them"),
    INVALID_COHORT_QUERY(2024, "42000", "Invalid query for cohort '%s': %s. A cohort's query returns exactly one column: the member values (group values, or user ids)"),
    // 2025-2029: the account look-up table functions (docs/account-lookup.md)
    LOOKUP_NULL_ARGUMENT(2025, "22004", "The %s argument of %s is NULL: give a value"),
    LOOKUP_INVALID_PAGE_SIZE(2026, "22023",
            "GROUP_ACTIVITY's page size %d is out of range: give 1 to %d events a page, and page on with the last "
                    + "event_time as before_timestamp"),
    // 2030-2034: dynamic group property definitions (docs/dynamic-properties.md)
    DYNAMIC_PROPERTY_METRIC(2030, "0A000", "Unsupported metric at line %d, column %d: %s. A dynamic group property takes one of UNIQUES(), COUNT(*), SUM(expression) or AVG(expression)"),
    DYNAMIC_PROPERTY_FORMULA(2031, "0A000", "Not a single metric at line %d, column %d: %s. A dynamic group property takes exactly one metric, without arithmetic on metrics"),
    DYNAMIC_PROPERTY_WINDOW(2032, "0A000", "Unsupported time window at line %d, column %d: %s. Write OVER LAST INTERVAL 'n' DAY, OVER CALENDAR WEEK or OVER CALENDAR MONTH"),
    DYNAMIC_PROPERTY_WINDOW_TOO_LONG(2033, "54000", "Window too long at line %d, column %d: %d days. A rolling window has 1 to %d days"),
    DYNAMIC_PROPERTY_FILTER(2034, "42000", "Invalid WHERE of the dynamic property at line %d, column %d: %s. Correct the condition (a condition on one event, as in SELECT ... FROM events WHERE ...)"),

    // --- 3000: limits and resources ---------------------------------------------------------------
    TOO_MANY_GROUP_TYPES(3001, "54000",
            "Project '%s' already has %d group types, its limit: drop one (DROP GROUP TYPE) or raise the limit 'maxGroupTypes'"),
    TOO_MANY_GROUP_PROPERTIES(3002, "54000",
            "Project '%s' already has %d group property names, its limit: reuse a name or raise the limit 'maxGroupPropertyNames'"),
    BATCH_TOO_LARGE(3003, "54000", "Batch too large: %s"),
    VALUE_TOO_LARGE(3004, "54000", "Value too large: %s"),
    QUERY_TIMEOUT(3005, "57014", "Query ran longer than its timeout of %d ms and was stopped: narrow the time range or raise the timeout"),
    QUERY_MEMORY_LIMIT(3006, "53200",
            "Query needs more than its memory limit of %d MB (%s): narrow the time range, group by fewer keys, or raise 'queryMemoryLimitMb'"),
    QUERY_CANCELLED(3007, "57014", "Query was cancelled"),
    TOO_MANY_REQUESTS(3008, "53400", "Too many events: %s"),
    REQUEST_TIMEOUT(3010, "57014", "The request did not arrive whole within %d s of its first byte (ingest.idleTimeoutSeconds): send it at once, or raise the setting"),

    // --- 4000: authentication and authorisation ---------------------------------------------------
    AUTHENTICATION_FAILED(4001, "28000", "Authentication failed for user '%s': check the user name and password"),
    INVALID_API_KEY(4002, "28000", "Invalid API key: send the project's key (the file secrets/<project>.api-key of the data directory)"),
    INVALID_ADMIN_TOKEN(4003, "28000", "Missing or invalid admin token: send 'Authorization: Bearer <token>' with the token of secrets/admin.token"),
    DEFAULT_PASSWORD_NOT_CHANGED(4004, "28P01", "Refusing to listen on %s while user 'troupe' has the default password: change it first (bin/troupe user password troupe, or ALTER USER troupe PASSWORD '...')"),
    PERMISSION_DENIED(4005, "42501", "Permission denied: %s"),

    // --- 5000: storage and internal failures ------------------------------------------------------
    STORAGE_IO(5001, "58030", "Storage I/O error %s: check the disk (space, permissions) and the server log"),
    STORAGE_CORRUPT(5002, "XX001", "Corrupt file %s: %s"),
    STORAGE_FAILED(5003, "58030",
            "The store of project '%s' stopped accepting writes after an earlier write failure (%s): restart the server to recover from the write-ahead log"),
    STORAGE_CLOSED(5004, "57P01", "The store of project '%s' is closed"),
    UNSUPPORTED_FORMAT_VERSION(5005, "XX001", "File %s has format version %d; this Troupe reads versions up to %d: upgrade Troupe"),
    SERVER_SHUTTING_DOWN(5006, "57P01", "The server is shutting down: retry once it is back"),
    SERVER_NOT_READY(5007, "57P03", "The server is still recovering its stores: retry when /health/readiness answers 200"),
    DATA_DIRECTORY_IN_USE(5008, "55006", "The data directory %s is in use by another Troupe process (a server, a load or a query): stop it first, or send the work to the running server"),
    INTERNAL(5999, "XX000", "Internal error: %s");

    private final int code;
    private final String sqlState;
    private final String template;

    ErrorCode(int code, String sqlState, String template) {
        this.code = code;
        this.sqlState = sqlState;
        this.template = template;
    }

    /** The stable numeric code, sent to clients as the JDBC vendor code and in HTTP error bodies. */
    public int code() {
        return code;
    }

    /** The five-character SQLSTATE the JDBC driver reports. */
    public String sqlState() {
        return sqlState;
    }

    /** The stable symbolic name clients may match on, e.g. {@code TOO_MANY_GROUP_TYPES}. */
    public String symbol() {
        return name();
    }

    public String format(Object... args) {
        return String.format(java.util.Locale.ROOT, template, args);
    }

    /** True for errors the caller caused and can fix by changing the request. */
    public boolean isUserError() {
        return code < 5000;
    }
}
