package io.troupe.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One query of the comparison, in each engine's SQL. All must mean the same thing: the comparison checks that
 * the answers are identical, DuckDB's being the reference.
 *
 * @param name          short name, as the table prints it
 * @param troupe        the statement run through Troupe's SQL engine and how its rows become the answer, or
 *                      "not yet"
 * @param duckdbSql     the statement run in DuckDB over the same rows (the expected answer)
 * @param clickhouseSql the statement for ClickHouse (table {@code events(t UInt32, event_type, user_id, org_id)},
 *                      {@code t} the time since the data's start in {@link ClickHouseSide}'s unit; durations
 *                      written {@code {ms:N}}, see {@link #clickhouseSql(long)}), or null when not run there
 * @param scan          what a scan of the query reads, for the bandwidth estimate
 * @param tiesSql       DuckDB: the number of units with rows of different steps at the same time (funnels
 *                      only; ClickHouse 18.16 orders such rows by read order), or null; {@code {unit}} stands
 *                      for the time unit in ms, see {@link #tiesSql(long)}
 */
public record CompareQuery(String name, TroupeForm troupe, String duckdbSql, String clickhouseSql, Scan scan,
                           String tiesSql) {
    public CompareQuery {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(troupe, "troupe is null");
        Objects.requireNonNull(duckdbSql, "duckdbSql is null");
        Objects.requireNonNull(scan, "scan is null");
    }

    /** A query whose Troupe rows are the answer as they are, not run on ClickHouse. */
    public CompareQuery(String name, String troupeSql, String duckdbSql, Scan scan) {
        this(name, TroupeForm.rows(troupeSql), duckdbSql, null, scan, null);
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("\\{ms:(\\d+)}");

    /** The ClickHouse statement with times in units of {@code unitMs} ms (durations divided by it). */
    public String clickhouseSql(long unitMs) {
        return clickhouseSql == null ? null : DURATION.matcher(clickhouseSql)
                .replaceAll(m -> Long.toString(Long.parseLong(m.group(1)) / unitMs));
    }

    /** The ties query counting times in units of {@code unitMs} ms. */
    public String tiesSql(long unitMs) {
        return tiesSql == null ? null : tiesSql.replace("{unit}", Long.toString(unitMs));
    }

    /** The Troupe statement (null when Troupe cannot run the query yet). */
    public String troupeSql() {
        return troupe.sql();
    }

    /**
     * Troupe's form of a query.
     *
     * @param sql          the statement, or null when Troupe cannot answer the query yet
     * @param funnelSteps  0: the rows are the answer; n &gt; 0: the rows are {@code (level, units)} of a
     *                     {@code FUNNEL_LEVEL} with n steps, turned into {@code (step, units reaching it)} for
     *                     steps 1..n
     * @param notYet       why Troupe does not run it (when {@code sql} is null)
     */
    public record TroupeForm(String sql, int funnelSteps, String notYet) {
        public static TroupeForm rows(String sql) {
            return new TroupeForm(Objects.requireNonNull(sql, "sql is null"), 0, null);
        }

        public static TroupeForm funnelLevels(String sql, int steps) {
            return new TroupeForm(Objects.requireNonNull(sql, "sql is null"), steps, null);
        }

        public static TroupeForm notYet(String why) {
            return new TroupeForm(null, 0, Objects.requireNonNull(why, "why is null"));
        }

        public boolean runs() {
            return sql != null;
        }

        /** The answer to compare from the rows Troupe returned. */
        List<List<Object>> answer(List<List<Object>> rows) {
            if (funnelSteps == 0) {
                return rows;
            }
            long[] units = new long[funnelSteps + 1];
            for (List<Object> row : rows) {
                int level = ((Number) row.get(0)).intValue();
                long n = ((Number) row.get(1)).longValue();
                for (int k = 1; k <= Math.min(level, funnelSteps); k++) {
                    units[k] += n;
                }
            }
            List<List<Object>> out = new ArrayList<>();
            for (int k = 1; k <= funnelSteps; k++) {
                out.add(List.of((long) k, units[k]));
            }
            return out;
        }
    }

    /**
     * The columns a plain scan for the query reads, over all events or over the rows a DuckDB query counts.
     * The bytes are the columns' decoded widths ({@link #WIDTHS}) times the rows: what the query would move
     * through memory if it read each value once, the figure compared with the machine's bandwidth.
     *
     * @param columns    column names of {@code events}
     * @param rowsSql    DuckDB: the number of rows scanned, or null for all events
     */
    public record Scan(List<String> columns, String rowsSql) {
        /** Decoded bytes per value: times are 8-byte ms, strings are 4-byte dictionary ids in Troupe's segments. */
        public static final Map<String, Integer> WIDTHS = Map.of("event_time", 8, "event_type", 4, "user_id", 4,
                "org_id", 4);

        public static Scan of(String... columns) {
            return new Scan(List.of(columns), null);
        }

        public int bytesPerRow() {
            return columns.stream().mapToInt(c -> WIDTHS.getOrDefault(c, 8)).sum();
        }
    }
}
