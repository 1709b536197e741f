package io.troupe.storage.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Every file operation of the store goes through this facade, so tests can inject I/O failures (a full
 * disk, a failed fsync) at any write and check that nothing acknowledged is lost.
 */
public interface FileIO {
    /** Creates (or truncates) a file for writing. */
    WritableFile create(Path path) throws IOException;

    /** Opens an existing file for appending at its end. */
    WritableFile openAppend(Path path) throws IOException;

    /** Opens an existing file for writing from its start, keeping its length (a file preallocated with zeros). */
    WritableFile openOverwrite(Path path) throws IOException;

    /** Renames {@code source} to {@code target} atomically, replacing it; the caller fsyncs the folder. */
    void move(Path source, Path target) throws IOException;

    FileChannel openRead(Path path) throws IOException;

    /** Replaces {@code target} with {@code content}: write a temporary file, fsync, rename, fsync the folder. */
    void writeAtomically(Path target, byte[] content) throws IOException;

    void fsyncDirectory(Path dir) throws IOException;

    void delete(Path path) throws IOException;

    void createDirectories(Path dir) throws IOException;

    static FileIO local() {
        return LocalFileIO.INSTANCE;
    }
}
