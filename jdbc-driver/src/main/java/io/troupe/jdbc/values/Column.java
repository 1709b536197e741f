package io.troupe.jdbc.values;

import java.sql.Types;
import java.util.Locale;
import java.util.Objects;

/**
 * What the driver knows of one result column: its label, {@code java.sql.Types} number and SQL type name (as the
 * server's field metadata says, see docs/protocol.md), precision and scale, and whether it may hold NULL.
 *
 * @param precision digits of a number, characters of a text (0 when unknown or not applicable)
 * @param scale     digits after the point of a DECIMAL, fraction digits of a TIME or TIMESTAMP
 */
public record Column(String label, int jdbcType, String typeName, int precision, int scale, boolean nullable) {
    /** Precision reported for text and binary values of unbounded length (what PostgreSQL's driver says for text). */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public Column {
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(typeName, "typeName is null");
    }

    /** True for an ARRAY column (its values are JSON arrays on the wire, {@code java.sql.Array} in JDBC). */
    public boolean isArray() {
        return jdbcType == Types.ARRAY;
    }

    /** The element type name of an ARRAY column ({@code INTEGER} of {@code INTEGER ARRAY}), else the type name. */
    public String elementTypeName() {
        String upper = typeName.toUpperCase(Locale.ROOT);
        return upper.endsWith(" ARRAY") ? typeName.substring(0, typeName.length() - " ARRAY".length()) : typeName;
    }

    /** A column of an in-memory result (the driver's metadata results). */
    public static Column of(String label, int jdbcType) {
        return new Column(label, jdbcType, JdbcTypes.name(jdbcType), JdbcTypes.defaultPrecision(jdbcType), 0, true);
    }
}
