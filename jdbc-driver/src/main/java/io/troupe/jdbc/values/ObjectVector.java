package io.troupe.jdbc.values;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * A column of rows held as Java objects (the driver's own small results: metadata, type info): {@code String},
 * {@code Boolean} and {@code Number} values, read with the same conversions as the wire's columns.
 */
public final class ObjectVector extends TextVector {
    private final List<Object[]> rows;
    private final int index;

    public ObjectVector(Column column, List<Object[]> rows, int index) {
        super(column);
        this.rows = rows;
        this.index = index;
    }

    private Object value(int row) {
        return rows.get(row)[index];
    }

    @Override
    public boolean isNull(int row) {
        return value(row) == null;
    }

    @Override
    public String getString(int row) {
        return String.valueOf(value(row));
    }

    @Override
    public Object getObject(int row) throws SQLException {
        Object v = value(row);
        if (v instanceof Number n) {
            return switch (column.jdbcType()) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> n.intValue();
                case Types.BIGINT -> n.longValue();
                default -> v;
            };
        }
        return v;
    }

    @Override
    public boolean getBoolean(int row) throws SQLException {
        Object v = value(row);
        if (v instanceof Boolean b) {
            return b;
        }
        return v instanceof Number n ? n.longValue() != 0 : super.getBoolean(row);
    }

    @Override
    public long getLong(int row) throws SQLException {
        return value(row) instanceof Number n && !(n instanceof BigDecimal) ? n.longValue() : super.getLong(row);
    }

    @Override
    public double getDouble(int row) throws SQLException {
        return value(row) instanceof Number n ? n.doubleValue() : super.getDouble(row);
    }
}
