package io.troupe.jdbc;

import io.troupe.common.ErrorCode;
import io.troupe.common.wire.Parameter;
import io.troupe.jdbc.errors.JdbcErrors;
import io.troupe.jdbc.values.Temporals;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.Locale;

/**
 * Java values as the protocol's typed parameters ({@link Parameter}): what {@code setObject} accepts, with and
 * without a target SQL type. Times follow {@link Temporals}: a {@code java.sql.Timestamp}, {@code Instant} or
 * {@code OffsetDateTime} is its instant (with a Calendar: its date and time in the calendar's zone), a
 * {@code LocalDateTime} the UTC date and time it is compared with, a {@code java.sql.Date} or {@code LocalDate} the
 * date it shows.
 */
final class ParameterValues {
    private ParameterValues() {
    }

    /** The parameter of a value, typed by its class. */
    static Parameter of(Object x) throws SQLException {
        if (x == null) {
            return Parameter.ofNull();
        }
        if (x instanceof String s) {
            return Parameter.of(s);
        }
        if (x instanceof Integer || x instanceof Short || x instanceof Byte) {
            return Parameter.of(((Number) x).intValue());
        }
        if (x instanceof Long l) {
            return Parameter.of(l.longValue());
        }
        if (x instanceof Double || x instanceof Float) {
            return Parameter.of(((Number) x).doubleValue());
        }
        if (x instanceof BigDecimal d) {
            return Parameter.of(d);
        }
        if (x instanceof BigInteger b) {
            return Parameter.of(new BigDecimal(b));
        }
        if (x instanceof java.util.concurrent.atomic.AtomicInteger a) {
            return Parameter.of(a.get());
        }
        if (x instanceof java.util.concurrent.atomic.AtomicLong a) {
            return Parameter.of(a.get());
        }
        if (x instanceof Boolean b) {
            return Parameter.of(b.booleanValue());
        }
        if (x instanceof Character c) {
            return Parameter.of(c.toString());
        }
        if (x instanceof byte[] b) {
            return Parameter.of(b);
        }
        if (x instanceof java.util.UUID || x instanceof Enum<?>) {
            return Parameter.of(x instanceof Enum<?> e ? e.name() : x.toString());
        }
        Parameter temporal = temporal(x, null);
        if (temporal != null) {
            return temporal;
        }
        if (x instanceof InputStream in) {
            return Parameter.of(read(in));
        }
        if (x instanceof Reader r) {
            return Parameter.of(read(r));
        }
        if (x instanceof java.sql.Array) {
            throw JdbcErrors.unsupported("array parameters (the protocol has none: write ARRAY[?, ?] with one parameter per element)");
        }
        throw JdbcErrors.of(ErrorCode.INVALID_CONVERSION, "a " + x.getClass().getName(), "a query parameter",
                "pass a String, number, Boolean, byte[], java.sql or java.time value");
    }

