package io.troupe.common.wire;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a message payload (big-endian). Every problem (a field past the end, a negative length, bad UTF-8,
 * a boolean that is not 0 or 1) is a {@code PROTOCOL_ERROR} naming the field.
 */
final class WireInput {
    private final ByteBuffer in;
    private final String message;

    WireInput(ByteBuffer payload, String message) {
        this.in = payload.slice().order(ByteOrder.BIG_ENDIAN);
        this.message = message;
    }

    int remaining() {
        return in.remaining();
    }

    private void need(int n, String field) {
        if (in.remaining() < n) {
            throw error("truncated at " + field + " (needs " + n + " bytes, " + in.remaining() + " left)");
        }
    }

    int u8(String field) {
        need(1, field);
        return in.get() & 0xFF;
    }

    boolean bool(String field) {
        int v = u8(field);
        if (v > 1) {
            throw error(field + " is " + v + ", not 0 or 1");
        }
        return v == 1;
    }

    int u16(String field) {
        need(2, field);
        return in.getShort() & 0xFFFF;
    }

    int i32(String field) {
        need(4, field);
        return in.getInt();
    }

    long i64(String field) {
        need(8, field);
        return in.getLong();
    }

    double f64(String field) {
        return Double.longBitsToDouble(i64(field));
    }

    int length(String field) {
        int n = i32(field + " length");
        if (n < 0) {
            throw error(field + " length " + n + " is negative");
        }
        need(n, field);
        return n;
    }

    byte[] bytes(String field) {
        byte[] b = new byte[length(field)];
        in.get(b);
        return b;
    }

    String string(String field) {
        int n = length(field);
        ByteBuffer utf8 = in.slice().limit(n);
        in.position(in.position() + n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(utf8).toString();
        } catch (CharacterCodingException e) {
            throw error(field + " is not valid UTF-8");
        }
    }

    /** The rest of the payload, without copying. */
    ByteBuffer rest() {
        ByteBuffer rest = in.slice();
        in.position(in.limit());
        return rest;
    }

    /** A count of items that each take at least {@code minBytes}: checked against what is left. */
    int count(String field, int minBytes) {
        int n = i32(field);
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw error(field + " " + n + " does not fit in the " + in.remaining() + " bytes left");
        }
        return n;
    }

    void end() {
        if (in.hasRemaining()) {
            throw error(in.remaining() + " bytes after the last field");
        }
    }

    TroupeException error(String what) {
        return new TroupeException(ErrorCode.PROTOCOL_ERROR, message + ": " + what);
    }
}
