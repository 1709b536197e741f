package io.troupe.sql.differential;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The explicit translation of a Troupe statement into DuckDB's dialect, for the differential test. Every
 * mapping is listed here and in docs/sql-differential.md; anything else is spelled the same in both engines.
 *
 * <ol>
 *   <li>{@code FLOOR(col TO unit)} becomes {@code date_trunc('unit', col)}: both are UTC and both start weeks on
 *       Monday. The corpus only floors plain column references, so a regular expression is enough.</li>
 *   <li>{@code EXTRACT(DOW FROM col)} becomes {@code (EXTRACT(DOW FROM col) + 1)}: Troupe (Calcite) numbers
 *       Sunday 1 to Saturday 7, DuckDB Sunday 0 to Saturday 6.</li>
 *   <li>Map access becomes a column: {@code event_properties['k']} is DuckDB's column {@code ep_k},
 *       {@code user_properties['k']} is {@code up_k} and, on {@code group_profiles}, {@code properties['k']} is
 *       {@code gp_k} (the copy flattens the maps it needs into VARCHAR columns, see {@link DuckDbMirror}). A
 *       table alias in front is kept.</li>
 *   <li>Integer division is not translated: Troupe's {@code a / b} on integers truncates, DuckDB's {@code /}
 *       gives a DOUBLE, so such statements are written as pairs with DuckDB's {@code //} (which also truncates
 *       toward zero), as are {@code TIMESTAMPDIFF(unit, a, b)} (DuckDB {@code date_sub('unit', a, b)}: whole
 *       units elapsed).</li>
 *   <li>NULL ordering needs no rewrite: the DuckDB session runs {@code SET default_null_order =
 *       'nulls_last_on_asc_first_on_desc'}, Troupe's order (NULLs last ascending, first descending).</li>
 * </ol>
 */
public final class DuckDbDialect {
    /**
     * The session settings DuckDB runs before the corpus: Troupe's NULL order and time zone, and one thread
     * (the data is small; DuckDB's parallelism would only compete with Troupe for the build machine's cores).
     */
    public static final String[] SESSION_SETTINGS = {
            "SET default_null_order = 'nulls_last_on_asc_first_on_desc'",
            "SET TimeZone = 'UTC'",
            "SET threads = 1",
    };

    private static final Pattern FLOOR = Pattern.compile(
            "(?i)\\bFLOOR\\(\\s*([A-Za-z_][\\w.]*)\\s+TO\\s+(SECOND|MINUTE|HOUR|DAY|WEEK|MONTH|QUARTER|YEAR)\\s*\\)");
    private static final Pattern DOW = Pattern.compile("(?i)\\bEXTRACT\\(\\s*DOW\\s+FROM\\s+([A-Za-z_][\\w.]*)\\s*\\)");
    private static final Pattern EVENT_PROPERTY = Pattern.compile("(?i)\\bevent_properties\\s*\\[\\s*'(\\w+)'\\s*]");
    private static final Pattern USER_PROPERTY = Pattern.compile("(?i)\\buser_properties\\s*\\[\\s*'(\\w+)'\\s*]");
    private static final Pattern GROUP_PROPERTY = Pattern.compile("(?i)(?<![\\w])properties\\s*\\[\\s*'(\\w+)'\\s*]");

    private DuckDbDialect() {
    }

    /** The DuckDB spelling of a Troupe statement (see the class comment for every mapping). */
    public static String translate(String troupeSql) {
        String sql = troupeSql;
        sql = replace(FLOOR, sql, m -> "date_trunc('" + m.group(2).toLowerCase(Locale.ROOT) + "', " + m.group(1) + ")");
        sql = replace(DOW, sql, m -> "(EXTRACT(DOW FROM " + m.group(1) + ") + 1)");
        sql = replace(EVENT_PROPERTY, sql, m -> DuckDbMirror.eventPropertyColumn(m.group(1)));
        sql = replace(USER_PROPERTY, sql, m -> DuckDbMirror.userPropertyColumn(m.group(1)));
        sql = replace(GROUP_PROPERTY, sql, m -> DuckDbMirror.groupPropertyColumn(m.group(1)));
        return sql;
    }

    private interface Rewrite {
        String apply(Matcher m);
    }

    private static String replace(Pattern p, String sql, Rewrite rewrite) {
        Matcher m = p.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(rewrite.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
