package io.troupe.common;

import java.util.Objects;

/**
 * The one exception type that carries an {@link ErrorCode} to the user: the HTTP layer turns it into a
 * JSON body, the JDBC driver into {@code SQLException(message, sqlState, code)}. SQL errors also carry the
 * {@link SqlPosition} of the offending text, which the native protocol sends as its own field.
 */
public class TroupeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final SqlPosition position;

    public TroupeException(ErrorCode errorCode, Object... args) {
        this(errorCode, (Throwable) null, args);
    }

    public TroupeException(ErrorCode errorCode, Throwable cause, Object... args) {
        this(errorCode, null, cause, args);
    }

    public TroupeException(ErrorCode errorCode, SqlPosition position, Throwable cause, Object... args) {
        super(Objects.requireNonNull(errorCode, "errorCode is null").format(args), cause);
        this.errorCode = errorCode;
        this.position = position;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Where in the SQL statement the error is, or null when it is not about a place in a statement. */
    public SqlPosition position() {
        return position;
    }

    @Override
    public String toString() {
        return errorCode.symbol() + " (" + errorCode.code() + ", SQLSTATE " + errorCode.sqlState() + "): " + getMessage();
    }
}
