package io.troupe.bench.compare;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The queries of {@link SqlCompare}, in one place. The Troupe SQL of each query is a constant here: to time a
 * new Troupe form (say {@code CURRENT_GROUP_PROPERTY(org_id, 'region')} instead of the join), change the
 * constant; the DuckDB form, which defines the expected answer, stays as it is.
 *
 * <p>DuckDB's tables: {@code events(event_time TIMESTAMP, event_type VARCHAR, user_id VARCHAR, org_id VARCHAR)}
 * (org_id the event's effective org) and {@code org_profiles(org_id VARCHAR, region VARCHAR)} (the org's
 * current region), both copied from Troupe; see {@link DuckDbSide}.
 */
public final class CompareQueries {
    public static final String DAU = "daily active users";
    public static final String DAILY_ORGS = "daily active orgs";
    public static final String DAILY_ORGS_BY_REGION = "daily active orgs by current region";
    public static final String DAILY_ORGS_BY_REGION_CGP = "daily active orgs by current region, CURRENT_GROUP_PROPERTY form";
    public static final String EVENTS_BY_TYPE = "events by type";
    public static final String FILTERED_COUNT = "filtered count";

    // ---- Troupe SQL: change a Troupe form here ----------------------------------------------------------

    static final String TROUPE_DAU =
            "SELECT FLOOR(event_time TO DAY) AS d, COUNT(DISTINCT user_id) AS n FROM events GROUP BY 1";
    static final String TROUPE_DAILY_ORGS =
            "SELECT FLOOR(event_time TO DAY) AS d, COUNT(DISTINCT org_id) AS n FROM events GROUP BY 1";
    static final String TROUPE_DAILY_ORGS_BY_REGION =
            "SELECT FLOOR(e.event_time TO DAY) AS d, p.properties['region'] AS r, COUNT(DISTINCT e.org_id) AS n"
            + " FROM events e JOIN group_profiles p ON p.group_type = 'org_id' AND p.group_value = e.org_id"
            + " GROUP BY 1, 2";
    /**
     * The same question in Troupe's own form: the org's current region looked up per group instead of a join
     * with {@code group_profiles} (an event without an org has no row in the join, hence the filter).
     */
    static final String TROUPE_DAILY_ORGS_BY_REGION_CGP =
            "SELECT FLOOR(event_time TO DAY) AS d, CURRENT_GROUP_PROPERTY(org_id, 'region') AS r,"
            + " COUNT(DISTINCT org_id) AS n FROM events WHERE org_id IS NOT NULL GROUP BY 1, 2";
    static final String TROUPE_EVENTS_BY_TYPE =
            "SELECT event_type, COUNT(*) AS n FROM events GROUP BY 1";
    /** {@code %1$s}: the event type (a quoted literal); {@code %2$s}, {@code %3$s}: the week's bounds (timestamp literals). */
    static final String TROUPE_FILTERED_COUNT =
            "SELECT COUNT(*) AS n FROM events WHERE event_type = %1$s AND event_time >= %2$s AND event_time < %3$s";

    // ---- DuckDB SQL: the reference -----------------------------------------------------------------------

    static final String DUCKDB_DAU =
            "SELECT date_trunc('day', event_time) AS d, COUNT(DISTINCT user_id) AS n FROM events GROUP BY 1";
    static final String DUCKDB_DAILY_ORGS =
            "SELECT date_trunc('day', event_time) AS d, COUNT(DISTINCT org_id) AS n FROM events GROUP BY 1";
    static final String DUCKDB_DAILY_ORGS_BY_REGION =
            "SELECT date_trunc('day', e.event_time) AS d, p.region AS r, COUNT(DISTINCT e.org_id) AS n"
            + " FROM events e JOIN org_profiles p ON p.org_id = e.org_id GROUP BY 1, 2";
    static final String DUCKDB_EVENTS_BY_TYPE =
            "SELECT event_type, COUNT(*) AS n FROM events GROUP BY 1";
    static final String DUCKDB_FILTERED_COUNT =
            "SELECT COUNT(*) AS n FROM events WHERE event_type = %1$s AND event_time >= %2$s AND event_time < %3$s";

    /** DuckDB: the most frequent event type, the filtered count's type (ties: the first by name). */
    static final String DUCKDB_MOST_COMMON_TYPE =
            "SELECT event_type FROM events GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1";

    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("''yyyy-MM-dd HH:mm:ss''");

    private CompareQueries() {
    }

    /**
     * The five queries of the issue, plus the third in Troupe's {@code CURRENT_GROUP_PROPERTY} form (same DuckDB
     * statement, so the same expected answer).
     *
     * @param filterType the filtered count's event type
     * @param weekStart  start of the filtered count's week (inclusive); it ends 7 days later (exclusive)
     */
    public static List<CompareQuery> all(String filterType, Instant weekStart) {
        String type = quote(filterType);
        String from = timestamp(weekStart);
        String to = timestamp(weekStart.plusSeconds(7 * 86_400L));
        return List.of(
                new CompareQuery(DAU, TROUPE_DAU, DUCKDB_DAU),
                new CompareQuery(DAILY_ORGS, TROUPE_DAILY_ORGS, DUCKDB_DAILY_ORGS),
                new CompareQuery(DAILY_ORGS_BY_REGION, TROUPE_DAILY_ORGS_BY_REGION, DUCKDB_DAILY_ORGS_BY_REGION),
                new CompareQuery(DAILY_ORGS_BY_REGION_CGP, TROUPE_DAILY_ORGS_BY_REGION_CGP, DUCKDB_DAILY_ORGS_BY_REGION),
                new CompareQuery(EVENTS_BY_TYPE, TROUPE_EVENTS_BY_TYPE, DUCKDB_EVENTS_BY_TYPE),
                new CompareQuery(FILTERED_COUNT, String.format(TROUPE_FILTERED_COUNT, type, from, to),
                        String.format(DUCKDB_FILTERED_COUNT, type, from, to)));
    }

    /** A SQL string literal. */
    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A {@code TIMESTAMP '...'} literal of a UTC instant (whole seconds), which both engines read alike. */
    static String timestamp(Instant t) {
        return "TIMESTAMP " + LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(LITERAL);
    }
}
