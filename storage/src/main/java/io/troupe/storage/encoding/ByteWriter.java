package io.troupe.storage.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the primitive encodings the WAL and the property codec use; reused, never per row. */
public final class ByteWriter {
    private byte[] buffer;
    private int size;

    public ByteWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return buffer;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    public void writeBytes(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, buffer, size, length);
        size += length;
    }

    public void writeInt(int v) {
        ensure(4);
        buffer[size++] = (byte) v;
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 24);
    }

    public void writeLong(long v) {
        writeInt((int) v);
        writeInt((int) (v >>> 32));
    }

    public void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    /** Unsigned LEB128. */
    public void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
    }

    public void writeVarInt(int v) {
        writeVarLong(v & 0xFFFFFFFFL);
    }

    public void writeZigZag(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    /** Length-prefixed UTF-8; {@code null} is written as length 0 with a marker, see {@link #writeNullableString}. */
    public void writeString(String s) {
        writeUtf8(s, 0);
    }

    /** Length+1 prefix so that 0 means null. */
    public void writeNullableString(String s) {
        if (s == null) {
            writeVarInt(0);
            return;
        }
        writeUtf8(s, 1);
    }

    /** The UTF-8 bytes of {@code s}, without a length prefix (what {@code s.getBytes(UTF_8)} gives). */
    public void writeRawUtf8(String s) {
        if (!tryAscii(s)) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            writeBytes(bytes, 0, bytes.length);
        }
    }

    /**
     * Writes {@code s} prefixed by its UTF-8 length plus {@code lengthBias}. Most strings on the ingest path
     * (ids, event types, property names and values) are ASCII: those are copied with no temporary array.
     */
    private void writeUtf8(String s, int lengthBias) {
        int start = size;
        writeVarInt(s.length() + lengthBias); // the UTF-8 length if s is ASCII
        if (!tryAscii(s)) {
            size = start;
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            writeVarInt(bytes.length + lengthBias);
            writeBytes(bytes, 0, bytes.length);
        }
    }

    /**
     * Appends {@code s} when it is ASCII, whose UTF-8 bytes are its chars; otherwise writes nothing and returns
     * false. One pass both tests and copies (a bulk copy of the chars' low bytes would be faster but cannot
     * tell U+0141 from 'A').
     */
    private boolean tryAscii(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buffer;
        int at = size;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            b[at + i] = (byte) c;
        }
        size = at + n;
        return true;
    }

    public void setInt(int position, int v) {
        buffer[position] = (byte) v;
        buffer[position + 1] = (byte) (v >>> 8);
        buffer[position + 2] = (byte) (v >>> 16);
        buffer[position + 3] = (byte) (v >>> 24);
    }
}
