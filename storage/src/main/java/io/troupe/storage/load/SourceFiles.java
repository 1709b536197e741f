package io.troupe.storage.load;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a user's input file as strict UTF-8 text, with errors that say what to check. */
final class SourceFiles {
    private SourceFiles() {
    }

    /** A buffered UTF-8 reader that fails (rather than guesses) on bytes that are not UTF-8. */
    static BufferedReader openReader(Path path) {
        if (Files.isDirectory(path)) {
            throw new TroupeException(ErrorCode.FILE_NOT_READABLE, path, "it is a directory: name a file");
        }
        try {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(path.toString(), e);
        }
    }

    static TroupeException unreadable(String file, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file: check the path (it is relative to the current directory)";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied: make the file readable by the user running Troupe";
        } else {
            reason = e.getMessage() + ": check the file and the disk";
        }
        return new TroupeException(ErrorCode.FILE_NOT_READABLE, e, file, reason);
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Read only: nothing is lost.
        }
    }
}
