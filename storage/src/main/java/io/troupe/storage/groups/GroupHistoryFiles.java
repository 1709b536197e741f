package io.troupe.storage.groups;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.encoding.ByteWriter;
import io.troupe.storage.ingest.BatchCodec;
import io.troupe.storage.ingest.Resolved;
import io.troupe.storage.io.ChecksummedFiles;
import io.troupe.storage.io.FileIO;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        out.writeInt(ChecksummedFiles.checksum(out.array(), out.size()));
        io.writeAtomically(file, out.toByteArray());
    }

    public static List<Resolved.GroupChange> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer in = ChecksummedFiles.body(bytes, MAGIC, FORMAT_VERSION, file, "a group history file");
            byte[] body = new byte[in.remaining()];
            in.get(body);
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
