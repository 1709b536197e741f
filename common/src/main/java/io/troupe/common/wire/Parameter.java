package io.troupe.common.wire;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code ?} parameter of a query: a wire type and its value (of {@link ParameterType#valueClass()};
 * null only for {@link ParameterType#NULL}). Build one with the factories.
 */
public record Parameter(ParameterType type, Object value) {
    private static final int MILLIS_PER_DAY = 86_400_000;

    public Parameter {
        Objects.requireNonNull(type, "type is null");
        if (type == ParameterType.NULL ? value != null : !type.valueClass().isInstance(value)) {
            throw new IllegalArgumentException("a " + type + " parameter holds a " + type.valueClass().getSimpleName()
                    + ", not " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        if (type == ParameterType.TIME && ((Integer) value < 0 || (Integer) value >= MILLIS_PER_DAY)) {
            throw new IllegalArgumentException("a TIME parameter is 0 to 86,399,999 ms of the day, not " + value);
        }
    }

    public static Parameter ofNull() {
        return new Parameter(ParameterType.NULL, null);
    }

    public static Parameter of(boolean value) {
        return new Parameter(ParameterType.BOOLEAN, value);
    }

    public static Parameter of(int value) {
        return new Parameter(ParameterType.INTEGER, value);
    }

    public static Parameter of(long value) {
        return new Parameter(ParameterType.BIGINT, value);
    }

    public static Parameter of(double value) {
        return new Parameter(ParameterType.DOUBLE, value);
    }

    public static Parameter of(BigDecimal value) {
        return new Parameter(ParameterType.DECIMAL, Objects.requireNonNull(value, "value is null"));
    }

    public static Parameter of(String value) {
        return new Parameter(ParameterType.VARCHAR, Objects.requireNonNull(value, "value is null"));
    }

    public static Parameter of(byte[] value) {
        return new Parameter(ParameterType.VARBINARY, Objects.requireNonNull(value, "value is null").clone());
    }

    public static Parameter of(LocalDate date) {
        return new Parameter(ParameterType.DATE, Math.toIntExact(date.toEpochDay()));
    }

    public static Parameter of(LocalTime time) {
        return new Parameter(ParameterType.TIME, (int) (time.toNanoOfDay() / 1_000_000));
    }

    /** A TIMESTAMP: milliseconds since 1970-01-01 00:00 UTC. */
    public static Parameter ofTimestampMillis(long epochMillis) {
        return new Parameter(ParameterType.TIMESTAMP, epochMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameter p && type == p.type && (value instanceof byte[] b
                ? p.value instanceof byte[] pb && Arrays.equals(b, pb) : Objects.equals(value, p.value));
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + (value instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(value));
    }

    @Override
    public String toString() {
        return type + "(" + (value instanceof byte[] b ? b.length + " bytes" : value) + ")";
    }
}