    /** The parameter of a date/time value (null when {@code x} is none), read in the calendar's zone. */
    static Parameter temporal(Object x, Calendar calendar) {
        if (x instanceof java.sql.Timestamp ts) {
            return Parameter.ofTimestampMillis(Temporals.utcMillis(ts, calendar));
        }
        if (x instanceof java.sql.Date d) {
            return new Parameter(io.troupe.common.wire.ParameterType.DATE, Temporals.days(d, calendar));
        }
        if (x instanceof java.sql.Time t) {
            return new Parameter(io.troupe.common.wire.ParameterType.TIME, Temporals.millisOfDay(t, calendar));
        }
        if (x instanceof java.util.Date d) {
            return Parameter.ofTimestampMillis(Temporals.utcMillis(d, calendar));
        }
        if (x instanceof Calendar c) {
            return Parameter.ofTimestampMillis(Temporals.utcMillis(c.getTime(), c));
        }
        if (x instanceof LocalDate d) {
            return Parameter.of(d);
        }
        if (x instanceof LocalTime t) {
            return Parameter.of(t);
        }
        if (x instanceof LocalDateTime t) {
            return Parameter.ofTimestampMillis(Temporals.utcMillis(t));
        }
        if (x instanceof Instant i) {
            return Parameter.ofTimestampMillis(i.toEpochMilli());
        }
        if (x instanceof OffsetDateTime t) {
            return Parameter.ofTimestampMillis(t.toInstant().toEpochMilli());
        }
        if (x instanceof ZonedDateTime t) {
            return Parameter.ofTimestampMillis(t.toInstant().toEpochMilli());
        }
        if (x instanceof OffsetTime t) {
            return Parameter.of(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
        }
        return null;
    }

    /**
     * The parameter of a value converted to a target {@code java.sql.Types} type ({@code setObject(i, x, type[, scale])}).
     *
     * @param scale digits after the point for DECIMAL targets; -1 when not given
     */
    static Parameter of(Object x, int sqlType, int scale) throws SQLException {
        if (x == null || sqlType == Types.NULL) {
            return Parameter.ofNull();
        }
        try {
            return switch (sqlType) {
                case Types.BOOLEAN, Types.BIT -> Parameter.of(bool(x));
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> Parameter.of(decimal(x).setScale(0, RoundingMode.DOWN).intValueExact());
                case Types.BIGINT -> Parameter.of(decimal(x).setScale(0, RoundingMode.DOWN).longValueExact());
                case Types.REAL, Types.FLOAT, Types.DOUBLE -> Parameter.of(x instanceof Number n ? n.doubleValue() : Double.parseDouble(text(x)));
                case Types.DECIMAL, Types.NUMERIC -> Parameter.of(rescale(decimal(x), scale));
                case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                     Types.CLOB, Types.NCLOB -> Parameter.of(text(x));
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Parameter.of(bytes(x));
                case Types.DATE -> date(x);
                case Types.TIME, Types.TIME_WITH_TIMEZONE -> time(x);
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> timestamp(x);
                case Types.OTHER, Types.JAVA_OBJECT -> of(x);
                default -> throw JdbcErrors.unsupported("parameters of java.sql.Types " + sqlType);
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw JdbcErrors.of(ErrorCode.INVALID_CONVERSION, e, "the parameter value '" + x + "'",
                    io.troupe.jdbc.values.JdbcTypes.name(sqlType), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** {@code scale} digits after the point; a negative scale (none given) keeps the value's. */
    private static BigDecimal rescale(BigDecimal d, int scale) {
        return scale >= 0 && d.scale() != scale ? d.setScale(scale, RoundingMode.HALF_UP) : d;
    }

    private static boolean bool(Object x) throws SQLException {
        if (x instanceof Boolean b) {
            return b;
        }
        if (x instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = text(x).strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "t", "yes", "y", "on", "1" -> true;
            case "false", "f", "no", "n", "off", "0" -> false;
            default -> throw JdbcErrors.of(ErrorCode.INVALID_CONVERSION, "the parameter value '" + x + "'", "BOOLEAN", "it is not true or false");
        };
    }

    private static BigDecimal decimal(Object x) throws SQLException {
        if (x instanceof BigDecimal d) {
            return d;
        }
        if (x instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte) {
            return BigDecimal.valueOf(((Number) x).longValue());
        }
        if (x instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (x instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return new BigDecimal(text(x).strip());
    }

    private static String text(Object x) throws SQLException {
        if (x instanceof String s) {
            return s;
        }
        if (x instanceof Reader r) {
            return read(r);
        }
        if (x instanceof java.sql.Timestamp || x instanceof LocalDateTime) {
            Parameter p = temporal(x, null);
            return Temporals.formatTimestamp((Long) p.value());
        }
        return x.toString();
    }

    private static byte[] bytes(Object x) throws SQLException {
        if (x instanceof byte[] b) {
            return b;
        }
        if (x instanceof InputStream in) {
            return read(in);
        }
        if (x instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        throw JdbcErrors.of(ErrorCode.INVALID_CONVERSION, "a " + x.getClass().getName(), "VARBINARY", "pass a byte[] or an InputStream");
    }

    private static Parameter date(Object x) throws SQLException {
        if (x instanceof LocalDateTime t) {
            return Parameter.of(t.toLocalDate());
        }
        if (x instanceof java.sql.Timestamp ts) {
            return Parameter.of(ts.toLocalDateTime().toLocalDate());
        }
        if (x instanceof String s) {
            return new Parameter(io.troupe.common.wire.ParameterType.DATE, Temporals.parseDate(s));
        }
        Parameter p = temporal(x, null);
        if (p == null) {
            throw notTemporal(x, "DATE");
        }
        if (p.type() == io.troupe.common.wire.ParameterType.TIMESTAMP) {
            return new Parameter(io.troupe.common.wire.ParameterType.DATE, (int) Math.floorDiv((Long) p.value(), Temporals.MILLIS_PER_DAY));
        }
        return p;
    }

    private static Parameter time(Object x) throws SQLException {
        if (x instanceof String s) {
            return new Parameter(io.troupe.common.wire.ParameterType.TIME, Temporals.parseTime(s));
        }
        Parameter p = temporal(x, null);
        if (p == null) {
            throw notTemporal(x, "TIME");
        }
        if (p.type() == io.troupe.common.wire.ParameterType.TIMESTAMP) {
            return new Parameter(io.troupe.common.wire.ParameterType.TIME, (int) Math.floorMod((Long) p.value(), Temporals.MILLIS_PER_DAY));
        }
        return p;
    }

    private static Parameter timestamp(Object x) throws SQLException {
        if (x instanceof String s) {
            return Parameter.ofTimestampMillis(Temporals.parseTimestamp(s));
        }
        Parameter p = temporal(x, null);
        if (p == null) {
            throw notTemporal(x, "TIMESTAMP");
        }
        if (p.type() == io.troupe.common.wire.ParameterType.DATE) {
            return Parameter.ofTimestampMillis((Integer) p.value() * Temporals.MILLIS_PER_DAY);
        }
        return p;
    }

    private static SQLException notTemporal(Object x, String type) {
        return JdbcErrors.of(ErrorCode.INVALID_CONVERSION, "a " + x.getClass().getName(), type,
                "pass a java.sql or java.time value, or text such as 2024-01-31 12:00:00");
    }

    static byte[] read(InputStream in) throws SQLException {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, e, "reading the parameter's stream failed: " + e.getMessage());
        }
    }

    static byte[] read(InputStream in, long length) throws SQLException {
        try {
            return length < 0 ? in.readAllBytes() : in.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
        } catch (IOException e) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, e, "reading the parameter's stream failed: " + e.getMessage());
        }
    }

    static String read(Reader r) throws SQLException {
        return read(r, -1);
    }

    static String read(Reader r, long length) throws SQLException {
        try {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            int n;
            while (left > 0 && (n = r.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                sb.append(buf, 0, n);
                left -= n;
            }
            return sb.toString();
        } catch (IOException e) {
            throw JdbcErrors.of(ErrorCode.INVALID_ARGUMENT, e, "reading the parameter's reader failed: " + e.getMessage());
        }
    }
}
