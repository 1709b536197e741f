package io.troupe.sql.differential;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The generated part of the differential corpus: statements built from templates with seeded random choices
 * over the data's real values ({@link DataFacts}). Every statement is written in Troupe's dialect and
 * translated with {@link DuckDbDialect#translate}, except where a template needs a pair (integer division,
 * {@code GROUP_PROPERTY}).
 *
 * <p>Templates: {@code agg} (filters, 0-2 keys, 1-4 aggregates, HAVING, ORDER BY + LIMIT), {@code rows}
 * (row-level, total ORDER BY), {@code distinct}, {@code join} (with {@code group_profiles}), {@code gp-at}
 * ({@code GROUP_PROPERTY} against a join on {@code group_property_history}), {@code in-subquery},
 * {@code scalar-subquery}, {@code derived}, {@code union}, {@code window}, {@code idiv}. A result is compared in
 * order only when its ORDER BY is a total order (all group keys, or a unique column), otherwise as a multiset.
 */
public final class QueryCorpus {
    /** A grouping or DISTINCT key: its SQL over columns qualified by {@code q} (empty or {@code "e."}). */
    private record Key(String name, Function<String, String> sql) {
    }

    /** An aggregate; {@code approx}: SUM/AVG of floating values; {@code orderable}: an exact count, safe to order by. */
    private record Agg(Function<String, String> sql, boolean approx, boolean orderable) {
    }

    private static final List<Key> KEYS = List.of(
            key("event_type", q -> q + "event_type"),
            key("event_type", q -> q + "event_type"),
            key("org_id", q -> q + "org_id"),
            key("org_id", q -> q + "org_id"),
            key("user_id", q -> q + "user_id"),
            key("device_id", q -> q + "device_id"),
            key("floor-day", q -> "FLOOR(" + q + "event_time TO DAY)"),
            key("floor-hour", q -> "FLOOR(" + q + "event_time TO HOUR)"),
            key("floor-week", q -> "FLOOR(" + q + "event_time TO WEEK)"),
            key("floor-month", q -> "FLOOR(" + q + "event_time TO MONTH)"),
            key("trunc-day", q -> "DATE_TRUNC('day', " + q + "event_time)"),
            key("trunc-week", q -> "DATE_TRUNC('week', " + q + "event_time)"),
            key("trunc-month", q -> "DATE_TRUNC('month', " + q + "event_time)"),
            key("trunc-hour", q -> "DATE_TRUNC('hour', " + q + "event_time)"),
            key("trunc-quarter", q -> "DATE_TRUNC('quarter', " + q + "event_time)"),
            key("extract-hour", q -> "EXTRACT(HOUR FROM " + q + "event_time)"),
            key("extract-dow", q -> "EXTRACT(DOW FROM " + q + "event_time)"),
            key("extract-day", q -> "EXTRACT(DAY FROM " + q + "event_time)"),
            key("extract-month", q -> "EXTRACT(MONTH FROM " + q + "event_time)"),
            key("platform", q -> q + "event_properties['platform']"),
            key("currency", q -> q + "event_properties['currency']"),
            key("is_trial", q -> q + "event_properties['is_trial']"),
            key("locale", q -> q + "user_properties['locale']"),
            key("case-type", q -> "CASE WHEN " + q + "event_type LIKE 'View%' THEN 'view' WHEN " + q
                    + "event_type LIKE 'Create%' THEN 'create' WHEN " + q + "event_type IN ('Log In', 'Log Out') THEN 'session' ELSE 'other' END"),
            key("case-hour", q -> "CASE WHEN EXTRACT(HOUR FROM " + q + "event_time) < 12 THEN 'am' ELSE 'pm' END"),
            key("prefix", q -> "UPPER(SUBSTRING(" + q + "event_type FROM 1 FOR 4))"),
            key("org-or-none", q -> "COALESCE(" + q + "org_id, '(none)')"));

