package io.troupe.common;

import java.util.Objects;

/**
 * The one exception type that carries an {@link ErrorCode} to the user: the HTTP layer turns it into a
 * JSON body, the JDBC driver into {@code SQLException(message, sqlState, code)}.
 */
public class TroupeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public TroupeException(ErrorCode errorCode, Object... args) {
        this(errorCode, null, args);
    }

    public TroupeException(ErrorCode errorCode, Throwable cause, Object... args) {
        super(Objects.requireNonNull(errorCode, "errorCode is null").format(args), cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    @Override
    public String toString() {
        return errorCode.symbol() + " (" + errorCode.code() + ", SQLSTATE " + errorCode.sqlState() + "): " + getMessage();
    }
}
