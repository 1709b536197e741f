package io.troupe.jdbc.errors;

import io.troupe.common.ErrorCode;
import io.troupe.common.wire.Message;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

/**
 * Every error of the driver as a {@code SQLException(message, sqlState, vendorCode)}: the server's ERROR messages
 * and the driver's own {@link ErrorCode}s alike. The subclass follows the SQLSTATE class as JDBC 4 asks
 * ({@code 08} connection, {@code 28} authorization, {@code 42} syntax, {@code 22} data, {@code 0A} unsupported),
 * and a query timeout is a {@link SQLTimeoutException}.
 */
public final class JdbcErrors {
    private JdbcErrors() {
    }

    /** The driver's own error of the catalogue. */
    public static SQLException of(ErrorCode code, Object... args) {
        return create(code.format(args), code.sqlState(), code.code(), null);
    }

    /** The driver's own error of the catalogue, caused by {@code cause}. */
    public static SQLException of(ErrorCode code, Throwable cause, Object... args) {
        return create(code.format(args), code.sqlState(), code.code(), cause);
    }

    /** A JDBC feature the driver does not offer (SQLSTATE 0A000). */
    public static SQLFeatureNotSupportedException unsupported(String what) {
        return (SQLFeatureNotSupportedException) of(ErrorCode.SQL_UNSUPPORTED, what + " (the Troupe JDBC driver does not offer it)");
    }

    /**
     * The server's ERROR: its message, with the statement position appended when the message does not say it
     * already ({@code "... (at line 1, column 8)"}).
     */
    public static SQLException server(Message.ErrorResponse e) {
        String message = e.message();
        if (e.line() > 0 && !message.contains("line " + e.line())) {
            message = message + " (at line " + e.line() + ", column " + e.column() + ")";
        }
        return create(message, e.sqlState(), e.code(), null);
    }

    /** {@code Wrapper.unwrap} of a driver object that wraps nothing: itself, when it is an {@code iface}. */
    public static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw of(ErrorCode.INVALID_ARGUMENT, "a " + self.getClass().getSimpleName() + " is not a " + iface.getName());
    }

    static SQLException create(String message, String sqlState, int vendorCode, Throwable cause) {
        SQLException e;
        if (vendorCode == ErrorCode.QUERY_TIMEOUT.code()) {
            e = new SQLTimeoutException(message, sqlState, vendorCode);
        } else if (sqlState.startsWith("08")) {
            e = new SQLNonTransientConnectionException(message, sqlState, vendorCode);
        } else if (sqlState.startsWith("28")) {
            e = new SQLInvalidAuthorizationSpecException(message, sqlState, vendorCode);
        } else if (sqlState.startsWith("42")) {
            e = new SQLSyntaxErrorException(message, sqlState, vendorCode);
        } else if (sqlState.startsWith("22")) {
            e = new SQLDataException(message, sqlState, vendorCode);
        } else if (sqlState.startsWith("0A")) {
            e = new SQLFeatureNotSupportedException(message, sqlState, vendorCode);
        } else if (sqlState.startsWith("23")) {
            e = new SQLIntegrityConstraintViolationException(message, sqlState, vendorCode);
        } else if (sqlState.startsWith("40")) {
            e = new SQLTransactionRollbackException(message, sqlState, vendorCode);
        } else {
            e = new SQLException(message, sqlState, vendorCode);
        }
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
