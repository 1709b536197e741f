package io.troupe.jdbc.values;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.errors.JdbcErrors;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * A column whose values are text: CHAR and VARCHAR, a DECIMAL too wide for Arrow, and the JSON text of arrays,
 * maps and rows. Numbers, booleans and times are parsed from the text when asked for; an ARRAY column's JSON array
 * is a {@code java.sql.Array}.
 */
public abstract class TextVector extends ColumnVector {
    protected TextVector(Column column) {
        super(column);
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return column.isArray() ? getArray(row) : getString(row);
    }

    @Override
    public boolean getBoolean(int row) throws SQLException {
        String s = getString(row).strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "t", "yes", "y", "on", "1" -> true;
            case "false", "f", "no", "n", "off", "0" -> false;
            default -> throw badValue(s, "BOOLEAN", null);
        };
    }

    @Override
    public long getLong(int row) throws SQLException {
        String s = getString(row).strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notAnInteger) {
            BigDecimal d = getBigDecimal(row);
            try {
                return d.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
            } catch (ArithmeticException e) {
                throw JdbcErrors.of(ErrorCode.VALUE_OUT_OF_RANGE, s, "BIGINT", "getBigDecimal");
            }
        }
    }

    @Override
    public double getDouble(int row) throws SQLException {
        String s = getString(row).strip();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw badValue(s, "DOUBLE", e);
        }
    }

    @Override
    public BigDecimal getBigDecimal(int row) throws SQLException {
        String s = getString(row).strip();
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw badValue(s, "DECIMAL", e);
        }
    }

    @Override
    public byte[] getBytes(int row) throws SQLException {
        return getString(row).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long getTimestampMillis(int row) throws SQLException {
        String s = getString(row);
        try {
            return Temporals.parseTimestamp(s);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw badValue(s, "TIMESTAMP", e);
        }
    }

    @Override
    public int getDateDays(int row) throws SQLException {
        String s = getString(row);
        try {
            return Temporals.parseDate(s);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw badValue(s, "DATE", e);
        }
    }

    @Override
    public int getTimeMillis(int row) throws SQLException {
        String s = getString(row);
        try {
            return Temporals.parseTime(s);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw badValue(s, "TIME", e);
        }
    }

    @Override
    public Array getArray(int row) throws SQLException {
        String s = getString(row);
        Object parsed;
        try {
            parsed = JsonText.parse(s);
        } catch (IllegalArgumentException e) {
            throw badValue(s, "ARRAY", e);
        }
        if (!(parsed instanceof List<?> list)) {
            throw badValue(s, "ARRAY", null);
        }
        return new TroupeArray(column.isArray() ? column.elementTypeName() : "VARCHAR", list);
    }
}
