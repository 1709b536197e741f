package io.troupe.common.wire;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes and decodes the messages of protocol version 1 (layouts in docs/protocol.md). Decoding is strict:
 * a payload with a missing, malformed or extra byte is a {@code PROTOCOL_ERROR}, as is a reserved or
 * unknown type. Stateless and thread-safe.
 */
public final class MessageCodec {
    /** Bytes of RESULT_SCHEMA's payload before its Arrow message: the query id. */
    public static final int RESULT_SCHEMA_PREFIX_BYTES = 8;
    /** Bytes of RESULT_BATCH's payload before its Arrow message: the query id and the row count. */
    public static final int RESULT_BATCH_PREFIX_BYTES = 12;

    private MessageCodec() {
    }

    /** The whole frame of a message: length, type, payload. */
    public static byte[] encode(Message message) {
        WireOutput out = new WireOutput(64);
        out.i32(0).u8(message.type().code());
        // Java 17: no pattern switch over the sealed type yet.
        if (message instanceof Message.Hello m) {
            out.i32(WireFormat.MAGIC).u16(m.version()).string(m.client());
        } else if (message instanceof Message.Authenticate m) {
            out.string(m.user()).string(m.password()).string(m.project());
        } else if (message instanceof Message.Query m) {
            query(out, m);
        } else if (message instanceof Message.Cancel m) {
            out.i64(m.queryId());
        } else if (message instanceof Message.HelloOk m) {
            out.u16(m.version()).string(m.server());
        } else if (message instanceof Message.AuthOk m) {
            properties(out, m.properties());
        } else if (message instanceof Message.ResultSchema m) {
            out.i64(m.queryId()).raw(array(m.arrow()), 0, m.arrow().remaining());
        } else if (message instanceof Message.ResultBatch m) {
            out.i64(m.queryId()).i32(m.rowCount()).raw(array(m.arrow()), 0, m.arrow().remaining());
        } else if (message instanceof Message.ResultEnd m) {
            out.i64(m.queryId()).i64(m.rowCount()).bool(m.truncated());
        } else if (message instanceof Message.ErrorResponse m) {
            out.i64(m.queryId()).i32(m.code()).string(m.sqlState()).string(m.symbol()).string(m.message())
                    .i32(m.line()).i32(m.column()).bool(m.closing());
        } // Close: no payload
        int length = out.size() - 4;
        if (length > WireFormat.MAX_FRAME_BYTES) {
            throw new TroupeException(ErrorCode.VALUE_TOO_LARGE, "a " + message.type() + " message of " + length
                    + " bytes is over the frame limit of " + WireFormat.MAX_FRAME_BYTES);
        }
        out.setI32(0, length);
        return out.toByteArray();
    }

    /**
     * The first bytes of a RESULT_SCHEMA frame whose Arrow message of {@code arrowLength} bytes follows: a
     * sender that writes the Arrow bytes itself (the server, straight into its buffers) puts this before them.
     */
    public static byte[] resultSchemaHeader(long queryId, int arrowLength) {
        WireOutput out = new WireOutput(WireFormat.HEADER_BYTES + RESULT_SCHEMA_PREFIX_BYTES);
        out.i32(1 + RESULT_SCHEMA_PREFIX_BYTES + arrowLength).u8(MessageType.RESULT_SCHEMA.code()).i64(queryId);
        return out.toByteArray();
    }

    /** The first bytes of a RESULT_BATCH frame whose Arrow message of {@code arrowLength} bytes follows. */
    public static byte[] resultBatchHeader(long queryId, int rowCount, int arrowLength) {
        WireOutput out = new WireOutput(WireFormat.HEADER_BYTES + RESULT_BATCH_PREFIX_BYTES);
        out.i32(1 + RESULT_BATCH_PREFIX_BYTES + arrowLength).u8(MessageType.RESULT_BATCH.code()).i64(queryId).i32(rowCount);
        return out.toByteArray();
    }

    private static byte[] array(ByteBuffer b) {
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return copy;
    }

    private static void query(WireOutput out, Message.Query m) {
        QueryOptions o = m.options();
        out.i64(m.queryId()).string(m.sql()).i64(o.maxRows()).i32(o.fetchRows()).i32(o.timeoutSeconds());
        out.i32(m.parameters().size());
        for (Parameter p : m.parameters()) {
            out.u8(p.type().tag());
            switch (p.type()) {
                case NULL -> { }
                case BOOLEAN -> out.bool((Boolean) p.value());
                case INTEGER, DATE, TIME -> out.i32((Integer) p.value());
                case BIGINT, TIMESTAMP -> out.i64((Long) p.value());
                case DOUBLE -> out.f64((Double) p.value());
                case DECIMAL -> {
                    BigDecimal d = (BigDecimal) p.value();
                    out.i32(d.scale()).bytes(d.unscaledValue().toByteArray());
                }
                case VARCHAR -> out.string((String) p.value());
                case VARBINARY -> out.bytes((byte[]) p.value());
            }
        }
    }

