package io.troupe.server;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory ({@code <data>/troupe.lock}), held by the server and by the
 * commands that open stores themselves ({@code load}, {@code query}, offline {@code project create}), so
 * that two processes never write one store. The operating system releases it when the process dies, so a
 * killed server leaves nothing to clean up.
 */
public final class DataDirectoryLock implements AutoCloseable {
    static final String FILE = "troupe.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock. @throws TroupeException {@code DATA_DIRECTORY_IN_USE} when another process holds it */
    public static DataDirectoryLock acquire(Path dataDirectory) {
        DataDirectoryLock lock = tryAcquire(dataDirectory);
        if (lock == null) {
            throw new TroupeException(ErrorCode.DATA_DIRECTORY_IN_USE, dataDirectory.toAbsolutePath().normalize());
        }
        return lock;
    }

    /** Takes the lock, or returns null when another process holds it. */
    public static DataDirectoryLock tryAcquire(Path dataDirectory) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(dataDirectory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return null;
            }
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return null; // held by this JVM (a server running in the same process)
        } catch (IOException e) {
            closeQuietly(channel);
            throw new TroupeException(ErrorCode.STORAGE_IO, e, dataDirectory.resolve(FILE) + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "releasing " + FILE + ": " + e.getMessage());
        }
    }
}
