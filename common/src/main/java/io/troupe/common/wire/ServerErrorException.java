package io.troupe.common.wire;

import java.io.IOException;

/**
 * The server's ERROR message, thrown where a client reads a result through an {@link java.io.InputStream}
 * ({@link ResultStreamInput}), whose methods may only throw {@link IOException}.
 */
public final class ServerErrorException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Message.ErrorResponse error;

    public ServerErrorException(Message.ErrorResponse error) {
        super(error.symbol() + " (" + error.code() + ", SQLSTATE " + error.sqlState() + "): " + error.message());
        this.error = error;
    }

    public Message.ErrorResponse error() {
        return error;
    }
}