    private static final List<Agg> AGGS = List.of(
            agg(q -> "COUNT(*)", false, true),
            agg(q -> "COUNT(*)", false, true),
            agg(q -> "COUNT(" + q + "user_id)", false, true),
            agg(q -> "COUNT(" + q + "org_id)", false, true),
            agg(q -> "COUNT(DISTINCT " + q + "user_id)", false, true),
            agg(q -> "COUNT(DISTINCT " + q + "user_id)", false, true),
            agg(q -> "COUNT(DISTINCT " + q + "org_id)", false, true),
            agg(q -> "COUNT(DISTINCT " + q + "device_id)", false, true),
            agg(q -> "COUNT(DISTINCT " + q + "event_type)", false, true),
            agg(q -> "COUNT(DISTINCT FLOOR(" + q + "event_time TO DAY))", false, true),
            agg(q -> "COUNT(DISTINCT DATE_TRUNC('hour', " + q + "event_time))", false, true),
            agg(q -> "MIN(" + q + "event_time)", false, false),
            agg(q -> "MAX(" + q + "event_time)", false, false),
            agg(q -> "MIN(FLOOR(" + q + "event_time TO HOUR))", false, false),
            agg(q -> "MAX(DATE_TRUNC('day', " + q + "event_time))", false, false),
            agg(q -> "MIN(" + q + "event_type)", false, false),
            agg(q -> "MAX(" + q + "org_id)", false, false),
            agg(q -> "COUNT(" + q + "event_properties['zip'])", false, true),
            agg(q -> "SUM(CAST(" + q + "event_properties['amount'] AS DOUBLE))", true, false),
            agg(q -> "AVG(CAST(" + q + "event_properties['amount'] AS DOUBLE))", true, false),
            agg(q -> "MAX(CAST(" + q + "event_properties['amount'] AS DOUBLE))", false, false),
            agg(q -> "SUM(CAST(" + q + "event_properties['chart_count'] AS INTEGER))", false, false),
            agg(q -> "AVG(CAST(" + q + "event_properties['chart_count'] AS INTEGER))", false, false),
            agg(q -> "AVG(CAST(" + q + "event_properties['result_count'] AS BIGINT))", false, false),
            agg(q -> "SUM(CASE WHEN " + q + "org_id IS NULL THEN 1 ELSE 0 END)", false, true),
            agg(q -> "COUNT(*) FILTER (WHERE " + q + "event_properties['platform'] = 'iOS')", false, true));

    /** Keys whose values are text in both engines. */
    private static final List<String> TEXT_KEYS = List.of("event_type", "org_id", "platform", "case-type", "org-or-none", "prefix");

    private static final List<String> LIKE_WORDS = List.of("%Report%", "%Invoice", "View%", "view%", "_pen App",
            "Create%", "%e", "%", "S%t", "Log _n", "%Task%", "Open App");
    private static final List<String> GROUP_PROPERTIES = List.of("plan", "region", "industry");
    private static final List<String> REGIONS = List.of("NA", "EU", "APAC");
    private static final List<String> PLANS = List.of("trial", "free", "team", "business", "enterprise");

    private final DataFacts facts;
    private final Random r;
    private final List<DiffQuery> out = new ArrayList<>();

    private QueryCorpus(DataFacts facts, long seed) {
        this.facts = facts;
        this.r = new Random(seed);
    }

    /** {@code count} generated statements for this seed. */
    public static List<DiffQuery> generate(DataFacts facts, long seed, int count) {
        QueryCorpus c = new QueryCorpus(facts, seed);
        while (c.out.size() < count) {
            c.next();
        }
        return c.out;
    }

    private void next() {
        int p = r.nextInt(100);
        if (p < 34) {
            agg();
        } else if (p < 42) {
            rows();
        } else if (p < 48) {
            distinct();
        } else if (p < 55) {
            join();
        } else if (p < 58) {
            groupPropertyAt();
        } else if (p < 65) {
            inSubquery();
        } else if (p < 71) {
            scalarSubquery();
        } else if (p < 78) {
            derived();
        } else if (p < 84) {
            union();
        } else if (p < 93) {
            window();
        } else {
            idiv();
        }
    }

    private String id(String template) {
        return String.format("g%03d-%s", out.size() + 1, template);
    }

    private void add(String template, String sql, boolean ordered, Set<Integer> approx) {
        out.add(DiffQuery.of(id(template), sql, ordered, approx));
    }

    // ---- templates ----

