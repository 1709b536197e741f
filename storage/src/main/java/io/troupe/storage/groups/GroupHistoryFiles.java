package io.troupe.storage.groups;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.encoding.ByteWriter;
import io.troupe.storage.ingest.BatchCodec;
import io.troupe.storage.ingest.Resolved;
import io.troupe.storage.io.FileIO;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Group property history files: each checkpoint writes the changes since the previous one as
 * {@code groups/history-<walPosition>.bin}: magic, format version, the changes in the WAL's batch
 * encoding, CRC32C. The checkpoint names the files that count; others are leftovers of a crash.
 */
public final class GroupHistoryFiles {
    private static final int MAGIC = 0x48475254; // "TRGH"
    private static final int FORMAT_VERSION = 1;

    private GroupHistoryFiles() {
    }

    public static String nameFor(long walPosition) {
        return String.format("history-%020d.bin", walPosition);
    }

    public static void write(Path file, List<Resolved.GroupChange> changes, FileIO io) throws IOException {
        ByteWriter out = new ByteWriter(256 + changes.size() * 64);
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        BatchCodec.encode(new ArrayList<>(changes), 0, out);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.size());
        out.writeInt((int) crc.getValue());
        io.writeAtomically(file, out.toByteArray());
    }

    public static List<Resolved.GroupChange> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.length < 12 || in.getInt(0) != MAGIC) {
                throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "not a group history file");
            }
            int version = in.getInt(4);
            if (version > FORMAT_VERSION) {
                throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, file, version, FORMAT_VERSION);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
                throw new TroupeException(ErrorCode.STORAGE_CORRUPT, file, "CRC mismatch");
            }
            byte[] body = java.util.Arrays.copyOfRange(bytes, 8, bytes.length - 4);
            List<Resolved.GroupChange> changes = new ArrayList<>();
            for (Resolved r : BatchCodec.decode(body).commands()) {
                changes.add((Resolved.GroupChange) r);
            }
            return changes;
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "reading " + file + ": " + e.getMessage());
        }
    }
}
