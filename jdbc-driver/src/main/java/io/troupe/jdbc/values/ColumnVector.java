package io.troupe.jdbc.values;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.errors.JdbcErrors;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;

/**
 * The values of one column of the current batch, read by row index: the result set asks {@link #isNull} first and
 * one of the typed reads only for a non-null value. Each subclass reads its own representation without creating
 * objects where the read returns a primitive; the reads a type cannot answer fail with {@code INVALID_CONVERSION}.
 */
public abstract class ColumnVector {
    protected final Column column;

    protected ColumnVector(Column column) {
        this.column = column;
    }

    public final Column column() {
        return column;
    }

    public abstract boolean isNull(int row);

    /** The value's text: what {@code getString} returns. */
    public abstract String getString(int row) throws SQLException;

    /** The value as the class {@link JdbcTypes#className} names for the column's type. */
    public abstract Object getObject(int row) throws SQLException;

    public boolean getBoolean(int row) throws SQLException {
        throw cannot(row, "BOOLEAN");
    }

    /** An integral value (a fraction is cut, a value past the range of a long fails). */
    public long getLong(int row) throws SQLException {
        throw cannot(row, "a number");
    }

    public double getDouble(int row) throws SQLException {
        throw cannot(row, "a number");
    }

    public BigDecimal getBigDecimal(int row) throws SQLException {
        throw cannot(row, "a number");
    }

    public byte[] getBytes(int row) throws SQLException {
        throw cannot(row, "bytes");
    }

    /** A TIMESTAMP: milliseconds since 1970-01-01 of the UTC wall-clock time ({@link Temporals}). */
    public long getTimestampMillis(int row) throws SQLException {
        throw cannot(row, "TIMESTAMP");
    }

    /** A DATE: days since 1970-01-01. */
    public int getDateDays(int row) throws SQLException {
        throw cannot(row, "DATE");
    }

    /** A TIME: milliseconds of the day. */
    public int getTimeMillis(int row) throws SQLException {
        throw cannot(row, "TIME");
    }

    public Array getArray(int row) throws SQLException {
        throw cannot(row, "ARRAY");
    }

    /** The error of a read this column's type does not offer. */
    protected final SQLException cannot(int row, String target) {
        return JdbcErrors.of(ErrorCode.INVALID_CONVERSION, "a " + column.typeName() + " value", target,
                "column '" + column.label() + "' holds " + column.typeName() + "; use a getter of that type or getString");
    }

    /** The error of a value that does not convert (text that is not a number, ...). */
    protected final SQLException badValue(String value, String target, Exception cause) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return JdbcErrors.of(ErrorCode.INVALID_CONVERSION, cause, "'" + shown + "' of column '" + column.label() + "'", target,
                cause == null ? "it is not one" : cause.getMessage());
    }
}