    private void agg() {
        List<Key> keys = keys(weighted(15, 50, 35));
        List<Agg> aggs = aggs(1 + r.nextInt(4));
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> items = new ArrayList<>();
        Set<Integer> approx = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            items.add(keys.get(i).sql().apply("") + " AS k" + (i + 1));
        }
        for (int i = 0; i < aggs.size(); i++) {
            items.add(aggs.get(i).sql().apply("") + " AS a" + (i + 1));
            if (aggs.get(i).approx()) {
                approx.add(keys.size() + i);
            }
        }
        sql.append(String.join(", ", items)).append(" FROM events");
        appendWhere(sql, filter(""));
        boolean ordered = false;
        if (!keys.isEmpty()) {
            sql.append(" GROUP BY ").append(groupBy(keys, ""));
            if (r.nextInt(5) == 0) {
                sql.append(" HAVING ").append(r.nextBoolean() ? "COUNT(*) > " + (1 + r.nextInt(40))
                        : "COUNT(DISTINCT user_id) >= " + (1 + r.nextInt(8)));
            }
            int o = r.nextInt(10);
            if (o < 3) {
                sql.append(" ORDER BY ").append(keyOrder(keys.size()));
                ordered = true;
            } else if (o < 7) {
                int a = orderableAgg(aggs);
                if (a < 0) {
                    sql.append(" ORDER BY ").append(keyOrder(keys.size())).append(" LIMIT ").append(1 + r.nextInt(20));
                } else {
                    sql.append(" ORDER BY a").append(a + 1).append(r.nextBoolean() ? " DESC, " : ", ")
                            .append(keyOrder(keys.size())).append(" LIMIT ").append(1 + r.nextInt(20));
                }
                ordered = true;
            }
        }
        add("agg", sql.toString(), ordered, approx);
    }

    private void rows() {
        if (r.nextInt(3) == 0) {
            topN();
            return;
        }
        String sql = "SELECT insert_id, event_time, event_type, user_id, device_id, org_id, event_properties['platform'] AS platform"
                + " FROM events WHERE " + selective("") + (r.nextBoolean() ? " AND " + atom("", 1) : "");
        if (r.nextInt(4) == 0) {
            add("rows", sql, false, Set.of());
            return;
        }
        sql += " ORDER BY event_time" + (r.nextBoolean() ? " DESC" : "") + ", insert_id LIMIT " + (1 + r.nextInt(50));
        if (r.nextInt(4) == 0) {
            sql += " OFFSET " + r.nextInt(10);
        }
        add("rows", sql, true, Set.of());
    }

    /**
     * Row-level statements ordered by one time key with LIMIT (and OFFSET): Troupe runs them as a top-N in the
     * scan. Only time-derived columns are selected, so that ties at the limit cannot make the answer depend on
     * which tied row is kept.
     */
    private void topN() {
        String unit = pick(List.of("HOUR", "DAY", "MINUTE"));
        String[] shapes = {
                "SELECT event_time FROM events",
                "SELECT event_time, FLOOR(event_time TO " + unit + ") AS b FROM events",
                "SELECT FLOOR(event_time TO " + unit + ") AS b FROM events",
                "SELECT DATE_TRUNC('" + unit.toLowerCase(java.util.Locale.ROOT) + "', event_time) AS b, event_time FROM events",
        };
        int shape = r.nextInt(shapes.length);
        StringBuilder sql = new StringBuilder(shapes[shape]);
        appendWhere(sql, filter(""));
        // ordering by event_time also orders its bucket; ordering by the bucket is total only when nothing else is selected
        String key = shape == 2 ? "b" : "event_time";
        sql.append(" ORDER BY ").append(key).append(r.nextBoolean() ? " DESC" : "").append(" LIMIT ").append(1 + r.nextInt(60));
        if (r.nextInt(3) == 0) {
            sql.append(" OFFSET ").append(r.nextInt(40));
        }
        add("top-n", sql.toString(), true, Set.of());
    }

    private void distinct() {
        List<Key> keys = keys(1 + r.nextInt(2));
        List<String> items = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            items.add(keys.get(i).sql().apply("") + " AS k" + (i + 1));
        }
        StringBuilder sql = new StringBuilder("SELECT DISTINCT ").append(String.join(", ", items)).append(" FROM events");
        appendWhere(sql, filter(""));
        boolean ordered = r.nextBoolean();
        if (ordered) {
            sql.append(" ORDER BY ").append(keyOrder(keys.size()));
            if (r.nextBoolean()) {
                sql.append(" LIMIT ").append(1 + r.nextInt(30));
            }
        }
        add("distinct", sql.toString(), ordered, Set.of());
    }

    private void join() {
        String gp = pick(GROUP_PROPERTIES);
        boolean left = r.nextInt(3) == 0;
        List<String> items = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        items.add("g.properties['" + gp + "'] AS k1");
        groups.add("g.properties['" + gp + "']");
        Key extra = r.nextBoolean() ? pick(KEYS) : null;
        if (extra != null) {
            items.add(extra.sql().apply("e.") + " AS k2");
            groups.add(extra.sql().apply("e."));
        }
        int nKeys = items.size();
        List<Agg> aggs = aggs(1 + r.nextInt(3));
        Set<Integer> approx = new HashSet<>();
        for (int i = 0; i < aggs.size(); i++) {
            items.add(aggs.get(i).sql().apply("e.") + " AS a" + (i + 1));
            if (aggs.get(i).approx()) {
                approx.add(nKeys + i);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", items))
                .append(" FROM events e ").append(left ? "LEFT " : "")
                .append("JOIN group_profiles g ON g.group_type = 'org_id' AND g.group_value = e.org_id");
        List<String> where = new ArrayList<>(filter("e."));
        if (r.nextInt(3) == 0) {
            where.add(r.nextBoolean() ? "g.properties['region'] = '" + pick(REGIONS) + "'"
                    : "g.properties['plan'] IN ('" + pick(PLANS) + "', '" + pick(PLANS) + "')");
        }
        appendWhere(sql, where);
        sql.append(" GROUP BY ").append(String.join(", ", groups));
        boolean ordered = r.nextBoolean();
        if (ordered) {
            sql.append(" ORDER BY ").append(keyOrder(nKeys));
        }
        add("join", sql.toString(), ordered, approx);
    }

    /**
     * {@code GROUP_PROPERTY(e.org_id, 'p')} as the first key, sometimes also in the filter; DuckDB joins the history
     * on {@code valid_from <= event_time < valid_to} ({@link DuckDbMirror#historyJoin}).
     */
    private void groupPropertyAt() {
        String gp = pick(GROUP_PROPERTIES);
        String troupeKey = "GROUP_PROPERTY(e.org_id, '" + gp + "')";
        List<String> troupeItems = new ArrayList<>(List.of(troupeKey + " AS k1"));
        List<String> duckItems = new ArrayList<>(List.of("h.property_value AS k1"));
        List<String> troupeGroups = new ArrayList<>(List.of(troupeKey));
        List<String> duckGroups = new ArrayList<>(List.of("h.property_value"));
        Key extra = r.nextBoolean() ? pick(KEYS) : null;
        if (extra != null) {
            String k = extra.sql().apply("e.");
            troupeItems.add(k + " AS k2");
            duckItems.add(k + " AS k2");
            troupeGroups.add(k);
            duckGroups.add(k);
        }
        int nKeys = troupeItems.size();
        Set<Integer> approx = new HashSet<>();
        List<Agg> aggs = aggs(1 + r.nextInt(3));
        for (int i = 0; i < aggs.size(); i++) {
            String a = aggs.get(i).sql().apply("e.") + " AS a" + (i + 1);
            troupeItems.add(a);
            duckItems.add(a);
            if (aggs.get(i).approx()) {
                approx.add(nKeys + i);
            }
        }
        List<String> where = new ArrayList<>(filter("e."));
        List<String> troupeWhere = new ArrayList<>(where);
        List<String> duckWhere = new ArrayList<>(where);
        String joins = DuckDbMirror.historyJoin("h", gp);
        if (r.nextInt(3) == 0) {
            boolean plan = r.nextBoolean();
            String test = plan ? " IN ('" + pick(PLANS) + "', '" + pick(PLANS) + "')"
                    : r.nextBoolean() ? " = '" + pick(REGIONS) + "'" : " IS NULL";
            String property = plan ? "plan" : "region";
            troupeWhere.add("GROUP_PROPERTY(e.org_id, '" + property + "')" + test);
            duckWhere.add("w.property_value" + test);
            joins += DuckDbMirror.historyJoin("w", property);
        }
        StringBuilder troupe = new StringBuilder("SELECT ").append(String.join(", ", troupeItems)).append(" FROM events e");
        StringBuilder duck = new StringBuilder("SELECT ").append(String.join(", ", duckItems)).append(" FROM events e").append(joins);
        appendWhere(troupe, troupeWhere);
        appendWhere(duck, duckWhere);
        troupe.append(" GROUP BY ").append(String.join(", ", troupeGroups));
        duck.append(" GROUP BY ").append(String.join(", ", duckGroups));
        boolean ordered = r.nextBoolean();
        if (ordered) {
            String order = " ORDER BY " + keyOrder(nKeys);
            troupe.append(order);
            duck.append(order);
        }
        out.add(DiffQuery.pair(id("gp-at"), troupe.toString(), duck.toString(), ordered, approx));
    }

    private void inSubquery() {
        Key k = pick(KEYS);
        String subquery;
        String column;
        switch (r.nextInt(4)) {
            case 0 -> {
                column = "user_id";
                subquery = "SELECT user_id FROM events WHERE event_type = " + str(pick(facts.eventTypes()))
                        + (r.nextBoolean() ? " AND event_time < " + DataFacts.literal(facts.someTime(r)) : "");
            }
            case 1 -> {
                column = "org_id";
                subquery = "SELECT group_value FROM group_profiles WHERE group_type = 'org_id' AND "
                        + (r.nextBoolean() ? "properties['region'] = '" + pick(REGIONS) + "'"
                        : "properties['plan'] IN ('" + pick(PLANS) + "', '" + pick(PLANS) + "')");
            }
            case 2 -> {
                column = "org_id";
                subquery = "SELECT org_id FROM events WHERE event_type = " + str(pick(facts.eventTypes()))
                        + " GROUP BY org_id HAVING COUNT(*) >= " + (1 + r.nextInt(5));
            }
            default -> {
                column = "device_id";
                subquery = "SELECT device_id FROM events WHERE " + atom("", 1);
            }
        }
        boolean not = r.nextInt(3) == 0;
        StringBuilder sql = new StringBuilder("SELECT ").append(k.sql().apply("")).append(" AS k1, COUNT(*) AS a1, COUNT(DISTINCT user_id) AS a2 FROM events");
        List<String> where = new ArrayList<>();
        where.add(column + (not ? " NOT IN (" : " IN (") + subquery + ")");
        if (r.nextBoolean()) {
            where.add(atom("", 1));
        }
        appendWhere(sql, where);
        sql.append(" GROUP BY ").append(k.sql().apply(""));
        if (r.nextInt(4) == 0) {
            // a correlated EXISTS instead
            String t = str(pick(facts.eventTypes()));
            sql = new StringBuilder("SELECT ").append(k.sql().apply("e.")).append(" AS k1, COUNT(*) AS a1 FROM events e WHERE ")
                    .append(r.nextBoolean() ? "" : "NOT ")
                    .append("EXISTS (SELECT 1 FROM events e2 WHERE e2.user_id = e.user_id AND e2.event_type = ").append(t)
                    .append(") AND ").append(atom("e.", 1)).append(" GROUP BY ").append(k.sql().apply("e."));
        }
        add("in-subquery", sql.toString(), false, Set.of());
    }

    private void scalarSubquery() {
        Key k = pick(KEYS);
        List<String> f = filter("");
        String where = f.isEmpty() ? "" : " WHERE " + String.join(" AND ", f);
        switch (r.nextInt(3)) {
            case 0 -> add("scalar-subquery", "SELECT " + k.sql().apply("") + " AS k1, COUNT(*) AS a1, CAST(COUNT(*) AS DOUBLE) / "
                    + "(SELECT COUNT(*) FROM events" + where + ") AS share FROM events" + where
                    + " GROUP BY " + k.sql().apply(""), false, Set.of());
            case 1 -> {
                int div = 10 + r.nextInt(90);
                String troupe = "SELECT " + k.sql().apply("") + " AS k1, COUNT(*) AS a1 FROM events" + where + " GROUP BY "
                        + k.sql().apply("") + " HAVING COUNT(*) > (SELECT COUNT(*) FROM events" + where + ") / " + div;
                String duck = troupe.replace(") / " + div, ") // " + div);
                out.add(DiffQuery.pair(id("scalar-subquery"), troupe, duck, false, Set.of()));
            }
            default -> add("scalar-subquery", "SELECT " + k.sql().apply("") + " AS k1, COUNT(*) AS a1, MIN(event_time) AS a2 FROM events"
                    + " WHERE event_time >= (SELECT MAX(event_time) FROM events" + where + ") - INTERVAL '" + (1 + r.nextInt(10))
                    + "' DAY GROUP BY " + k.sql().apply(""), false, Set.of());
        }
    }

    private void derived() {
        Key k = pick(KEYS);
        List<String> f = filter("");
        String where = f.isEmpty() ? "" : " WHERE " + String.join(" AND ", f);
        switch (r.nextInt(3)) {
            case 0 -> add("derived", "SELECT COUNT(*) AS a1, MIN(c) AS a2, MAX(c) AS a3, SUM(c) AS a4, AVG(c) AS a5 FROM (SELECT "
                    + k.sql().apply("") + " AS k, COUNT(*) AS c FROM events" + where + " GROUP BY " + k.sql().apply("") + ") t",
                    false, Set.of());
            case 1 -> {
                String unit = pick(List.of("DAY", "HOUR", "WEEK"));
                String entity = pick(List.of("user_id", "org_id", "device_id"));
                add("derived", "SELECT c AS k1, COUNT(*) AS a1 FROM (SELECT " + entity + ", COUNT(DISTINCT FLOOR(event_time TO "
                        + unit + ")) AS c FROM events" + where + " GROUP BY " + entity + ") t GROUP BY c ORDER BY c", true, Set.of());
            }
            default -> add("derived", "SELECT t.k1, t.a1 FROM (SELECT " + k.sql().apply("") + " AS k1, COUNT(*) AS a1 FROM events"
                    + where + " GROUP BY " + k.sql().apply("") + ") t WHERE t.a1 > " + r.nextInt(30)
                    + " ORDER BY t.a1 DESC, t.k1 LIMIT " + (1 + r.nextInt(15)), true, Set.of());
        }
    }

    private void union() {
        if (r.nextInt(3) == 0) {
            Key k = pick(KEYS);
            String sql = "SELECT " + k.sql().apply("") + " AS k1 FROM events WHERE " + atom("", 1)
                    + " UNION SELECT " + k.sql().apply("") + " FROM events WHERE " + atom("", 1);
            add("union", sql, false, Set.of());
            return;
        }
        Key k1;
        Key k2;
        if (r.nextBoolean()) {
            k1 = pick(KEYS);
            k2 = k1;
        } else {
            // different keys in the two branches: both text, so the union's column type is VARCHAR in both engines
            k1 = key(pick(TEXT_KEYS));
            k2 = key(pick(TEXT_KEYS));
        }
        List<String> f1 = filter("");
        List<String> f2 = filter("");
        String sql = "SELECT 'a' AS src, " + k1.sql().apply("") + " AS k1, COUNT(*) AS a1 FROM events"
                + (f1.isEmpty() ? "" : " WHERE " + String.join(" AND ", f1)) + " GROUP BY " + k1.sql().apply("")
                + " UNION ALL SELECT 'bb', " + k2.sql().apply("") + ", COUNT(*) FROM events"
                + (f2.isEmpty() ? "" : " WHERE " + String.join(" AND ", f2)) + " GROUP BY " + k2.sql().apply("");
        boolean ordered = r.nextBoolean();
        if (ordered) {
            sql += " ORDER BY src, k1" + (r.nextBoolean() ? " DESC" : "");
        }
        add("union", sql, ordered, Set.of());
    }

    private void window() {
        List<String> f = filter("");
        String where = f.isEmpty() ? "" : " WHERE " + String.join(" AND ", f);
        switch (r.nextInt(3)) {
            case 0 -> {
                Key k = pick(KEYS);
                add("window", "SELECT k1, a1, ROW_NUMBER() OVER (ORDER BY a1 DESC, k1) AS rn, RANK() OVER (ORDER BY a1 DESC) AS rk,"
                        + " DENSE_RANK() OVER (ORDER BY a1) AS drk, LAG(a1) OVER (ORDER BY k1) AS prev_n FROM (SELECT "
                        + k.sql().apply("") + " AS k1, COUNT(*) AS a1 FROM events" + where + " GROUP BY " + k.sql().apply("")
                        + ") t", false, Set.of());
            }
            case 1 -> {
                String unit = pick(List.of("DAY", "WEEK", "MONTH"));
                Key k = pick(List.of(key("event_type"), key("org_id"), key("platform"), key("case-type")));
                add("window", "SELECT k1, k2, a1, ROW_NUMBER() OVER (PARTITION BY k1 ORDER BY k2) AS rn,"
                        + " LAG(a1) OVER (PARTITION BY k1 ORDER BY k2) AS prev_n, SUM(a1) OVER (PARTITION BY k1) AS tot"
                        + " FROM (SELECT " + k.sql().apply("") + " AS k1, FLOOR(event_time TO " + unit + ") AS k2, COUNT(*) AS a1"
                        + " FROM events" + where + " GROUP BY " + k.sql().apply("") + ", FLOOR(event_time TO " + unit + ")) t"
                        + (r.nextBoolean() ? " ORDER BY k1, k2" : ""), false, Set.of());
            }
            default -> add("window", "SELECT insert_id, event_type, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_time, insert_id) AS rn,"
                    + " LAG(event_type) OVER (PARTITION BY user_id ORDER BY event_time, insert_id) AS prev_type,"
                    + " COUNT(*) OVER (PARTITION BY user_id) AS n FROM events WHERE " + selective(""), false, Set.of());
        }
    }

    private void idiv() {
        Key k = pick(KEYS);
        List<String> f = filter("");
        String where = f.isEmpty() ? "" : " WHERE " + String.join(" AND ", f);
        String troupe;
        if (r.nextBoolean()) {
            troupe = "SELECT " + k.sql().apply("") + " AS k1, COUNT(*) / NULLIF(COUNT(DISTINCT user_id), 0) AS a1,"
                    + " MOD(COUNT(*), 7) AS a2, SUM(CAST(event_properties['chart_count'] AS INTEGER)) / 3 AS a3 FROM events"
                    + where + " GROUP BY " + k.sql().apply("");
        } else {
            troupe = "SELECT event_type AS k1, CAST(event_properties['chart_count'] AS INTEGER) / " + (2 + r.nextInt(5))
                    + " AS k2, COUNT(*) AS a1 FROM events WHERE event_properties['chart_count'] IS NOT NULL"
                    + (f.isEmpty() ? "" : " AND " + String.join(" AND ", f)) + " GROUP BY 1, 2";
        }
        String duck = troupe.replaceAll("\\) / (NULLIF|\\d)", ") // $1");
        out.add(DiffQuery.pair(id("idiv"), troupe, duck, false, Set.of()));
    }

    // ---- pieces ----

    /** 0-3 conditions, ANDed by the caller. */
    private List<String> filter(String q) {
        int n = weighted(15, 40, 30, 15);
        List<String> atoms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            atoms.add(atom(q, 0));
        }
        return atoms;
    }

    /** A condition that keeps few rows: a small org, a rare event type, a user, or a window of a few hours. */
    private String selective(String q) {
        switch (r.nextInt(4)) {
            case 0:
                return q + "org_id = " + str(pick(facts.smallOrgIds()));
            case 1:
                return q + "event_type = " + str(pick(facts.rareEventTypes()));
            case 2:
                return q + "user_id = " + str(pick(facts.userIds()));
            default: {
                long t = facts.someTime(r);
                return q + "event_time >= " + DataFacts.literal(t) + " AND " + q + "event_time < "
                        + DataFacts.literal(t + (1 + r.nextInt(4)) * 3_600_000L);
            }
        }
    }

    private String atom(String q, int depth) {
        int choice = r.nextInt(depth > 0 ? 25 : 29);
        switch (choice) {
            case 0, 1:
                return q + "event_type = " + str(pick(facts.eventTypes()));
            case 2:
                return q + "event_type IN (" + strings(facts.eventTypes(), 2 + r.nextInt(4)) + ")";
            case 3:
                return q + "event_type NOT IN (" + strings(facts.eventTypes(), 1 + r.nextInt(4)) + ")";
            case 4:
                return q + "event_type LIKE '" + likePattern() + "'";
            case 5:
                return q + "event_type NOT LIKE '" + likePattern() + "'";
            case 6:
                return q + "event_type <> " + str(pick(facts.eventTypes()));
            case 7, 8:
                return q + "org_id = " + str(pick(facts.orgIds()));
            case 9:
                return q + "org_id IN (" + strings(facts.orgIds(), 2 + r.nextInt(4)) + ")";
            case 10:
                return q + "org_id NOT IN (" + strings(facts.orgIds(), 1 + r.nextInt(3)) + ")";
            case 11:
                return q + "org_id IS " + (r.nextBoolean() ? "" : "NOT ") + "NULL";
            case 12:
                return q + "user_id IS " + (r.nextBoolean() ? "" : "NOT ") + "NULL";
            case 13, 14: {
                long a = facts.someTime(r);
                long b = facts.someTime(r);
                return q + "event_time >= " + DataFacts.literal(Math.min(a, b)) + " AND " + q + "event_time < "
                        + DataFacts.literal(Math.max(a, b));
            }
            case 15: {
                long a = facts.someTime(r);
                long b = facts.someTime(r);
                return q + "event_time BETWEEN " + DataFacts.literal(Math.min(a, b)) + " AND " + DataFacts.literal(Math.max(a, b));
            }
            case 16:
                return q + "event_time " + pick(List.of("<", "<=", ">", ">=")) + " " + DataFacts.literal(facts.someTime(r));
            case 17:
                return q + "event_properties['platform'] = '" + pick(List.of("Web", "iOS", "Android")) + "'";
            case 18:
                return "CAST(" + q + "event_properties['amount'] AS DOUBLE) > " + pick(List.of("0", "100", "1000.5", "5000"));
            case 19:
                return q + "user_id = " + str(pick(facts.userIds()));
            case 20:
                return q + "device_id LIKE '" + pick(List.of("anon%", "d%", "%1", "guest%")) + "'";
            case 21:
                return q + "org_id LIKE 'org-" + r.nextInt(10) + "%'";
            case 22:
                return q + "event_time = " + DataFacts.literal(facts.someTime(r));
            case 23:
                return q + "event_time <> " + DataFacts.literal(facts.someTime(r));
            case 24:
                return q + "event_type = 'No Such Event'";
            case 25, 26:
                return "(" + atom(q, depth + 1) + " OR " + atom(q, depth + 1) + ")";
            default:
                return "NOT (" + atom(q, depth + 1) + ")";
        }
    }

    private String likePattern() {
        if (r.nextInt(3) == 0) {
            String t = pick(facts.eventTypes());
            return t.substring(0, 1 + r.nextInt(Math.min(5, t.length()))) + "%";
        }
        return pick(LIKE_WORDS);
    }

    private List<Key> keys(int n) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<Key> keys = new ArrayList<>();
        while (keys.size() < n) {
            Key k = pick(KEYS);
            if (seen.add(k.name())) {
                keys.add(k);
            }
        }
        return keys;
    }

    private List<Agg> aggs(int n) {
        List<Agg> aggs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            aggs.add(pick(AGGS));
        }
        return aggs;
    }

    private static int orderableAgg(List<Agg> aggs) {
        for (int i = 0; i < aggs.size(); i++) {
            if (aggs.get(i).orderable()) {
                return i;
            }
        }
        return -1;
    }

    private String groupBy(List<Key> keys, String q) {
        List<String> parts = new ArrayList<>();
        int style = r.nextInt(4);
        for (int i = 0; i < keys.size(); i++) {
            parts.add(switch (style) {
                case 0 -> String.valueOf(i + 1);
                case 1 -> "k" + (i + 1);
                default -> keys.get(i).sql().apply(q);
            });
        }
        return String.join(", ", parts);
    }

    private String keyOrder(int n) {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            parts.add("k" + i + (r.nextInt(3) == 0 ? " DESC" : ""));
        }
        return String.join(", ", parts);
    }

    private static void appendWhere(StringBuilder sql, List<String> conditions) {
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
    }

    private String strings(List<String> values, int n) {
        List<String> quoted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            quoted.add(str(pick(values)));
        }
        return String.join(", ", quoted);
    }

    static String str(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private <T> T pick(List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** An index drawn with the given weights. */
    private int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** The key of that name. */
    private static Key key(String name) {
        return KEYS.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    private static Key key(String name, Function<String, String> sql) {
        return new Key(name, sql);
    }

    private static Agg agg(Function<String, String> sql, boolean approx, boolean orderable) {
        return new Agg(sql, approx, orderable);
    }
}
