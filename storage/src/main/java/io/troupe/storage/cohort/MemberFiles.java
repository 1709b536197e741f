package io.troupe.storage.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary form of a member list, little-endian: a magic int ({@code "TRCM"}), format version (int), count (int),
 * then per member its UTF-8 length (int) and bytes, then a CRC32C (int) of everything before it. Length-prefixed, so a member may hold any
 * character (a newline too); checked, so a damaged file is reported rather than read as other members.
 */
final class MemberFiles {
    static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x5452434D; // "TRCM"

    private MemberFiles() {
    }

    static byte[] encode(List<String> members) {
        byte[][] utf8 = new byte[members.size()][];
        long size = 16;
        for (int i = 0; i < utf8.length; i++) {
            utf8[i] = members.get(i).getBytes(StandardCharsets.UTF_8);
            size += 4 + utf8[i].length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new TroupeException(ErrorCode.VALUE_TOO_LARGE, "a cohort's members take over 2 GB");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(utf8.length);
        for (byte[] m : utf8) {
            b.putInt(m.length).put(m);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** @param file shown in errors */
    static String[] decode(byte[] bytes, Object file) {
        if (bytes.length < 16) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "shorter than its header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "not a cohort members file");
        }
        int version = b.getInt();
        if (version > FORMAT_VERSION) {
            throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, file, version, FORMAT_VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != b.getInt(bytes.length - 4)) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "checksum mismatch");
        }
        int count = b.getInt();
        if (count < 0 || count > (bytes.length - 16) / 4) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "member count " + count);
        }
        String[] members = new String[count];
        for (int i = 0; i < count; i++) {
            int length = b.getInt();
            if (length < 0 || length > b.remaining() - 4) {
                throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "member " + i + " runs past the end");
            }
            members[i] = new String(bytes, b.position(), length, StandardCharsets.UTF_8);
            b.position(b.position() + length);
        }
        return members;
    }
}
