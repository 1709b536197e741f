package io.troupe.jdbc.metadata;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions {@code getFunctions} lists: Troupe's dialect (reports, group properties, time buckets), then the
 * standard functions of the engine (Calcite's, including the JDBC escape functions that
 * {@code getNumericFunctions} and its siblings name).
 */
final class CatalogFunctions {
    /** One function: its name, what it does, and whether it answers a table of rows (the reports). */
    record Function(String name, String remarks, boolean returnsTable) {
        short type() {
            return (short) (returnsTable ? DatabaseMetaData.functionReturnsTable : DatabaseMetaData.functionNoTable);
        }
    }

    static final String NUMERIC = "ABS,ACOS,ASIN,ATAN,ATAN2,CEILING,COS,COT,DEGREES,EXP,FLOOR,LOG,LOG10,MOD,PI,POWER,"
            + "RADIANS,RAND,ROUND,SIGN,SIN,SQRT,TAN,TRUNCATE";
    static final String STRING = "ASCII,CHAR,CONCAT,DIFFERENCE,INSERT,LCASE,LEFT,LENGTH,LOCATE,LTRIM,REPEAT,REPLACE,RIGHT,"
            + "RTRIM,SOUNDEX,SPACE,SUBSTRING,UCASE";
    static final String TIME_DATE = "CURDATE,CURTIME,DAYNAME,DAYOFMONTH,DAYOFWEEK,DAYOFYEAR,HOUR,MINUTE,MONTH,MONTHNAME,NOW,"
            + "QUARTER,SECOND,TIMESTAMPADD,TIMESTAMPDIFF,WEEK,YEAR";
    static final String SYSTEM = "DATABASE,IFNULL,USER";

    /** The dialect's words that SQL:2003 does not reserve ({@code getSQLKeywords}); all non-reserved in Troupe. */
    static final String KEYWORDS = "CALENDAR,CONSTANT,CONVERTED,DROPPED,FUNNEL,HOLDING,LOST,MICROSCOPE,MODE,N_DAY,"
            + "RETAINED,RETENTION,SEQUENTIAL,STARTING,STEP,STRICT";

    static final List<Function> ALL;

    static {
        List<Function> all = new ArrayList<>(List.of(
                new Function("FUNNEL", "Group-level funnel report: FUNNEL(step_1, ..., step_n [WITHIN interval] [ORDER ...]) "
                        + "answers one row per step (units, conversion, time to convert); units are users, or groups with "
                        + "GROUP BY GROUP TYPE g", true),
                new Function("RETENTION", "Retention report: RETENTION(start_condition, return_condition ...) answers one "
                        + "row per period (eligible and retained units)", true),
                new Function("MICROSCOPE", "The units behind one data point of a report: MICROSCOPE(FUNNEL(...) | RETENTION(...),"
                        + " k, CONVERTED | DROPPED | RETAINED | LOST)", true),
                new Function("UNIQUES", "Distinct units of the group: users, or groups of the type in GROUP BY GROUP TYPE", false),
                new Function("FUNNEL_LEVEL", "Aggregate: the funnel level (0 to n) a unit reached over its rows", false),
                new Function("RETENTION_FLAGS", "Aggregate: per period, whether a unit returned", false),
                new Function("GROUP_PROPERTY", "GROUP_PROPERTY(group_column, 'name'): the group's property value in force at "
                        + "the event's time", false),
                new Function("CURRENT_GROUP_PROPERTY", "CURRENT_GROUP_PROPERTY(group_column, 'name'): the group's latest "
                        + "value of the property", false),
                new Function("DATE_TRUNC", "DATE_TRUNC(unit, t): t truncated to second, minute, hour, day, week (Monday),"
                        + " month, quarter or year, UTC", false)));
        for (String name : List.of("COUNT", "SUM", "AVG", "MIN", "MAX", "STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP",
                "ANY_VALUE", "LISTAGG", "PERCENTILE_CONT", "PERCENTILE_DISC", "ROW_NUMBER", "RANK", "DENSE_RANK", "LAG", "LEAD",
                "FIRST_VALUE", "LAST_VALUE", "NTILE", "CAST", "COALESCE", "NULLIF", "CASE", "EXTRACT", "CURRENT_DATE",
                "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "CEIL", "LN", "CHAR_LENGTH", "CHARACTER_LENGTH",
                "LOWER", "UPPER", "TRIM", "POSITION", "OVERLAY", "INITCAP", "ITEM", "CARDINALITY", "ELEMENT")) {
            all.add(new Function(name, "Standard SQL function", false));
        }
        for (String list : List.of(NUMERIC, STRING, TIME_DATE, SYSTEM)) {
            for (String name : list.split(",")) {
                if (all.stream().noneMatch(f -> f.name().equals(name))) {
                    all.add(new Function(name, "JDBC escape function ({fn " + name + "(...)})", false));
                }
            }
        }
        ALL = List.copyOf(all);
    }

    private CatalogFunctions() {
    }
}
