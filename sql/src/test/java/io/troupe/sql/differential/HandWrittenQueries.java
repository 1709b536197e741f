package io.troupe.sql.differential;

import static io.troupe.sql.differential.DataFacts.literal;
import static io.troupe.sql.differential.QueryCorpus.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The hand-written part of the corpus: edge cases the templates reach rarely or not at all (NULL ordering,
 * exact time bounds, empty inputs, 3-valued logic in NOT and NOT IN, both spellings of a time bucket in one
 * statement, ROLLUP, parameters, the dialect's integer division and AVG typing, group_profiles against the
 * events it summarises).
 */
public final class HandWrittenQueries {
    private HandWrittenQueries() {
    }

    public static List<DiffQuery> all(DataFacts f) {
        List<DiffQuery> q = new ArrayList<>();
        long mid = f.times()[f.times().length / 2];
        long quarter = f.times()[f.times().length / 4];
        String smallOrg = f.smallOrgIds().get(0);
        String midLit = literal(mid);

        q.add(DiffQuery.of("h01-count", "SELECT COUNT(*) FROM events", true));
        q.add(DiffQuery.of("h02-types-by-count",
                "SELECT event_type, COUNT(*) AS n FROM events GROUP BY event_type ORDER BY n DESC, event_type", true));
        q.add(DiffQuery.pair("h03-profiles-first-last-seen",
                "SELECT group_value, first_seen, last_seen FROM group_profiles WHERE group_type = 'org_id' AND first_seen IS NOT NULL",
                "SELECT org_id, MIN(event_time), MAX(event_time) FROM events WHERE org_id IS NOT NULL GROUP BY org_id",
                false, Set.of()));
        q.add(DiffQuery.of("h04-not-in-with-null",
                "SELECT COUNT(*) FROM events WHERE org_id NOT IN (" + str(smallOrg) + ", CAST(NULL AS VARCHAR))", true));
        q.add(DiffQuery.of("h05-week-floor-and-trunc-with-extract",
                "SELECT event_time, FLOOR(event_time TO WEEK), DATE_TRUNC('week', event_time), EXTRACT(HOUR FROM event_time)"
                        + " FROM events WHERE org_id = " + str(smallOrg), false));
        q.add(DiffQuery.of("h06-time-equals-exact",
                "SELECT COUNT(*), MIN(insert_id) FROM events WHERE event_time = " + midLit, true));
        q.add(DiffQuery.of("h07-time-not-equal",
                "SELECT COUNT(*) FROM events WHERE event_time <> " + midLit, true));
        q.add(DiffQuery.of("h08-between-exact-bounds",
                "SELECT COUNT(*), MIN(event_time), MAX(event_time) FROM events WHERE event_time BETWEEN "
                        + literal(quarter) + " AND " + midLit, true));
        q.add(DiffQuery.of("h09-not-nullable-equals",
                "SELECT COUNT(*) FROM events WHERE NOT (org_id = " + str(smallOrg) + ")", true));
        q.add(DiffQuery.of("h10-not-or-pushed",
                "SELECT event_type, COUNT(*) FROM events WHERE NOT (event_type = 'Open App' OR event_type LIKE 'View%')"
                        + " GROUP BY event_type", false));
        q.add(DiffQuery.of("h11-like-escape",
                "SELECT event_type, COUNT(*) FROM events WHERE event_type LIKE 'Create\\_%' ESCAPE '\\' OR event_type LIKE 'Log%'"
                        + " GROUP BY event_type", false));
        q.add(DiffQuery.of("h12-like-percent-on-nullable",
                "SELECT COUNT(*) FROM events WHERE user_id LIKE '%'", true));
        q.add(DiffQuery.of("h13-distinct-hours-after-mid",
                "SELECT COUNT(DISTINCT FLOOR(event_time TO HOUR)), COUNT(DISTINCT FLOOR(event_time TO DAY)) FROM events"
                        + " WHERE event_time >= " + midLit, true));
        q.add(DiffQuery.of("h14-min-max-buckets",
                "SELECT MIN(FLOOR(event_time TO MONTH)), MAX(FLOOR(event_time TO WEEK)), MIN(DATE_TRUNC('quarter', event_time)),"
                        + " MAX(DATE_TRUNC('year', event_time)) FROM events", true));
        q.add(DiffQuery.of("h15-empty-scalar-aggregate",
                "SELECT COUNT(*), COUNT(DISTINCT user_id), MIN(event_time), MAX(org_id) FROM events WHERE event_type = 'No Such Event'",
                true));
        q.add(DiffQuery.of("h16-empty-grouped-aggregate",
                "SELECT FLOOR(event_time TO DAY), COUNT(*) FROM events WHERE event_time >= TIMESTAMP '2030-01-01 00:00:00'"
                        + " GROUP BY FLOOR(event_time TO DAY)", false));
        q.add(DiffQuery.of("h17-floor-and-trunc-day-together",
                "SELECT FLOOR(event_time TO DAY), DATE_TRUNC('day', event_time), COUNT(*) FROM events"
                        + " GROUP BY FLOOR(event_time TO DAY), DATE_TRUNC('day', event_time)", false));
        q.add(DiffQuery.of("h18-nulls-first-descending",
                "SELECT org_id, COUNT(*) FROM events GROUP BY org_id ORDER BY org_id DESC LIMIT 5", true));
        q.add(DiffQuery.of("h19-nulls-last-ascending",
                "SELECT user_properties['locale'] AS locale, COUNT(*) FROM events GROUP BY user_properties['locale'] ORDER BY locale", true));
        q.add(DiffQuery.pair("h20-integer-division-and-avg",
                "SELECT 7 / 2, -7 / 2, MOD(-7, 2), AVG(CAST(event_properties['chart_count'] AS INTEGER)),"
                        + " SUM(CAST(event_properties['chart_count'] AS INTEGER)) / COUNT(event_properties['chart_count']) FROM events",
                "SELECT 7 // 2, -7 // 2, MOD(-7, 2), AVG(CAST(event_properties['chart_count'] AS INTEGER)),"
                        + " SUM(CAST(event_properties['chart_count'] AS INTEGER)) // COUNT(event_properties['chart_count']) FROM events",
                true, Set.of()));
        q.add(DiffQuery.pair("h21-timestampdiff",
                "SELECT org_id, TIMESTAMPDIFF(DAY, MIN(event_time), MAX(event_time)), TIMESTAMPDIFF(HOUR, MIN(event_time), MAX(event_time))"
                        + " FROM events GROUP BY org_id",
                "SELECT org_id, date_sub('day', MIN(event_time), MAX(event_time)), date_sub('hour', MIN(event_time), MAX(event_time))"
                        + " FROM events GROUP BY org_id",
                false, Set.of()));
        q.add(DiffQuery.of("h22-interval-arithmetic",
                "SELECT DATE_TRUNC('day', event_time + INTERVAL '5' HOUR) AS d, COUNT(*) FROM events WHERE event_time >= "
                        + midLit + " - INTERVAL '2' DAY GROUP BY DATE_TRUNC('day', event_time + INTERVAL '5' HOUR)", false));
        q.add(DiffQuery.of("h23-self-join-sequence",
                "SELECT COUNT(DISTINCT a.user_id), COUNT(*) FROM events a JOIN events b ON a.user_id = b.user_id"
                        + " AND b.event_time > a.event_time WHERE a.event_type = 'Create Report' AND b.event_type = 'Share Report'", true));
        q.add(DiffQuery.of("h24-params-type-and-time",
                "SELECT org_id, COUNT(*) FROM events WHERE event_type = ? AND event_time >= ? GROUP BY org_id", false)
                .withParams("Open App", Instant.ofEpochMilli(mid)));
        q.add(DiffQuery.of("h25-params-in-like",
                "SELECT event_type, COUNT(*) FROM events WHERE event_type LIKE ? AND org_id <> ? GROUP BY event_type", false)
                .withParams("View%", smallOrg));
        q.add(DiffQuery.of("h26-lead-lag-defaults",
                "SELECT d, n, LAG(n, 1, 0) OVER (ORDER BY d) AS prev_n, LEAD(n) OVER (ORDER BY d) AS nxt,"
                        + " SUM(n) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run_total"
                        + " FROM (SELECT FLOOR(event_time TO DAY) AS d, COUNT(*) AS n FROM events GROUP BY FLOOR(event_time TO DAY)) t"
                        + " ORDER BY d", true));
        q.add(DiffQuery.of("h27-count-filter",
                "SELECT event_type, COUNT(*) FILTER (WHERE org_id IS NULL), COUNT(DISTINCT user_id) FILTER (WHERE event_properties['platform'] = 'Web')"
                        + " FROM events GROUP BY event_type", false));
        q.add(DiffQuery.of("h28-string-functions",
                "SELECT CHAR_LENGTH(event_type) AS len, UPPER(event_type) AS up, LOWER(SUBSTRING(event_type FROM 2 FOR 3)) AS mid,"
                        + " TRIM(' ' || event_type || ' ') AS tr, COUNT(*) FROM events GROUP BY 1, 2, 3, 4", false));
        q.add(DiffQuery.of("h29-coalesce-concat",
                "SELECT COALESCE(org_id, '(none)') || '/' || COALESCE(user_id, device_id) AS who, COUNT(*) FROM events"
                        + " WHERE event_type = 'Open App' AND event_time < " + literal(quarter) + " GROUP BY 1", false));
        q.add(DiffQuery.of("h30-insert-id-like",
                "SELECT COUNT(*), MIN(insert_id), MAX(insert_id) FROM events WHERE insert_id LIKE 'anon-%'", true));
        q.add(DiffQuery.of("h31-rollup",
                "SELECT event_type, FLOOR(event_time TO MONTH) AS m, COUNT(*) FROM events WHERE event_type LIKE 'View%'"
                        + " GROUP BY ROLLUP(event_type, FLOOR(event_time TO MONTH))", false));
        q.add(DiffQuery.of("h32-offset",
                "SELECT org_id, COUNT(*) AS n FROM events GROUP BY org_id ORDER BY n DESC, org_id LIMIT 5 OFFSET 3", true));
        q.add(DiffQuery.of("h33-type-in-subquery",
                "SELECT COUNT(*) FROM events WHERE event_type IN (SELECT event_type FROM events WHERE org_id = " + str(smallOrg) + ")",
                true));
        q.add(DiffQuery.of("h34-having-two-conditions",
                "SELECT org_id, COUNT(DISTINCT user_id), MIN(event_time) FROM events GROUP BY org_id"
                        + " HAVING COUNT(DISTINCT user_id) > 10 AND MIN(event_time) < " + midLit, false));
        q.add(DiffQuery.of("h35-ms-bounds",
                "SELECT COUNT(*) FROM events WHERE event_time > " + literal(mid - 1) + " AND event_time <= " + literal(mid + 1), true));
        q.add(DiffQuery.of("h36-distinct-nulls",
                "SELECT COUNT(DISTINCT org_id), COUNT(org_id), COUNT(*) FROM events WHERE org_id IS NULL", true));
        q.add(DiffQuery.of("h37-device-not-user",
                "SELECT COUNT(*) FROM events WHERE device_id <> user_id OR user_id IS NULL", true));
        q.add(DiffQuery.of("h38-top-n-rows",
                "SELECT insert_id, event_time, event_type FROM events ORDER BY event_time DESC, insert_id LIMIT 10", true));
        q.add(DiffQuery.of("h39-floor-week-year-boundary",
                "SELECT FLOOR(event_time TO WEEK) AS w, EXTRACT(ISODOW FROM FLOOR(event_time TO WEEK)) AS dow, COUNT(*) FROM events"
                        + " GROUP BY FLOOR(event_time TO WEEK) ORDER BY w", true));
        q.add(DiffQuery.of("h40-bucket-edges",
                "SELECT FLOOR(event_time TO HOUR) AS h, COUNT(*) FROM events WHERE event_time >= TIMESTAMP '2026-01-10 00:00:00'"
                        + " AND event_time < TIMESTAMP '2026-01-10 03:00:00' GROUP BY FLOOR(event_time TO HOUR) ORDER BY h", true));
        q.add(DiffQuery.of("h41-profiles-left-join-null-orgs",
                "SELECT g.properties['region'] AS region, COUNT(*), COUNT(g.group_value) FROM events e LEFT JOIN group_profiles g"
                        + " ON g.group_type = 'org_id' AND g.group_value = e.org_id GROUP BY g.properties['region'] ORDER BY region", true));
        q.add(DiffQuery.of("h42-sum-avg-amount",
                "SELECT event_type, SUM(CAST(event_properties['amount'] AS DOUBLE)), AVG(CAST(event_properties['amount'] AS DOUBLE)),"
                        + " MIN(CAST(event_properties['amount'] AS DOUBLE)), COUNT(event_properties['amount']) FROM events"
                        + " WHERE event_properties['amount'] IS NOT NULL GROUP BY event_type", false, Set.of(1, 2)));
        q.add(DiffQuery.of("h43-count-distinct-pair",
                "SELECT COUNT(DISTINCT user_id), COUNT(DISTINCT device_id), COUNT(DISTINCT org_id), COUNT(DISTINCT event_type),"
                        + " COUNT(DISTINCT insert_id) FROM events", true));
        q.add(DiffQuery.of("h44-dow-hour-grid",
                "SELECT EXTRACT(DOW FROM event_time) AS dow, EXTRACT(HOUR FROM event_time) AS h, COUNT(*) FROM events"
                        + " GROUP BY EXTRACT(DOW FROM event_time), EXTRACT(HOUR FROM event_time) ORDER BY dow, h", true));
        q.add(DiffQuery.of("h45-not-in-subquery-with-nulls",
                "SELECT COUNT(*) FROM events WHERE user_id NOT IN (SELECT user_id FROM events WHERE event_type = 'Visit Landing Page')",
                true));
        q.add(DiffQuery.of("h46-or-of-time-and-type",
                "SELECT COUNT(*) FROM events WHERE event_time < " + literal(quarter) + " OR event_type = 'Upgrade Plan'", true));
        q.add(DiffQuery.of("h47-one-column-union",
                "SELECT org_id AS k1 FROM events WHERE user_id IS NULL UNION SELECT org_id FROM events WHERE org_id = "
                        + str(smallOrg), false));
        q.add(DiffQuery.of("h48-one-column-distinct-ordered",
                "SELECT DISTINCT DATE_TRUNC('hour', event_time) AS k1 FROM events WHERE org_id = " + str(smallOrg)
                        + " ORDER BY k1 DESC LIMIT 10", true));
        q.add(DiffQuery.of("h49-top-n-time-offset",
                "SELECT event_time FROM events ORDER BY event_time DESC LIMIT 25 OFFSET 5", true));
        q.add(DiffQuery.of("h50-top-n-bucket-ties",
                "SELECT FLOOR(event_time TO HOUR) AS h, DATE_TRUNC('day', event_time) AS d FROM events"
                        + " WHERE event_type = 'Visit Landing Page' ORDER BY h LIMIT 40", true));
        q.add(DiffQuery.of("h51-top-n-beyond-rows",
                "SELECT event_time, FLOOR(event_time TO DAY) FROM events WHERE org_id = " + str(smallOrg)
                        + " ORDER BY event_time LIMIT 100000", true));
        q.add(DiffQuery.of("h52-limit-zero",
                "SELECT event_time FROM events ORDER BY event_time LIMIT 0", true));
        q.add(DiffQuery.of("h53-top-n-offset-past-end",
                "SELECT event_time FROM events WHERE event_type = 'Upgrade Plan' ORDER BY event_time OFFSET 100000 ROWS", true));
        String tailType = str(DuckDbDifferentialTest.TAIL_ONLY_EVENT_TYPE);
        String tailOrg = str(DuckDbDifferentialTest.TAIL_ONLY_ORG);
        q.add(DiffQuery.of("h54-tail-only-type-in-list",
                "SELECT event_type, COUNT(*), MIN(event_time) FROM events WHERE event_type IN (" + tailType
                        + ", 'Visit Landing Page') GROUP BY event_type", false));
        q.add(DiffQuery.of("h55-tail-only-org-or-type",
                "SELECT org_id, COUNT(*), MAX(event_time) FROM events WHERE org_id = " + tailOrg + " OR event_type = "
                        + tailType + " GROUP BY org_id", false));
        q.add(DiffQuery.of("h56-tail-only-negations",
                "SELECT COUNT(*) FILTER (WHERE event_type <> " + tailType + "), COUNT(*) FILTER (WHERE org_id <> " + tailOrg
                        + "), (SELECT COUNT(*) FROM events WHERE event_type NOT IN (" + tailType + ", 'Open App')),"
                        + " (SELECT COUNT(*) FROM events WHERE event_type NOT LIKE 'Start%' AND org_id NOT IN (" + tailOrg + "))"
                        + " FROM events", true));
        q.add(DiffQuery.of("h57-tail-only-org-profile-join",
                "SELECT e.org_id, g.first_seen, COUNT(*) FROM events e JOIN group_profiles g ON g.group_type = 'org_id'"
                        + " AND g.group_value = e.org_id WHERE e.org_id IN (" + tailOrg + ", " + str(smallOrg) + ")"
                        + " GROUP BY e.org_id, g.first_seen", false));
        q.add(DiffQuery.of("h58-scalar-subquery-with-like",
                "SELECT COUNT(*), MIN(event_time) FROM events WHERE event_time >= (SELECT MAX(event_time) FROM events"
                        + " WHERE device_id LIKE 'anon%') - INTERVAL '3' DAY", true));
        q.add(DiffQuery.of("h59-scalar-subquery-empty",
                "SELECT COUNT(*) FROM events WHERE event_time >= (SELECT MAX(event_time) FROM events"
                        + " WHERE event_type = 'No Such Event') - INTERVAL '3' DAY", true));
        String profileJoin = " FROM events e LEFT JOIN group_profiles g ON g.group_type = 'org_id' AND g.group_value = e.org_id";
        q.add(DiffQuery.pair("h60-current-group-property-key",
                "SELECT CURRENT_GROUP_PROPERTY(org_id, 'region') AS region, COUNT(*), COUNT(DISTINCT user_id) FROM events"
                        + " GROUP BY CURRENT_GROUP_PROPERTY(org_id, 'region')",
                "SELECT g.properties['region'] AS region, COUNT(*), COUNT(DISTINCT e.user_id)" + profileJoin
                        + " GROUP BY g.properties['region']", false, Set.of()));
        q.add(DiffQuery.pair("h61-current-group-property-filter",
                "SELECT event_type, COUNT(*) FROM events WHERE CURRENT_GROUP_PROPERTY(org_id, 'plan') IN ('team', 'business')"
                        + " AND event_time >= " + literal(quarter) + " GROUP BY event_type",
                "SELECT e.event_type, COUNT(*)" + profileJoin + " WHERE g.properties['plan'] IN ('team', 'business')"
                        + " AND e.event_time >= " + literal(quarter) + " GROUP BY e.event_type", false, Set.of()));
        q.add(DiffQuery.of("h62-profile-join-with-first-seen",
                "SELECT g.properties['plan'] AS plan, MIN(g.first_seen), COUNT(*), COUNT(DISTINCT e.org_id) FROM events e"
                        + " JOIN group_profiles g ON g.group_type = 'org_id' AND g.group_value = e.org_id GROUP BY g.properties['plan']",
                false));
        q.add(DiffQuery.of("h63-profile-join-group-value-filter",
                "SELECT g.group_value, g.properties['region'], COUNT(*) FROM events e JOIN group_profiles g"
                        + " ON g.group_type = 'org_id' AND g.group_value = e.org_id WHERE g.group_value IN (" + tailOrg + ", "
                        + str(smallOrg) + ") GROUP BY g.group_value, g.properties['region']", false));
        q.add(DiffQuery.of("h64-profile-join-reversed-condition",
                "SELECT g.properties['industry'] AS industry, FLOOR(e.event_time TO WEEK) AS w, COUNT(*) FROM events e JOIN group_profiles g"
                        + " ON e.org_id = g.group_value AND g.group_type = 'org_id' WHERE e.event_type LIKE 'Create%'"
                        + " GROUP BY g.properties['industry'], FLOOR(e.event_time TO WEEK)", false));
        // GROUP_PROPERTY: the value in force at the event's time; DuckDB joins the history on valid_from <= t < valid_to.
        String plan = DuckDbMirror.historyJoin("h", "plan");
        q.add(DiffQuery.pair("h65-group-property-at-daily-accounts",
                "SELECT FLOOR(event_time TO DAY) AS d, GROUP_PROPERTY(org_id, 'plan') AS plan, COUNT(DISTINCT org_id), COUNT(*)"
                        + " FROM events GROUP BY FLOOR(event_time TO DAY), GROUP_PROPERTY(org_id, 'plan')",
                "SELECT FLOOR(e.event_time TO DAY) AS d, h.property_value AS plan, COUNT(DISTINCT e.org_id), COUNT(*)"
                        + " FROM events e" + plan + " GROUP BY FLOOR(e.event_time TO DAY), h.property_value", false, Set.of()));
        q.add(DiffQuery.pair("h66-group-property-at-filter",
                "SELECT event_type, COUNT(*), COUNT(DISTINCT user_id) FROM events WHERE (GROUP_PROPERTY(org_id, 'plan') IN ('team', 'business')"
                        + " OR GROUP_PROPERTY(org_id, 'plan') IS NULL) AND event_time >= " + literal(quarter) + " GROUP BY event_type",
                "SELECT e.event_type, COUNT(*), COUNT(DISTINCT e.user_id) FROM events e" + plan + " WHERE (h.property_value IN ('team', 'business')"
                        + " OR h.property_value IS NULL) AND e.event_time >= " + literal(quarter) + " GROUP BY e.event_type",
                false, Set.of()));
        q.add(DiffQuery.pair("h67-group-property-at-like-and-distinct",
                "SELECT org_id, COUNT(DISTINCT GROUP_PROPERTY(org_id, 'plan')), COUNT(GROUP_PROPERTY(org_id, 'plan')) FROM events"
                        + " WHERE GROUP_PROPERTY(org_id, 'region') LIKE '%A%' GROUP BY org_id",
                "SELECT e.org_id, COUNT(DISTINCT h.property_value), COUNT(h.property_value) FROM events e" + plan
                        + DuckDbMirror.historyJoin("r", "region") + " WHERE r.property_value LIKE '%A%' GROUP BY e.org_id",
                false, Set.of()));
        q.add(DiffQuery.pair("h68-group-property-at-against-current",
                "SELECT GROUP_PROPERTY(org_id, 'plan') AS was, CURRENT_GROUP_PROPERTY(org_id, 'plan') AS now, COUNT(*) FROM events"
                        + " WHERE org_id IS NOT NULL GROUP BY GROUP_PROPERTY(org_id, 'plan'), CURRENT_GROUP_PROPERTY(org_id, 'plan')",
                "SELECT h.property_value AS was, g.properties['plan'] AS now, COUNT(*) FROM events e" + plan + profileJoin.substring(" FROM events e".length())
                        + " WHERE e.org_id IS NOT NULL GROUP BY h.property_value, g.properties['plan']", false, Set.of()));
        q.add(DiffQuery.pair("h69-group-property-at-rows",
                "SELECT insert_id, GROUP_PROPERTY(org_id, 'plan'), GROUP_PROPERTY(org_id, 'employee_count') FROM events"
                        + " WHERE org_id IN (" + str(smallOrg) + ", " + tailOrg + ") ORDER BY insert_id",
                "SELECT e.insert_id, h.property_value, c.property_value FROM events e" + plan + DuckDbMirror.historyJoin("c", "employee_count")
                        + " WHERE e.org_id IN (" + str(smallOrg) + ", " + tailOrg + ") ORDER BY e.insert_id", true, Set.of()));
        return q;
    }
}
