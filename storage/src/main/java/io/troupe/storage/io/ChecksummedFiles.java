package io.troupe.storage.io;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The layout of the store's small binary state files (cohort members, group property history): a magic
 * number, a format version, the body, and a CRC32C of everything before it, all little-endian.
 */
public final class ChecksummedFiles {
    /** Magic and version before the body, checksum after it. */
    public static final int OVERHEAD_BYTES = 12;

    private ChecksummedFiles() {
    }

    /** The CRC32C of {@code bytes[0, length)}: what a writer appends after the body. */
    public static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /**
     * Checks {@code bytes} and returns a little-endian view of its body. A wrong magic number or checksum is
     * STORAGE_CORRUPT naming {@code file}; a newer format version is UNSUPPORTED_FORMAT_VERSION.
     *
     * @param kind what the file should be, for the error ("a cohort members file")
     */
    public static ByteBuffer body(byte[] bytes, int magic, int formatVersion, Object file, String kind) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < OVERHEAD_BYTES || in.getInt(0) != magic) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "not " + kind);
        }
        int version = in.getInt(4);
        if (version > formatVersion) {
            throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, file, version, formatVersion);
        }
        if (checksum(bytes, bytes.length - 4) != in.getInt(bytes.length - 4)) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "checksum mismatch");
        }
        return ByteBuffer.wrap(bytes, 8, bytes.length - OVERHEAD_BYTES).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
