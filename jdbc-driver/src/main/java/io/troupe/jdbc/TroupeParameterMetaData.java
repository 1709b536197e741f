package io.troupe.jdbc;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.errors.JdbcErrors;
import java.sql.ParameterMetaData;
import java.sql.SQLException;

/**
 * The parameters of a prepared statement as the driver knows them without asking the server: how many, all
 * input parameters of a type the server infers from the statement ({@code OTHER} here).
 */
final class TroupeParameterMetaData implements ParameterMetaData {
    private final int count;

    TroupeParameterMetaData(int count) {
        this.count = count;
    }

    private void check(int param) throws SQLException {
        if (param < 1 || param > count) {
            throw JdbcErrors.of(ErrorCode.INVALID_COLUMN_REFERENCE, "Parameter index " + param + " is outside 1 to " + count);
        }
    }

    @Override
    public int getParameterCount() {
        return count;
    }

    @Override
    public int isNullable(int param) throws SQLException {
        check(param);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        check(param);
        return true;
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        check(param);
        return 0;
    }

    @Override
    public int getScale(int param) throws SQLException {
        check(param);
        return 0;
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        check(param);
        return TroupePreparedStatement.UNKNOWN_TYPE;
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        check(param);
        return "OTHER";
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        check(param);
        return Object.class.getName();
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        check(param);
        return parameterModeIn;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return JdbcErrors.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
