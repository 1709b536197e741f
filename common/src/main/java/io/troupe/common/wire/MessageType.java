package io.troupe.common.wire;

/**
 * The message types of the protocol and their one-byte codes. Codes {@code 0x01-0x3F} are sent by clients,
 * {@code 0x41-0x7F} by the server; {@code 0x80-0xFF} are left for extensions. Types marked reserved are
 * named so that no later message takes their code by accident; version 1 refuses them like unknown codes.
 */
public enum MessageType {
    // --- client to server ------------------------------------------------------------------------
    HELLO(0x01, true, false),
    AUTHENTICATE(0x02, true, false),
    QUERY(0x03, true, false),
    CANCEL(0x04, true, false),
    CLOSE(0x05, true, false),
    /** Reserved: prepare a statement once, run it many times. */
    PREPARE(0x06, true, true),
    /** Reserved: run a prepared statement with parameters. */
    EXECUTE(0x07, true, true),
    /** Reserved: free a prepared statement. */
    CLOSE_STATEMENT(0x08, true, true),
    /** Reserved: catalog calls of JDBC's DatabaseMetaData (tables, columns, ...). */
    METADATA(0x09, true, true),
    /** Reserved: liveness check of an idle connection. */
    PING(0x0A, true, true),

    // --- server to client ------------------------------------------------------------------------
    HELLO_OK(0x41, false, false),
    AUTH_OK(0x42, false, false),
    RESULT_SCHEMA(0x43, false, false),
    RESULT_BATCH(0x44, false, false),
    RESULT_END(0x45, false, false),
    ERROR(0x46, false, false),
    /** Reserved: answer to PREPARE (statement id, parameter and result schemas). */
    PREPARED(0x47, false, true),
    /** Reserved: answer to METADATA. */
    METADATA_RESULT(0x48, false, true),
    /** Reserved: answer to PING. */
    PONG(0x49, false, true),
    /** Reserved: a warning that does not end a query. */
    NOTICE(0x4A, false, true);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final boolean fromClient;
    private final boolean reserved;

    MessageType(int code, boolean fromClient, boolean reserved) {
        this.code = code;
        this.fromClient = fromClient;
        this.reserved = reserved;
    }

    /** The type byte on the wire. */
    public int code() {
        return code;
    }

    /** True for messages a client sends, false for the server's. */
    public boolean fromClient() {
        return fromClient;
    }

    /** True for codes kept for later versions: this version neither sends nor accepts them. */
    public boolean reserved() {
        return reserved;
    }

    /** The type of a code, or null when the code names no type. */
    public static MessageType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
