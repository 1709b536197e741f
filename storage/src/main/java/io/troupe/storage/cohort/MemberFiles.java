package io.troupe.storage.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.io.ChecksummedFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
        b.putInt(ChecksummedFiles.checksum(b.array(), b.position()));
        return b.array();
    }

    /** @param file shown in errors */
    static String[] decode(byte[] bytes, Object file) {
        if (bytes.length < 16) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "shorter than its header");
        }
        ByteBuffer b = ChecksummedFiles.body(bytes, MAGIC, FORMAT_VERSION, file, "a cohort members file");
        int count = b.getInt();
        if (count < 0 || count > (bytes.length - 16) / 4) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "member count " + count);
        }
        String[] members = new String[count];
        for (int i = 0; i < count; i++) {
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "member " + i + " runs past the end");
            }
            members[i] = new String(bytes, b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
            b.position(b.position() + length);
        }
        return members;
    }
}
