package io.troupe.bench.compare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Query answers in a form both engines can be compared in: each row a string of normalised values (times as
 * UTC instants, whole numbers as longs, NULL as {@code NULL}), rows sorted.
 */
final class Answers {
    private Answers() {
    }

    /** How an engine's JDBC driver hands over a TIMESTAMP column. */
    enum Engine {
        /**
         * Calcite with {@code timeZone=UTC}: {@code getTimestamp} gives a Timestamp whose {@code getTime()} is the
         * UTC millisecond value (its {@code toString} would use the JVM's zone: not used).
         */
        TROUPE,
        /** DuckDB: a TIMESTAMP has no zone; read it as a LocalDateTime and take it as UTC. */
        DUCKDB
    }

    /** Runs {@code rs} to the end: every row, every column read with {@code getObject} (times as instants). */
    static List<List<Object>> fetch(ResultSet rs, Engine engine) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        boolean[] time = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            int t = md.getColumnType(i);
            time[i] = t == Types.TIMESTAMP || t == Types.TIMESTAMP_WITH_TIMEZONE || t == Types.DATE;
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(time[i] ? timeValue(rs, i, engine) : rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object timeValue(ResultSet rs, int column, Engine engine) throws SQLException {
        if (engine == Engine.TROUPE) {
            Timestamp t = rs.getTimestamp(column);
            return t == null ? null : Instant.ofEpochMilli(t.getTime());
        }
        Object o = rs.getObject(column);
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (o instanceof java.sql.Date) {
            return rs.getObject(column, LocalDate.class).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /** The rows as sorted strings. */
    static List<String> normalise(List<List<Object>> rows) {
        List<String> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (Object v : row) {
                if (sb.length() > 0) {
                    sb.append(" | ");
                }
                sb.append(value(v));
            }
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }

    static String value(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Timestamp t) {
            return Instant.ofEpochMilli(t.getTime()).toString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toString();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            return s.scale() <= 0 ? s.toBigInteger().toString() : s.toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
        }
        return v.toString();
    }

    /** Empty when equal, else a short description of the differences (row counts, first rows only one side has). */
    static String differences(List<String> troupe, List<String> duckdb, int show) {
        if (troupe.equals(duckdb)) {
            return "";
        }
        TreeMap<String, Integer> balance = new TreeMap<>();
        troupe.forEach(r -> balance.merge(r, 1, Integer::sum));
        duckdb.forEach(r -> balance.merge(r, -1, Integer::sum));
        List<String> onlyTroupe = new ArrayList<>();
        List<String> onlyDuck = new ArrayList<>();
        balance.forEach((row, b) -> {
            for (int i = 0; i < Math.abs(b); i++) {
                (b > 0 ? onlyTroupe : onlyDuck).add(row);
            }
        });
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Troupe %d rows, DuckDB %d rows; %d rows only in Troupe, %d only in DuckDB",
                troupe.size(), duckdb.size(), onlyTroupe.size(), onlyDuck.size()));
        for (int i = 0; i < Math.min(show, onlyTroupe.size()); i++) {
            sb.append(String.format("%n    Troupe only: %s", onlyTroupe.get(i)));
        }
        for (int i = 0; i < Math.min(show, onlyDuck.size()); i++) {
            sb.append(String.format("%n    DuckDB only: %s", onlyDuck.get(i)));
        }
        return sb.toString();
    }
}
