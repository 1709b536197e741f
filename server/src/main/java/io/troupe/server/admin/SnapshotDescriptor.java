package io.troupe.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code snapshot.json}, written last into a snapshot folder: what the folder holds. The folder's other
 * files are the project's store as {@link io.troupe.storage.EventStore#snapshotTo} wrote them.
 *
 * @param formatVersion this file's format (1)
 * @param project       the project the snapshot was taken of (restore's default target)
 * @param createdAt     when, ISO-8601 UTC
 * @param walPosition   the snapshot point in the project's write-ahead log
 * @param events        events in the snapshot
 * @param bytes         size of the snapshot's files (linked segment files included)
 */
public record SnapshotDescriptor(int formatVersion, String project, String createdAt, long walPosition, long events,
                                 long bytes) {
    public static final String FILE_NAME = "snapshot.json";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the descriptor of a snapshot folder. @throws TroupeException {@code FILE_NOT_READABLE} */
    public static SnapshotDescriptor read(Path snapshot) {
        Path file = snapshot.resolve(FILE_NAME);
        try {
            SnapshotDescriptor d = JSON.readValue(file.toFile(), SnapshotDescriptor.class);
            if (d.formatVersion() > FORMAT_VERSION) {
                throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, file, d.formatVersion(), FORMAT_VERSION);
            }
            return d;
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.FILE_NOT_READABLE, e, file,
                    Files.exists(file) ? e.getMessage() : "not a snapshot folder (it has no " + FILE_NAME + ")");
        }
    }

    byte[] toJson() throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }
}
