package io.troupe.sql.differential;

import io.troupe.sql.SqlSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Copies a project's events and org profiles from Troupe into an in-memory DuckDB database through DuckDB's
 * {@link DuckDBAppender}, so both engines answer over the same rows.
 *
 * <p>DuckDB's {@code events} has Troupe's scalar columns with the same names and types ({@code event_time
 * TIMESTAMP}, the rest {@code VARCHAR}), and the map entries the corpus reads flattened into VARCHAR columns:
 * {@code event_properties['k']} is {@code ep_k}, {@code user_properties['k']} is {@code up_k}. DuckDB's
 * {@code group_profiles} has Troupe's {@code group_type}, {@code group_value}, {@code first_seen},
 * {@code last_seen}, and {@code properties['k']} as {@code gp_k}. Values are copied as Troupe's SQL returns
 * them (property values as text, numbers as their JSON text). {@code group_property_history} is copied as it is
 * (for {@code GROUP_PROPERTY}, which DuckDB answers with a join on {@code valid_from <= event_time < valid_to}).
 */
public final class DuckDbMirror {
    /** The event properties copied (every key the generator writes except the nested {@code context}). */
    public static final List<String> EVENT_PROPERTIES = List.of("platform", "is_trial", "zip", "amount", "currency",
            "chart_count", "result_count", "priority", "invoice_id", "report_id", "dashboard_id", "project_id",
            "to_plan", "from_plan", "current_plan", "integration", "invitee_role", "tags");
    /** The user properties copied. */
    public static final List<String> USER_PROPERTIES = List.of("locale", "last_platform");
    /** The group properties copied from {@code group_profiles}. */
    public static final List<String> GROUP_PROPERTIES = List.of("plan", "region", "industry", "employee_count", "name");

    private static final List<String> EVENT_COLUMNS = List.of("event_time", "event_type", "user_id", "device_id",
            "insert_id", "org_id");

    private DuckDbMirror() {
    }

    public static String eventPropertyColumn(String key) {
        return "ep_" + key;
    }

    public static String userPropertyColumn(String key) {
        return "up_" + key;
    }

    public static String groupPropertyColumn(String key) {
        return "gp_" + key;
    }

    /** The Troupe statement whose rows are copied into DuckDB's {@code events}. */
    public static String eventsSelect() {
        List<String> items = new ArrayList<>(EVENT_COLUMNS);
        EVENT_PROPERTIES.forEach(k -> items.add("event_properties['" + k + "']"));
        USER_PROPERTIES.forEach(k -> items.add("user_properties['" + k + "']"));
        return "SELECT " + String.join(", ", items) + " FROM events";
    }

    /** The Troupe statement whose rows are copied into DuckDB's {@code group_profiles}. */
    public static String profilesSelect() {
        List<String> items = new ArrayList<>(List.of("group_type", "group_value"));
        GROUP_PROPERTIES.forEach(k -> items.add("properties['" + k + "']"));
        items.add("first_seen");
        items.add("last_seen");
        return "SELECT " + String.join(", ", items) + " FROM group_profiles";
    }

    /** The Troupe statement whose rows are copied into DuckDB's {@code group_property_history}. */
    public static String historySelect() {
        return "SELECT group_type, group_value, property_name, property_value, valid_from, valid_to FROM group_property_history";
    }

    /**
     * The DuckDB join that gives each event of {@code events e} the value of group property {@code property} of its
     * org in force at its time, as {@code alias.property_value}: Troupe's {@code GROUP_PROPERTY(e.org_id, 'p')}.
     * The history's intervals of one property do not overlap, so a LEFT JOIN keeps one row per event.
     */
    public static String historyJoin(String alias, String property) {
        return " LEFT JOIN group_property_history " + alias + " ON " + alias + ".group_type = 'org_id' AND "
                + alias + ".group_value = e.org_id AND " + alias + ".property_name = '" + property + "' AND "
                + alias + ".valid_from <= e.event_time AND (" + alias + ".valid_to IS NULL OR e.event_time < "
                + alias + ".valid_to)";
    }

    /**
     * Creates the tables in {@code duck} and fills them from {@code troupe}; returns the copied events (each row
     * as Troupe returned it, in {@link #eventsSelect()} order) for the corpus generator to draw values from.
     */
    public static List<List<Object>> copy(SqlSession troupe, Connection duck) throws SQLException {
        List<String> eventColumns = new ArrayList<>();
        eventColumns.add("event_time TIMESTAMP");
        EVENT_COLUMNS.subList(1, EVENT_COLUMNS.size()).forEach(c -> eventColumns.add(c + " VARCHAR"));
        EVENT_PROPERTIES.forEach(k -> eventColumns.add(eventPropertyColumn(k) + " VARCHAR"));
        USER_PROPERTIES.forEach(k -> eventColumns.add(userPropertyColumn(k) + " VARCHAR"));
        List<String> profileColumns = new ArrayList<>(List.of("group_type VARCHAR", "group_value VARCHAR"));
        GROUP_PROPERTIES.forEach(k -> profileColumns.add(groupPropertyColumn(k) + " VARCHAR"));
        profileColumns.add("first_seen TIMESTAMP");
        profileColumns.add("last_seen TIMESTAMP");
        try (Statement st = duck.createStatement()) {
            st.execute("CREATE TABLE events (" + String.join(", ", eventColumns) + ")");
            st.execute("CREATE TABLE group_profiles (" + String.join(", ", profileColumns) + ")");
            st.execute("CREATE TABLE group_property_history (group_type VARCHAR, group_value VARCHAR, property_name VARCHAR,"
                    + " property_value VARCHAR, valid_from TIMESTAMP, valid_to TIMESTAMP)");
        }
        List<List<Object>> events = troupe.rows(eventsSelect());
        append(duck, "events", events);
        append(duck, "group_profiles", troupe.rows(profilesSelect()));
        append(duck, "group_property_history", troupe.rows(historySelect()));
        return events;
    }

    private static void append(Connection duck, String table, List<List<Object>> rows) throws SQLException {
        DuckDBConnection connection = duck.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = connection.createAppender(table)) {
            for (List<Object> row : rows) {
                appender.beginRow();
                for (Object v : row) {
                    if (v == null) {
                        appender.appendNull();
                    } else if (v instanceof Timestamp ts) {
                        // Troupe's Timestamp holds the UTC instant; DuckDB's TIMESTAMP is that UTC wall-clock time.
                        appender.appendEpochMicros(ts.getTime() * 1000L);
                    } else if (v instanceof String s) {
                        appender.append(s);
                    } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
                        throw new IllegalArgumentException("a map or array value in a copied column: " + v);
                    } else {
                        appender.append(v.toString());
                    }
                }
                appender.endRow();
            }
        }
    }
}
