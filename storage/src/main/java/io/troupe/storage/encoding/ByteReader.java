package io.troupe.storage.encoding;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote; a read past the end is a corrupt-data error, never garbage. */
public final class ByteReader {
    private final byte[] buffer;
    private int position;
    private final int limit;

    public ByteReader(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    public ByteReader(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    public int position() {
        return position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    private void need(int n) {
        if (n < 0 || position + n > limit) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, "(encoded record)", "truncated at byte " + position);
        }
    }

    public int readByte() {
        need(1);
        return buffer[position++] & 0xFF;
    }

    public int readInt() {
        need(4);
        int v = (buffer[position] & 0xFF) | (buffer[position + 1] & 0xFF) << 8
                | (buffer[position + 2] & 0xFF) << 16 | (buffer[position + 3] & 0xFF) << 24;
        position += 4;
        return v;
    }

    public long readLong() {
        long lo = readInt() & 0xFFFFFFFFL;
        long hi = readInt() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public long readVarLong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new TroupeException(ErrorCode.STORAGE_CORRUPT, "(encoded record)", "varint too long at byte " + position);
    }

    public int readVarInt() {
        long v = readVarLong();
        if (v > 0xFFFFFFFFL) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, "(encoded record)", "varint out of range");
        }
        return (int) v;
    }

    public long readZigZag() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public String readString() {
        int length = readVarInt();
        need(length);
        String s = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    public String readNullableString() {
        int length = readVarInt();
        if (length == 0) {
            return null;
        }
        length--;
        need(length);
        String s = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    public void skip(int n) {
        need(n);
        position += n;
    }
}
