package io.troupe.common.wire;

/**
 * The type tag of a query parameter on the wire, and the Java class {@link Parameter#value()} holds for it.
 * Temporal values use the units of result columns: days, milliseconds of the day, milliseconds since the
 * epoch (a UTC wall-clock time).
 */
public enum ParameterType {
    /** SQL NULL; no value bytes. */
    NULL(0, Void.class),
    /** One byte, 0 or 1. */
    BOOLEAN(1, Boolean.class),
    /** int32. */
    INTEGER(2, Integer.class),
    /** int64. */
    BIGINT(3, Long.class),
    /** IEEE 754 binary64. */
    DOUBLE(4, Double.class),
    /** int32 scale, then the unscaled value as length-prefixed big-endian two's-complement bytes. */
    DECIMAL(5, java.math.BigDecimal.class),
    /** UTF-8 string. */
    VARCHAR(6, String.class),
    /** int32 days since 1970-01-01. */
    DATE(7, Integer.class),
    /** int32 milliseconds since midnight, 0 to 86,399,999. */
    TIME(8, Integer.class),
    /** int64 milliseconds since 1970-01-01 00:00 UTC. */
    TIMESTAMP(9, Long.class),
    /** Length-prefixed bytes. */
    VARBINARY(10, byte[].class);

    private static final ParameterType[] BY_TAG = values();

    private final int tag;
    private final Class<?> valueClass;

    ParameterType(int tag, Class<?> valueClass) {
        this.tag = tag;
        this.valueClass = valueClass;
    }

    /** The tag byte on the wire. */
    public int tag() {
        return tag;
    }

    /** The class of {@link Parameter#value()} for this type ({@code Void} for NULL: the value is null). */
    public Class<?> valueClass() {
        return valueClass;
    }

    /** The type of a tag, or null when the tag names none. */
    public static ParameterType of(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }
}
