package io.troupe.jdbc.values;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.errors.JdbcErrors;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An ARRAY value, read from its JSON text (docs/protocol.md): {@link #getArray()} gives an {@code Object[]} whose
 * elements have the Java class of the element type ({@code Integer} for {@code INTEGER ARRAY}, {@code String} for
 * {@code VARCHAR ARRAY}, {@code Timestamp} for {@code TIMESTAMP ARRAY}; nested arrays are {@code Object[]}, maps
 * {@code Map}). Free-standing: it holds its elements, not the connection.
 */
public final class TroupeArray implements Array {
    private final String baseTypeName;
    private final int baseType;
    private Object[] elements;

    public TroupeArray(String baseTypeName, List<?> json) throws SQLException {
        this.baseTypeName = baseTypeName;
        this.baseType = JdbcTypes.typeOf(baseTypeName);
        this.elements = new Object[json.size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = element(json.get(i));
        }
    }

    private Object element(Object v) throws SQLException {
        if (v == null) {
            return null;
        }
        try {
            return switch (baseType) {
                case Types.BOOLEAN -> v instanceof Boolean b ? b : Boolean.valueOf(v.toString());
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> number(v).intValueExact();
                case Types.BIGINT -> number(v).longValueExact();
                case Types.REAL -> number(v).floatValue();
                case Types.FLOAT, Types.DOUBLE -> number(v).doubleValue();
                case Types.DECIMAL -> number(v);
                case Types.CHAR, Types.VARCHAR -> v instanceof String s ? s : v.toString();
                case Types.DATE -> Temporals.date(Temporals.parseDate(v.toString()), null);
                case Types.TIME -> Temporals.time(Temporals.parseTime(v.toString()), null);
                case Types.TIMESTAMP -> Temporals.timestamp(Temporals.parseTimestamp(v.toString()), null);
                case Types.BINARY, Types.VARBINARY -> Base64.getDecoder().decode(v.toString());
                case Types.ARRAY -> nested(v);
                default -> v instanceof List<?> l ? nested(l) : v; // maps and rows stay as parsed
            };
        } catch (ArithmeticException | IllegalArgumentException | DateTimeParseException e) {
            throw JdbcErrors.of(ErrorCode.INVALID_CONVERSION, e, "the array element " + v, baseTypeName, e.getMessage());
        }
    }

    private Object nested(Object v) throws SQLException {
        if (v instanceof List<?> l) {
            String inner = baseTypeName.endsWith(" ARRAY") ? baseTypeName.substring(0, baseTypeName.length() - 6) : "VARCHAR";
            return new TroupeArray(inner, l).elements;
        }
        return v;
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return new BigDecimal(v.toString());
    }

    private Object[] elements() throws SQLException {
        if (elements == null) {
            throw JdbcErrors.of(ErrorCode.OBJECT_CLOSED, "array", "free() released it");
        }
        return elements;
    }

    @Override
    public String getBaseTypeName() {
        return baseTypeName;
    }

    @Override
    public int getBaseType() {
        return baseType;
    }

    @Override
    public Object getArray() throws SQLException {
        return elements().clone();
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        Object[] all = elements();
        if (index < 1 || count < 0 || index - 1 + count > all.length) {
            throw JdbcErrors.of(ErrorCode.INVALID_COLUMN_REFERENCE, "elements " + index + " to " + (index - 1 + count)
                    + " are outside the array of " + all.length + " elements");
        }
        Object[] part = new Object[count];
        System.arraycopy(all, (int) index - 1, part, 0, count);
        return part;
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw JdbcErrors.unsupported("Array.getResultSet (use getArray)");
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getResultSet();
    }

    @Override
    public void free() {
        elements = null;
    }

    @Override
    public String toString() {
        return elements == null ? "[freed]" : java.util.Arrays.deepToString(elements);
    }
}
