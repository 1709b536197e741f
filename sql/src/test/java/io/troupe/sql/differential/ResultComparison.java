package io.troupe.sql.differential;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Normalises the rows of both engines and compares them.
 *
 * <p>Normal forms: NULL stays null; every integer type (DuckDB's HUGEINT sums included) is a {@code Long};
 * {@code FLOAT}/{@code DOUBLE} a {@code Double}; DECIMAL a {@code BigDecimal} without trailing zeros; strings
 * and booleans as they are; a timestamp a {@link Ts} holding its UTC wall-clock time as an ISO string at
 * millisecond precision. The two drivers hand timestamps over differently: Troupe's (Avatica's)
 * {@code Timestamp} holds the UTC instant, DuckDB's holds the wall-clock time in the JVM's zone, so each
 * engine has its own conversion and the comparison never depends on the JVM's time zone.
 *
 * <p>Values compare exactly, doubles included (AVG of integers must agree to the last bit: both engines
 * divide an exact sum by a count), except in the query's {@link DiffQuery#approxColumns}: SUM and AVG of
 * floating values, whose result depends on the order of additions, compare with a relative tolerance of
 * {@value #RELATIVE_TOLERANCE}.
 */
public final class ResultComparison {
    public static final double RELATIVE_TOLERANCE = 1e-9;

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    /** A normalised timestamp: the UTC wall-clock time at millisecond precision. */
    public record Ts(String iso) implements Comparable<Ts> {
        @Override
        public int compareTo(Ts o) {
            return iso.compareTo(o.iso);
        }

        @Override
        public String toString() {
            return iso;
        }
    }

    private ResultComparison() {
    }

    /** Every row of a result set as a list of its JDBC values, as the driver gives them. */
    static List<List<Object>> rows(java.sql.ResultSet rs) throws java.sql.SQLException {
        int n = rs.getMetaData().getColumnCount();
        List<List<Object>> rows = new java.util.ArrayList<>();
        while (rs.next()) {
            List<Object> row = new java.util.ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    public static List<List<Object>> normaliseTroupe(List<List<Object>> rows) {
        return normalise(rows, true);
    }

    public static List<List<Object>> normaliseDuck(List<List<Object>> rows) {
        return normalise(rows, false);
    }

    private static List<List<Object>> normalise(List<List<Object>> rows, boolean troupe) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>(row.size());
            for (Object v : row) {
                r.add(value(v, troupe));
            }
            out.add(r);
        }
        return out;
    }

    static Object value(Object v, boolean troupe) {
        if (v == null) {
            return null;
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (v instanceof Float || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        }
        if (v instanceof Timestamp ts) {
            LocalDateTime wallClock = troupe
                    ? LocalDateTime.ofInstant(Instant.ofEpochMilli(ts.getTime()), ZoneOffset.UTC)
                    : ts.toLocalDateTime();
            return new Ts(ISO_MILLIS.format(wallClock));
        }
        if (v instanceof LocalDateTime t) {
            return new Ts(ISO_MILLIS.format(t));
        }
        if (v instanceof String || v instanceof Boolean) {
            return v;
        }
        // Maps, arrays and other types are not part of the corpus's results: compare their text.
        return "<" + v.getClass().getSimpleName() + ">" + v;
    }

    /**
     * Null when the normalised answers agree; otherwise a description of the first difference (row counts and
     * the first differing rows of each side, after sorting when the query is unordered).
     */
    public static String difference(DiffQuery q, List<List<Object>> troupe, List<List<Object>> duck) {
        List<List<Object>> a = troupe;
        List<List<Object>> b = duck;
        if (!q.ordered()) {
            Comparator<List<Object>> order = rowOrder(q.approxColumns());
            a = new ArrayList<>(troupe);
            b = new ArrayList<>(duck);
            a.sort(order);
            b.sort(order);
        }
        int n = Math.min(a.size(), b.size());
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (!rowsEqual(a.get(i), b.get(i), q.approxColumns())) {
                first = i;
                break;
            }
        }
        if (first < 0 && a.size() == b.size()) {
            return null;
        }
        if (first < 0) {
            first = n;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("rows: Troupe ").append(a.size()).append(", DuckDB ").append(b.size())
                .append(q.ordered() ? " (compared in order)" : " (compared as multisets, sorted)")
                .append("; first difference at row ").append(first).append('\n');
        for (int i = Math.max(0, first - 1); i < Math.min(first + 3, Math.max(a.size(), b.size())); i++) {
            sb.append("  row ").append(i).append(i == first ? " *" : "").append('\n');
            sb.append("    Troupe: ").append(i < a.size() ? show(a.get(i)) : "(none)").append('\n');
            sb.append("    DuckDB: ").append(i < b.size() ? show(b.get(i)) : "(none)").append('\n');
        }
        return sb.toString();
    }

    static boolean rowsEqual(List<Object> a, List<Object> b, Set<Integer> approx) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int c = 0; c < a.size(); c++) {
            Object x = a.get(c);
            Object y = b.get(c);
            if (approx.contains(c) && x instanceof Double dx && y instanceof Double dy) {
                if (!close(dx, dy)) {
                    return false;
                }
            } else if (x instanceof Double dx && y instanceof Double dy) {
                if (Double.compare(dx, dy) != 0 && dx.doubleValue() != dy.doubleValue()) {
                    return false;
                }
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    static boolean close(double x, double y) {
        if (x == y || (Double.isNaN(x) && Double.isNaN(y))) {
            return true;
        }
        return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
    }

    /** Sorts rows by their exact columns' typed text, then by the approximate columns' values. */
    static Comparator<List<Object>> rowOrder(Set<Integer> approx) {
        return (x, y) -> {
            int c = exactKey(x, approx).compareTo(exactKey(y, approx));
            if (c != 0) {
                return c;
            }
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (approx.contains(i)) {
                    c = compareNullable(x.get(i), y.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
            }
            return Integer.compare(x.size(), y.size());
        };
    }

    private static int compareNullable(Object x, Object y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        if (x instanceof Double dx && y instanceof Double dy) {
            return Double.compare(dx, dy);
        }
        return typed(x).compareTo(typed(y));
    }

    private static String exactKey(List<Object> row, Set<Integer> approx) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            sb.append(approx.contains(i) ? "~" : typed(row.get(i))).append('\u0001');
        }
        return sb.toString();
    }

    private static String typed(Object v) {
        if (v == null) {
            return "\u0000null";
        }
        if (v instanceof Long l) {
            // sortable text for longs: sign-flipped fixed-width hex
            return "L" + String.format("%016x", l ^ Long.MIN_VALUE);
        }
        return v.getClass().getSimpleName().charAt(0) + v.toString();
    }

    /** A row for messages: each value with its normalised type. */
    static String show(List<Object> row) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = row.get(i);
            if (v == null) {
                sb.append("NULL");
            } else if (v instanceof String s) {
                sb.append('\'').append(s).append('\'');
            } else if (v instanceof Ts t) {
                sb.append("TIMESTAMP '").append(t.iso()).append('\'');
            } else if (v instanceof Double d) {
                sb.append(d).append("d");
            } else if (v instanceof BigDecimal d) {
                sb.append(d.toPlainString()).append("bd");
            } else {
                sb.append(v);
            }
        }
        return sb.append(']').toString();
    }
}
