package io.troupe.common.wire;

/**
 * The constants of the native protocol, version {@value #VERSION} (docs/protocol.md).
 *
 * <p>A frame is {@code int32 length | uint8 type | payload}, big-endian, where {@code length} counts the
 * type byte and the payload (at least 1, at most {@link #MAX_FRAME_BYTES}).
 */
public final class WireFormat {
    /** The protocol version this code speaks; HELLO carries it and the server refuses any other. */
    public static final int VERSION = 1;
    /** First field of HELLO: the ASCII bytes {@code TRUP}, so that a stray client (HTTP, TLS) is told apart at once. */
    public static final int MAGIC = 0x54525550;
    /** The most a frame's length field may say, in either direction: 64 MiB. */
    public static final int MAX_FRAME_BYTES = 64 << 20;
    /** Bytes before a frame's payload: the length (4) and the type (1). */
    public static final int HEADER_BYTES = 5;
    /** Rows per result batch when a query does not say (its fetch size 0). */
    public static final int DEFAULT_FETCH_ROWS = 65_536;
    /** The most rows per result batch a query may ask for; larger fetch sizes are lowered to it. */
    public static final int MAX_FETCH_ROWS = 1 << 20;

    /** Arrow field metadata key: the column's SQL type name as the engine reports it ({@code INTEGER ARRAY}). */
    public static final String FIELD_SQL_TYPE = "troupe.sql_type";
    /** Arrow field metadata key: the column's {@code java.sql.Types} number, in decimal. */
    public static final String FIELD_JDBC_TYPE = "troupe.jdbc_type";

    /** AUTH_OK property: the project the connection queries. */
    public static final String PROPERTY_PROJECT = "project";
    /** AUTH_OK property: the authenticated user. */
    public static final String PROPERTY_USER = "user";
    /** AUTH_OK property: the server's version. */
    public static final String PROPERTY_SERVER_VERSION = "server_version";
    /** AUTH_OK property: the time zone of TIMESTAMP values (always {@code UTC}). */
    public static final String PROPERTY_TIME_ZONE = "time_zone";

    /** Arrow IPC end-of-stream marker: continuation {@code 0xFFFFFFFF} then a zero metadata length. */
    private static final byte[] ARROW_END_OF_STREAM = {-1, -1, -1, -1, 0, 0, 0, 0};

    private WireFormat() {
    }

    /** The 8 bytes that end an Arrow IPC stream (a fresh copy). */
    public static byte[] arrowEndOfStream() {
        return ARROW_END_OF_STREAM.clone();
    }
}
