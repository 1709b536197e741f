package io.troupe.jdbc.values;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.errors.JdbcErrors;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;

/** A column of REAL or DOUBLE values: every read derives from {@link #value}. */
public abstract class FloatingVector extends ColumnVector {
    protected FloatingVector(Column column) {
        super(column);
    }

    protected abstract double value(int row);

    private boolean isReal() {
        return column.jdbcType() == Types.REAL;
    }

    @Override
    public final double getDouble(int row) {
        return value(row);
    }

    @Override
    public final long getLong(int row) throws SQLException {
        double d = value(row);
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            throw JdbcErrors.of(ErrorCode.VALUE_OUT_OF_RANGE, Double.toString(d), "BIGINT", "getDouble");
        }
        return (long) d;
    }

    @Override
    public final boolean getBoolean(int row) {
        return value(row) != 0;
    }

    @Override
    public final BigDecimal getBigDecimal(int row) throws SQLException {
        double d = value(row);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw JdbcErrors.of(ErrorCode.VALUE_OUT_OF_RANGE, Double.toString(d), "DECIMAL", "getDouble");
        }
        return new BigDecimal(getString(row));
    }

    @Override
    public final String getString(int row) {
        double d = value(row);
        return isReal() ? Float.toString((float) d) : Double.toString(d);
    }

    @Override
    public final Object getObject(int row) {
        double d = value(row);
        return isReal() ? (Object) (float) d : (Object) d;
    }
}
