package io.troupe.common.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer for encoding messages (strings as int32 length then UTF-8). */
final class WireOutput {
    private byte[] bytes;
    private int size;

    WireOutput(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    WireOutput u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    WireOutput bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    WireOutput u16(int v) {
        ensure(2);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
        return this;
    }

    WireOutput i32(int v) {
        ensure(4);
        putInt(bytes, size, v);
        size += 4;
        return this;
    }

    WireOutput i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    WireOutput f64(double v) {
        return i64(Double.doubleToRawLongBits(v));
    }

    WireOutput bytes(byte[] v) {
        i32(v.length);
        return raw(v, 0, v.length);
    }

    WireOutput raw(byte[] v, int offset, int length) {
        ensure(length);
        System.arraycopy(v, offset, bytes, size, length);
        size += length;
        return this;
    }

    WireOutput string(String v) {
        return bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    /** Overwrites 4 bytes at {@code index} (the frame length once the payload is known). */
    void setI32(int index, int v) {
        putInt(bytes, index, v);
    }

    static void putInt(byte[] b, int index, int v) {
        b[index] = (byte) (v >>> 24);
        b[index + 1] = (byte) (v >>> 16);
        b[index + 2] = (byte) (v >>> 8);
        b[index + 3] = (byte) v;
    }
}
