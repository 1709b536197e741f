package io.troupe.storage.wal;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.backup.FileCopier;
import io.troupe.storage.io.FileIO;
import io.troupe.storage.io.WritableFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log: every acknowledged batch is a CRC32C-checked record here before it is acknowledged.
 *
 * <p>Appends come from one writer at a time (the store's ingest lock); durability is a group commit: a
 * writer that needs its record durable calls {@link #awaitDurable}; the first waiter fsyncs for everyone
 * who appended before the fsync began, and the others wait for it, so many concurrent writers share one
 * fsync. With {@code syncEveryMillis > 0} instead, a background thread fsyncs on that period and
 * {@code awaitDurable} returns at once: more throughput, but a machine crash can lose that many
 * milliseconds of acknowledged events (a process crash loses nothing: the bytes are in the OS page cache).
 *
 * <p>Any failed fsync puts the log into a failed state (as PostgreSQL does after an fsync error: the page
 * cache can no longer be trusted); a failed write is cut back off the file, and the batch is refused.
 */
public final class WriteAheadLog implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);

    private final Path dir;
    private final FileIO io;
    private final long maxFileBytes;
    private final long syncEveryMillis;
    private final ReentrantLock fileLock = new ReentrantLock();
    private final Object syncMonitor = new Object();
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);

    private final WalSpare spare; // null: files start empty
    private WritableFile current;
    private long currentStart;
    private boolean currentPreallocated;
    private boolean spareRequested;
    private long lastFileBytes = -1; // record bytes of the file before the current one
    private volatile long written;
    private long durable; // guarded by syncMonitor
    private boolean syncing; // guarded by syncMonitor
    private volatile Throwable failure;
    private final Thread syncThread;
    private volatile boolean closed;

    private static final int RECORD_HEADER = WalFiles.RECORD_HEADER_BYTES;
    /**
     * The spare is requested once the current file holds this fraction of its size: early, because a flush
     * starts a new file long before the current one is full (a 256 MB file, 2M-row flushes of ~110-byte events).
     */
    private static final int SPARE_AFTER_FRACTION = 16;
    /** The smallest spare: the bytes of a file are about as many as its predecessor's (flushes start files). */
    private static final long MIN_SPARE_BYTES = 16L << 20;

    /** Opens a log that continues at {@code position} (where recovery ended) in a new file; files start empty. */
    public WriteAheadLog(Path dir, FileIO io, long position, long maxFileBytes, long syncEveryMillis) {
        this(dir, io, position, maxFileBytes, syncEveryMillis, false);
    }

    /**
     * @param preallocate start files from a zero-filled spare prepared in the background ({@link WalSpare}) once
     *                    the current file holds 1/16 of {@code maxFileBytes}: faster fsyncs, for a spare file of
     *                    {@code maxFileBytes} on disk
     */
    public WriteAheadLog(Path dir, FileIO io, long position, long maxFileBytes, long syncEveryMillis,
                         boolean preallocate) {
        this.dir = dir;
        this.io = io;
        this.maxFileBytes = maxFileBytes;
        this.syncEveryMillis = syncEveryMillis;
        try {
            io.createDirectories(dir);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "creating WAL folder " + dir + ": " + e.getMessage());
        }
        this.spare = preallocate ? new WalSpare(dir, io) : null;
        try {
            startFile(position);
        } catch (IOException e) {
            if (spare != null) {
                spare.close();
            }
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "creating WAL file in " + dir + ": " + e.getMessage());
        }
        this.written = position;
        this.durable = position;
        if (syncEveryMillis > 0) {
            syncThread = new Thread(this::syncPeriodically, "troupe-wal-sync");
            syncThread.setDaemon(true);
            syncThread.start();
        } else {
            syncThread = null;
        }
    }

    private void startFile(long start) throws IOException {
        Path file = WalFiles.fileFor(dir, start);
        WritableFile f = openNewFile(file);
        ByteBuffer header = ByteBuffer.allocate(WalFiles.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(WalFiles.MAGIC).putInt(WalFiles.FORMAT_VERSION).putLong(start).flip();
        try {
            while (header.hasRemaining()) {
                f.write(header);
            }
            f.force();
            io.fsyncDirectory(dir);
        } catch (IOException e) {
            f.close();
            throw e;
        }
        current = f;
        currentStart = start;
        spareRequested = false;
    }

    /** The spare renamed to {@code file} when one is ready (its zeros are overwritten from the start), else a new file. */
    private WritableFile openNewFile(Path file) throws IOException {
        Path ready = spare == null ? null : spare.take();
        if (ready != null) {
            try {
                io.move(ready, file);
                WritableFile f = io.openOverwrite(file);
                currentPreallocated = true;
                return f;
            } catch (IOException e) {
                LOG.warn("Could not start WAL file {} from the zero-filled spare ({}); starting it empty", file, e.toString());
            }
        }
        currentPreallocated = false;
        return io.create(file);
    }

    /** The position after the last appended record. */
    public long position() {
        return written;
    }

    /** The position up to which everything is durable. */
    public long durablePosition() {
        synchronized (syncMonitor) {
            return durable;
        }
    }

    /**
     * Appends one record. The caller serialises appends. Returns the position after the record. On an I/O
     * error the partial record is cut off and the error thrown: the record was not logged.
     */
    public long append(byte[] payload, int length) {
        checkUsable();
        if (length <= 0) {
            throw new IllegalArgumentException("a WAL record needs a payload: recovery takes a zero length for a zero-filled file end");
        }
        if (length > WalFiles.MAX_RECORD_BYTES) {
            throw new TroupeException(ErrorCode.BATCH_TOO_LARGE,
                    "the encoded batch has " + length + " bytes, more than " + WalFiles.MAX_RECORD_BYTES + ": send smaller batches");
        }
        crc.reset();
        crc.update(payload, 0, length);
        recordHeader.clear();
        recordHeader.putInt(length).putInt((int) crc.getValue()).flip();
        long fileOffset = WalFiles.HEADER_BYTES + (written - currentStart);
        try {
            while (recordHeader.hasRemaining()) {
                current.write(recordHeader);
            }
            ByteBuffer body = ByteBuffer.wrap(payload, 0, length);
            while (body.hasRemaining()) {
                current.write(body);
            }
        } catch (IOException e) {
            undoPartialWrite(fileOffset, e);
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "appending to the WAL: " + e.getMessage());
        }
        long end = written + RECORD_HEADER + length;
        written = end;
        if (end - currentStart >= maxFileBytes) {
            rollQuietly();
        } else if (spare != null && !spareRequested && end - currentStart >= maxFileBytes / SPARE_AFTER_FRACTION) {
            spareRequested = true; // a store that writes little never pays for a spare
            spare.request(WalFiles.HEADER_BYTES + spareBytes());
        }
        return end;
    }

    private void undoPartialWrite(long fileOffset, IOException cause) {
        try {
            current.truncate(fileOffset);
        } catch (IOException e) {
            cause.addSuppressed(e);
            fail(cause);
        }
    }

    /** Blocks until everything up to {@code position} is durable (group commit). */
    public void awaitDurable(long position) {
        if (syncEveryMillis > 0) {
            checkUsable();
            return;
        }
        long target;
        synchronized (syncMonitor) {
            while (true) {
                checkUsable();
                if (durable >= position) {
                    return;
                }
                if (!syncing) {
                    syncing = true;
                    target = written;
                    break;
                }
                try {
                    syncMonitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TroupeException(ErrorCode.STORAGE_IO, e, "interrupted while waiting for the WAL fsync");
                }
            }
        }
        // This thread leads the group: one fsync covers every record appended before `target` was read.
        try {
            forceCurrent();
            synchronized (syncMonitor) {
                durable = Math.max(durable, target);
            }
        } finally {
            synchronized (syncMonitor) {
                syncing = false;
                syncMonitor.notifyAll();
            }
        }
        if (durable < position) {
            awaitDurable(position);
        }
    }

    /** Makes everything appended so far durable now. */
    public void sync() {
        long target = written;
        forceCurrent();
        synchronized (syncMonitor) {
            durable = Math.max(durable, target);
            syncMonitor.notifyAll();
        }
    }

    private void forceCurrent() {
        fileLock.lock();
        try {
            checkUsable();
            current.force();
        } catch (IOException e) {
            fail(e);
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "fsync of the WAL: " + e.getMessage());
        } finally {
            fileLock.unlock();
        }
    }

    /**
     * Continues in a new file starting at the current position; the old file is made durable and closed
     * first. The caller serialises this with appends. Used by flush so that old files can be deleted whole.
     */
    public void roll() {
        sync();
        fileLock.lock();
        try {
            WritableFile old = current;
            lastFileBytes = written - currentStart;
            startFile(written);
            old.close();
        } catch (IOException e) {
            fail(e);
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "starting a new WAL file: " + e.getMessage());
        } finally {
            fileLock.unlock();
        }
    }

    private void rollQuietly() {
        try {
            roll();
        } catch (TroupeException e) {
            LOG.error("WAL roll failed; the log is now failed", e);
        }
    }

    /**
     * Makes everything appended durable, then copies every WAL file into {@code target}. The caller
     * serialises this with appends (the store holds its ingest lock), so the copy ends on a whole record.
     */
    public void copyTo(Path target, FileCopier copier) throws IOException {
        sync();
        fileLock.lock();
        try {
            for (Path file : WalFiles.list(dir)) {
                copier.copy(file, target.resolve(file.getFileName()));
            }
        } finally {
            fileLock.unlock();
        }
    }

    /** Deletes the files whose records all lie below {@code position} (they are in segments now). */
    public void deleteFilesBelow(long position) {
        try {
            var files = WalFiles.list(dir);
            for (int i = 0; i + 1 < files.size(); i++) {
                long nextStart = WalFiles.startOf(files.get(i + 1));
                if (nextStart <= position && WalFiles.startOf(files.get(i)) < currentStart) {
                    io.delete(files.get(i));
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not delete old WAL files in {}: {}", dir, e.toString());
        }
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
            LOG.error("The WAL in {} failed; writes are refused until restart", dir, e);
        }
    }

    /**
     * Refuses every later write: the caller found memory out of step with the log (a logged batch it could
     * not apply). Recovery at the next start replays the log.
     */
    public void markFailed(Throwable cause) {
        fail(cause);
    }

    public Throwable failure() {
        return failure;
    }

    private void checkUsable() {
        Throwable f = failure;
        if (f != null) {
            throw new TroupeException(ErrorCode.STORAGE_FAILED, f, dir.getParent().getFileName(), f.toString());
        }
        if (closed) {
            throw new TroupeException(ErrorCode.STORAGE_CLOSED, dir.getParent().getFileName());
        }
    }

    /** On a clean close, the current file loses its unused zeros, so the next start finds a file that ends cleanly. */
    private void cutPreallocatedEnd() {
        if (!currentPreallocated) {
            return;
        }
        fileLock.lock();
        try {
            current.truncate(WalFiles.HEADER_BYTES + written - currentStart);
        } catch (IOException e) {
            LOG.warn("Could not cut the unused end of WAL file {}: {}", WalFiles.fileFor(dir, currentStart), e.toString());
        } finally {
            fileLock.unlock();
        }
    }

    /**
     * The size of the next spare: a quarter more than the last file held (files end at flushes, which come every
     * so many rows), at least 16 MB, at most a whole file; before any file has ended, a whole file. Bytes past
     * the spare's end are appended, as without a spare.
     */
    private long spareBytes() {
        if (lastFileBytes < 0) {
            return maxFileBytes;
        }
        return Math.min(maxFileBytes, Math.max(Math.min(MIN_SPARE_BYTES, maxFileBytes), lastFileBytes + lastFileBytes / 4));
    }

    /** Whether the zero-filled spare is ready (for tests). */
    boolean spareReady() {
        return spare != null && spare.isReady();
    }

    private void syncPeriodically() {
        while (!closed) {
            try {
                Thread.sleep(syncEveryMillis);
                if (written > durablePosition() && failure == null) {
                    sync();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Periodic WAL fsync failed", e);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (failure == null) {
                cutPreallocatedEnd();
                sync();
            }
        } finally {
            closed = true;
            if (spare != null) {
                spare.close();
            }
            if (syncThread != null) {
                syncThread.interrupt();
            }
            fileLock.lock();
            try {
                current.close();
            } catch (IOException e) {
                LOG.warn("Closing the WAL file failed", e);
            } finally {
                fileLock.unlock();
            }
        }
    }
}
