package io.troupe.jdbc.values;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;

/** A column of integers (TINYINT to BIGINT): every read derives from {@link #value}. */
public abstract class IntegralVector extends ColumnVector {
    protected IntegralVector(Column column) {
        super(column);
    }

    /** The value at a non-null row. */
    protected abstract long value(int row);

    @Override
    public final long getLong(int row) {
        return value(row);
    }

    @Override
    public final boolean getBoolean(int row) {
        return value(row) != 0;
    }

    @Override
    public final double getDouble(int row) {
        return value(row);
    }

    @Override
    public final BigDecimal getBigDecimal(int row) {
        return BigDecimal.valueOf(value(row));
    }

    @Override
    public final String getString(int row) {
        return Long.toString(value(row));
    }

    @Override
    public final Object getObject(int row) throws SQLException {
        long v = value(row);
        return column.jdbcType() == Types.BIGINT ? (Object) v : (Object) (int) v;
    }
}