    private static void properties(WireOutput out, Map<String, String> properties) {
        out.i32(properties.size());
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            out.string(e.getKey()).string(e.getValue());
        }
    }

    /**
     * Checks a frame's length field.
     *
     * @throws TroupeException {@code PROTOCOL_ERROR} when it is below 1 or above {@code maxFrameBytes}
     */
    public static int checkFrameLength(int length, int maxFrameBytes) {
        if (length < 1 || length > maxFrameBytes) {
            throw new TroupeException(ErrorCode.PROTOCOL_ERROR, "frame length " + Integer.toUnsignedString(length)
                    + " is outside 1 to " + maxFrameBytes + " bytes");
        }
        return length;
    }

    /**
     * Decodes one message. {@code payload} is the frame after its type byte (position to limit); result
     * messages keep a view of it for their Arrow bytes (no copy).
     *
     * @throws TroupeException {@code PROTOCOL_ERROR} for an unknown or reserved type, or a malformed payload
     */
    public static Message decode(int typeCode, ByteBuffer payload) {
        MessageType type = MessageType.of(typeCode);
        if (type == null || type.reserved()) {
            throw new TroupeException(ErrorCode.PROTOCOL_ERROR, String.format("message type 0x%02X is %s in protocol version %d",
                    typeCode, type == null ? "unknown" : "reserved (" + type + ") and not supported", WireFormat.VERSION));
        }
        WireInput in = new WireInput(payload, type.name());
        Message m = switch (type) {
            case HELLO -> hello(in);
            case AUTHENTICATE -> new Message.Authenticate(in.string("user"), in.string("password"), in.string("project"));
            case QUERY -> query(in);
            case CANCEL -> new Message.Cancel(in.i64("query id"));
            case CLOSE -> new Message.Close();
            case HELLO_OK -> new Message.HelloOk(in.u16("version"), in.string("server"));
            case AUTH_OK -> new Message.AuthOk(properties(in));
            case RESULT_SCHEMA -> new Message.ResultSchema(in.i64("query id"), in.rest());
            case RESULT_BATCH -> batch(in);
            case RESULT_END -> new Message.ResultEnd(in.i64("query id"), in.i64("row count"), in.bool("truncated"));
            case ERROR -> new Message.ErrorResponse(in.i64("query id"), in.i32("code"), in.string("SQLSTATE"),
                    in.string("symbol"), in.string("message"), in.i32("line"), in.i32("column"), in.bool("closing"));
            default -> throw new IllegalStateException("reserved type " + type); // refused above
        };
        in.end();
        return m;
    }

    private static Message.Hello hello(WireInput in) {
        int magic = in.i32("magic");
        if (magic != WireFormat.MAGIC) {
            throw in.error(String.format("magic 0x%08X is not 0x%08X ('TRUP'): is this a Troupe client?", magic, WireFormat.MAGIC));
        }
        return new Message.Hello(in.u16("version"), in.string("client"));
    }

    private static Message.ResultBatch batch(WireInput in) {
        long queryId = in.i64("query id");
        int rows = in.i32("row count");
        if (rows < 0) {
            throw in.error("row count " + rows + " is negative");
        }
        return new Message.ResultBatch(queryId, rows, in.rest());
    }

    private static Message.Query query(WireInput in) {
        long queryId = in.i64("query id");
        if (queryId == 0) {
            throw in.error("query id 0 is reserved for errors about the connection: use another id");
        }
        String sql = in.string("sql");
        long maxRows = in.i64("max rows");
        int fetchRows = in.i32("fetch rows");
        int timeout = in.i32("timeout seconds");
        if (maxRows < 0 || fetchRows < 0 || timeout < 0) {
            throw in.error("max rows, fetch rows and timeout are 0 or positive, not " + maxRows + ", " + fetchRows + ", " + timeout);
        }
        int n = in.count("parameter count", 1);
        List<Parameter> parameters = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            parameters.add(parameter(in, "parameter " + i));
        }
        return new Message.Query(queryId, sql, new QueryOptions(maxRows, fetchRows, timeout), parameters);
    }

    private static Parameter parameter(WireInput in, String name) {
        int tag = in.u8(name + " type");
        ParameterType type = ParameterType.of(tag);
        if (type == null) {
            throw in.error(name + " has the unknown type tag " + tag);
        }
        return switch (type) {
            case NULL -> Parameter.ofNull();
            case BOOLEAN -> Parameter.of(in.bool(name));
            case INTEGER -> Parameter.of(in.i32(name));
            case BIGINT -> Parameter.of(in.i64(name));
            case DOUBLE -> Parameter.of(in.f64(name));
            case DECIMAL -> {
                int scale = in.i32(name + " scale");
                byte[] unscaled = in.bytes(name);
                if (unscaled.length == 0) {
                    throw in.error(name + " has no digits");
                }
                yield Parameter.of(new BigDecimal(new BigInteger(unscaled), scale));
            }
            case VARCHAR -> Parameter.of(in.string(name));
            case DATE -> new Parameter(ParameterType.DATE, in.i32(name));
            case TIME -> {
                int millis = in.i32(name);
                if (millis < 0 || millis >= 86_400_000) {
                    throw in.error(name + " is " + millis + " ms of the day, outside 0 to 86,399,999");
                }
                yield new Parameter(ParameterType.TIME, millis);
            }
            case TIMESTAMP -> Parameter.ofTimestampMillis(in.i64(name));
            case VARBINARY -> new Parameter(ParameterType.VARBINARY, in.bytes(name));
        };
    }

    private static Map<String, String> properties(WireInput in) {
        int n = in.count("property count", 8);
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String key = in.string("property key");
            if (map.put(key, in.string("property " + key)) != null) {
                throw in.error("property " + key + " appears twice");
            }
        }
        return map;
    }
}
