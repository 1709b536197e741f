package io.troupe.sql.logic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a result reads in a SQL logic test file: one line per row, columns separated by a tab. {@code NULL}
 * for SQL NULL, {@code (empty)} for the empty string, {@code true}/{@code false}, integers as they are, reals
 * rounded half-up to {@value #DECIMALS} decimals ({@code 1.500}), timestamps in UTC as
 * {@code 2026-01-05 10:00:00} ({@code .250} added only when there are milliseconds), maps as
 * {@code {k=v, ...}} sorted by key, arrays as {@code [a, b]}.
 *
 * <p>Each column's letter is checked against the JDBC type of the column: {@code I} an integer type,
 * {@code R} a floating-point or decimal type, {@code B} boolean, {@code D} timestamp, date or time, {@code T}
 * any other type (text, maps, arrays).
 */
final class ResultFormat {
    static final int DECIMALS = 3;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ResultFormat() {
    }

    /** The letter a column of JDBC type {@code sqlType} has. */
    static char letter(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> 'I';
            case Types.FLOAT, Types.REAL, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> 'R';
            case Types.BOOLEAN, Types.BIT -> 'B';
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE, Types.TIME, Types.TIME_WITH_TIMEZONE -> 'D';
            default -> 'T';
        };
    }

    static String row(List<Object> values, String types) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(value(values.get(i), types.charAt(i)));
        }
        return sb.toString();
    }

    static String value(Object v, char type) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String s) {
            return s.isEmpty() ? "(empty)" : s;
        }
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return real((Number) v, type);
        }
        if (v instanceof java.sql.Timestamp t) {
            return timestamp(t.toInstant());
        }
        if (v instanceof java.sql.Date d) {
            return LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), 86_400_000L)).toString();
        }
        if (v instanceof java.sql.Time t) {
            return LocalTime.ofNanoOfDay(Math.floorMod(t.getTime(), 86_400_000L) * 1_000_000L).toString();
        }
        if (v instanceof LocalDateTime t) {
            return timestamp(t.toInstant(ZoneOffset.UTC));
        }
        if (v instanceof Instant t) {
            return timestamp(t);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, String> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), value(x, 'T')));
            return sorted.toString();
        }
        if (v instanceof java.sql.Array a) {
            try {
                return value(a.getArray(), type);
            } catch (SQLException e) {
                throw new IllegalStateException("reading an array value", e);
            }
        }
        if (v instanceof Object[] a) {
            return value(Arrays.asList(a), type);
        }
        if (v.getClass().isArray()) { // a primitive array: JDBC's getArray() of BOOLEAN NOT NULL elements
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                items.add(java.lang.reflect.Array.get(v, i));
            }
            return value(items, type);
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>(l.size());
            l.forEach(x -> items.add(value(x, 'T')));
            return items.toString();
        }
        return v.toString();
    }

    private static String real(Number n, char type) {
        if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        if (n instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return f.toString();
        }
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        if (type == 'I') {
            return d.stripTrailingZeros().toPlainString();
        }
        return d.setScale(DECIMALS, RoundingMode.HALF_UP).toPlainString();
    }

    private static String timestamp(Instant t) {
        String s = SECONDS.format(t);
        int millis = t.getNano() / 1_000_000;
        return millis == 0 ? s : s + String.format(".%03d", millis);
    }
}
