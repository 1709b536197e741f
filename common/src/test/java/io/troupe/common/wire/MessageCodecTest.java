package io.troupe.common.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    static final List<Parameter> EVERY_PARAMETER = List.of(Parameter.ofNull(), Parameter.of(true), Parameter.of(false),
            Parameter.of(Integer.MIN_VALUE), Parameter.of(Long.MAX_VALUE), Parameter.of(-2.5e300),
            Parameter.of(new BigDecimal("-12345678901234567890.123")), Parameter.of(new BigDecimal("1E+5")),
            Parameter.of("grüße, 世界 😀"), Parameter.of(""), Parameter.of(LocalDate.of(1969, 12, 31)),
            Parameter.of(LocalTime.of(23, 59, 59, 999_000_000)), Parameter.ofTimestampMillis(-1L),
            Parameter.of(new byte[] {0, -1, 127}), Parameter.of(new byte[0]));

    /** One message of every type that is not reserved, with awkward values. */
    static List<Message> everyMessage() {
        byte[] arrow = {-1, -1, -1, -1, 8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        return List.of(
                new Message.Hello(WireFormat.VERSION, "test client ✓"),
                new Message.Authenticate("ann", "pä$$ word", "default"),
                new Message.Query(Long.MIN_VALUE, "SELECT ?, 'é' FROM events", new QueryOptions(10, 5, 3), EVERY_PARAMETER),
                new Message.Query(7, "", QueryOptions.DEFAULTS, List.of()),
                new Message.Cancel(42),
                new Message.Close(),
                new Message.HelloOk(65_535, "Troupe"),
                new Message.AuthOk(Map.of("project", "default", "user", "ann", "time_zone", "UTC")),
                new Message.AuthOk(Map.of()),
                new Message.ResultSchema(3, ByteBuffer.wrap(arrow)),
                new Message.ResultBatch(3, 100, ByteBuffer.wrap(arrow)),
                new Message.ResultBatch(3, 0, ByteBuffer.allocate(0)),
                new Message.ResultEnd(3, 1L << 40, true),
                new Message.ErrorResponse(3, 2001, "42601", "SQL_SYNTAX_ERROR", "Syntax error", 2, 17, false),
                Message.ErrorResponse.of(0, new TroupeException(ErrorCode.PROTOCOL_ERROR, "x"), true));
    }

    static Message roundTrip(Message m) {
        byte[] frame = MessageCodec.encode(m);
        int length = ByteBuffer.wrap(frame).getInt();
        assertEquals(frame.length - 4, length, "length field of " + m);
        return MessageCodec.decode(frame[4] & 0xFF, ByteBuffer.wrap(frame, 5, frame.length - 5));
    }

    @Test
    void everyMessageSurvivesARoundTrip() {
        Set<MessageType> covered = EnumSet.noneOf(MessageType.class);
        for (Message m : everyMessage()) {
            assertEquals(m, roundTrip(m));
            covered.add(m.type());
        }
        for (MessageType t : MessageType.values()) {
            assertEquals(!t.reserved(), covered.contains(t), t + ": every type of version 1 has a message, reserved ones none");
        }
    }

    @Test
    void everyTruncationIsAProtocolError() {
        for (Message m : everyMessage()) {
            byte[] frame = MessageCodec.encode(m);
            int fixed = switch (m.type()) { // result messages end with Arrow bytes this layer cannot check
                case RESULT_SCHEMA -> MessageCodec.RESULT_SCHEMA_PREFIX_BYTES;
                case RESULT_BATCH -> MessageCodec.RESULT_BATCH_PREFIX_BYTES;
                default -> frame.length - 5;
            };
            for (int cut = 0; cut < fixed; cut++) {
                ByteBuffer payload = ByteBuffer.wrap(frame, 5, cut);
                TroupeException e = assertThrows(TroupeException.class, () -> MessageCodec.decode(frame[4], payload),
                        m + " cut to " + cut + " bytes");
                assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
                assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("does not fit"), e.getMessage());
            }
        }
    }

    @Test
    void extraBytesAreAProtocolError() {
        for (Message m : everyMessage()) {
            if (m.type() == MessageType.RESULT_SCHEMA || m.type() == MessageType.RESULT_BATCH) {
                continue;
            }
            byte[] frame = Arrays.copyOf(MessageCodec.encode(m), MessageCodec.encode(m).length + 1);
            TroupeException e = assertThrows(TroupeException.class,
                    () -> MessageCodec.decode(frame[4], ByteBuffer.wrap(frame, 5, frame.length - 5)));
            assertTrue(e.getMessage().contains("1 bytes after the last field"), e.getMessage());
        }
    }

    @Test
    void unknownAndReservedTypesAreRefused() {
        for (int code = 0; code < 256; code++) {
            MessageType t = MessageType.of(code);
            if (t != null && !t.reserved()) {
                continue;
            }
            int c = code;
            TroupeException e = assertThrows(TroupeException.class, () -> MessageCodec.decode(c, ByteBuffer.allocate(0)));
            assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
            assertTrue(e.getMessage().contains(t == null ? "unknown" : "reserved (" + t + ")"), e.getMessage());
        }
    }

    @Test
    void malformedFieldsAreNamed() {
        assertProtocolError("magic 0x47455420", payload(MessageType.HELLO, b -> b.putInt(0x47455420).putShort((short) 1).putInt(0)));
        assertProtocolError("truncated at user", payload(MessageType.AUTHENTICATE, b -> b.putInt(100)));
        assertProtocolError("user length -1 is negative", payload(MessageType.AUTHENTICATE, b -> b.putInt(-1)));
        assertProtocolError("user is not valid UTF-8", payload(MessageType.AUTHENTICATE, b -> b.putInt(1).put((byte) 0xC3)));
        assertProtocolError("truncated is 2, not 0 or 1", payload(MessageType.RESULT_END, b -> b.putLong(1).putLong(1).put((byte) 2)));
        assertProtocolError("query id 0 is reserved", payload(MessageType.QUERY, b -> b.putLong(0)));
        assertProtocolError("parameter count 1000 does not fit", payload(MessageType.QUERY,
                b -> b.putLong(1).putInt(0).putLong(0).putInt(0).putInt(0).putInt(1000)));
        assertProtocolError("parameter 1 has the unknown type tag 99", payload(MessageType.QUERY,
                b -> b.putLong(1).putInt(0).putLong(0).putInt(0).putInt(0).putInt(1).put((byte) 99)));
        assertProtocolError("parameter 1 is 86400000 ms of the day", payload(MessageType.QUERY,
                b -> b.putLong(1).putInt(0).putLong(0).putInt(0).putInt(0).putInt(1).put((byte) 8).putInt(86_400_000)));
        assertProtocolError("max rows, fetch rows and timeout are 0 or positive", payload(MessageType.QUERY,
                b -> b.putLong(1).putInt(0).putLong(-1).putInt(0).putInt(0).putInt(0)));
    }

    @Test
    void frameLengthsOutsideTheLimitAreRefused() {
        assertEquals(1, MessageCodec.checkFrameLength(1, 10));
        for (int bad : new int[] {0, -1, 11, Integer.MIN_VALUE}) {
            TroupeException e = assertThrows(TroupeException.class, () -> MessageCodec.checkFrameLength(bad, 10));
            assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
        }
    }

    @Test
    void resultHeadersFrameArrowBytesWrittenBySomeoneElse() {
        byte[] arrow = "arrow message".getBytes(StandardCharsets.US_ASCII);
        byte[] header = MessageCodec.resultBatchHeader(9, 4, arrow.length);
        ByteBuffer frame = ByteBuffer.allocate(header.length + arrow.length).put(header).put(arrow).flip();
        assertEquals(frame.remaining() - 4, frame.getInt());
        Message m = MessageCodec.decode(frame.get() & 0xFF, frame);
        assertEquals(new Message.ResultBatch(9, 4, ByteBuffer.wrap(arrow)), m);
        assertArrayEquals(MessageCodec.encode(m), concat(header, arrow));

        byte[] schemaHeader = MessageCodec.resultSchemaHeader(9, arrow.length);
        assertArrayEquals(MessageCodec.encode(new Message.ResultSchema(9, ByteBuffer.wrap(arrow))), concat(schemaHeader, arrow));
    }

    @Test
    void errorResponsesCarryCodeStateAndPosition() {
        TroupeException e = new TroupeException(ErrorCode.SQL_SYNTAX_ERROR, new SqlPosition(2, 5), null, 2, 5, "x");
        Message.ErrorResponse r = Message.ErrorResponse.of(4, e, false);
        assertEquals(new Message.ErrorResponse(4, 2001, "42601", "SQL_SYNTAX_ERROR", e.getMessage(), 2, 5, false), r);
        assertEquals(ErrorCode.SQL_SYNTAX_ERROR, r.errorCode().orElseThrow());
        assertTrue(new Message.ErrorResponse(0, 9999, "XX000", "FUTURE", "m", 0, 0, true).errorCode().isEmpty());
    }

    @Test
    void parametersCheckTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> new Parameter(ParameterType.INTEGER, 1L));
        assertThrows(IllegalArgumentException.class, () -> new Parameter(ParameterType.NULL, 1));
        assertThrows(IllegalArgumentException.class, () -> new Parameter(ParameterType.TIME, -1));
        assertEquals(Parameter.of(new byte[] {1}), Parameter.of(new byte[] {1}));
        assertEquals(19_723, (Integer) Parameter.of(LocalDate.of(2024, 1, 1)).value());
        assertEquals(3_723_004, (Integer) Parameter.of(LocalTime.of(1, 2, 3, 4_000_000)).value());
        assertThrows(IllegalArgumentException.class, () -> new Message.Hello(70_000, "c"));
        assertThrows(IllegalArgumentException.class, () -> new QueryOptions(-1, 0, 0));
        assertEquals(WireFormat.DEFAULT_FETCH_ROWS, QueryOptions.DEFAULTS.effectiveFetchRows());
        assertEquals(WireFormat.MAX_FETCH_ROWS, QueryOptions.DEFAULTS.withFetchRows(Integer.MAX_VALUE).effectiveFetchRows());
    }

    @Test
    void thePasswordStaysOutOfLogs() {
        assertTrue(!new Message.Authenticate("ann", "secret", "p").toString().contains("secret"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private interface Fill {
        void fill(ByteBuffer b);
    }

    private static Object[] payload(MessageType type, Fill fill) {
        ByteBuffer b = ByteBuffer.allocate(256);
        fill.fill(b);
        return new Object[] {type, b.flip()};
    }

    private static void assertProtocolError(String expected, Object[] typeAndPayload) {
        MessageType type = (MessageType) typeAndPayload[0];
        TroupeException e = assertThrows(TroupeException.class,
                () -> MessageCodec.decode(type.code(), (ByteBuffer) typeAndPayload[1]));
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(type.name()), e.getMessage());
    }
}
