package io.troupe.server.admin;

import io.netty.buffer.ByteBuf;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Streams one upload's body into a hidden temporary file next to its target and, once the body is complete,
 * fsyncs it and renames it over the target: a reader of the folder sees the old file or the whole new one.
 *
 * <p>The I/O thread only queues chunks ({@link #append}, {@link #finish}, {@link #abort}); one task at a time
 * on the worker pool drains the queue in order and does the file work. {@link #pendingBytes} lets the
 * connection stop reading while the disk is behind, so memory stays bounded whatever the upload's size.
 */
public final class UploadWriter {
    private static final Object FINISH = new Object();
    private static final Object ABORT = new Object();

    private final Path target;
    private final Path temporary;
    private final long maxBytes;
    private final LongFunction<AdminResponse> committed;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final CompletableFuture<AdminResponse> result = new CompletableFuture<>();
    private Executor pool;
    private Runnable drained = () -> { };
    private long received; // I/O thread only
    private FileChannel file; // drain task only
    private long written; // drain task only
    private Throwable failure; // drain task only

    /**
     * @param target    the file the body becomes
     * @param maxBytes  a body larger than this is refused ({@link #append} returns false)
     * @param committed the response once the file is in place, given its size
     */
    public UploadWriter(Path target, long maxBytes, LongFunction<AdminResponse> committed) {
        this.target = target;
        this.temporary = target.resolveSibling("." + target.getFileName() + ".upload-" + UUID.randomUUID());
        this.maxBytes = maxBytes;
        this.committed = committed;
    }

    /**
     * Starts writing on {@code pool}; {@code drained} runs (on a pool thread) whenever the queued bytes fall
     * back under {@code lowWater}, so the connection can read again.
     */
    void start(Executor workers, Runnable whenDrained) {
        this.pool = workers;
        this.drained = whenDrained;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes received but not yet written. */
    public long pendingBytes() {
        return pending.get();
    }

    /**
     * Queues a chunk; this writer releases it. Returns false, releasing it at once, when the body has passed
     * the limit (the caller then aborts and answers 413).
     *
     * @throws TroupeException {@code SERVER_SHUTTING_DOWN} when the pool no longer takes work
     */
    boolean append(ByteBuf chunk) {
        int n = chunk.readableBytes();
        received += n;
        if (received > maxBytes) {
            chunk.release();
            return false;
        }
        if (n == 0) {
            chunk.release();
            return true;
        }
        pending.addAndGet(n);
        queue.add(chunk);
        schedule();
        return true;
    }

    /** The body is complete: write what is queued, then move the file into place and complete {@link #result}. */
    void finish() {
        queue.add(FINISH);
        schedule();
    }

    /** Drops the upload: the temporary file is deleted and the target left as it was. */
    void abort() {
        queue.add(ABORT);
        try {
            schedule();
        } catch (TroupeException e) {
            // the pool is gone (shutdown): schedule() already cleaned up
        }
    }

    /** Completes with the response once the file is in place, or with the error that stopped the upload. */
    CompletableFuture<AdminResponse> result() {
        return result;
    }

    private void schedule() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // Shutdown began: nothing will write this upload. Cleaning up here touches the disk on the I/O thread,
            // once, on a path that ends the upload anyway.
            draining.set(false);
            failure = new TroupeException(ErrorCode.SERVER_SHUTTING_DOWN);
            discardQueue();
            closeQuietly();
            deleteTemporary();
            result.completeExceptionally(failure);
            throw (TroupeException) failure;
        }
    }

    private void drain() {
        while (true) {
            Object item = queue.poll();
            if (item == null) {
                draining.set(false);
                // an item queued after the poll but before the flag dropped would otherwise wait for the next one
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            if (item == FINISH) {
                commit();
            } else if (item == ABORT) {
                failure = failure == null ? new TroupeException(ErrorCode.INVALID_REQUEST, "upload aborted") : failure;
                closeQuietly();
                deleteTemporary();
                result.completeExceptionally(failure);
            } else {
                write((ByteBuf) item);
            }
        }
    }

    private void write(ByteBuf chunk) {
        int n = chunk.readableBytes();
        try {
            if (failure == null) {
                open();
                for (ByteBuffer buffer : chunk.nioBuffers()) {
                    while (buffer.hasRemaining()) {
                        written += file.write(buffer);
                    }
                }
            }
        } catch (IOException e) {
            failure = new TroupeException(ErrorCode.STORAGE_IO, e, temporary + ": " + e.getMessage());
        } finally {
            chunk.release();
            long left = pending.addAndGet(-n);
            if (left + n > AdminHandler.UPLOAD_LOW_WATER && left <= AdminHandler.UPLOAD_LOW_WATER) {
                drained.run();
            }
        }
    }

    private void open() throws IOException {
        if (file == null) {
            Files.createDirectories(target.getParent());
            file = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    private void commit() {
        try {
            if (failure != null) {
                throw failure;
            }
            open();
            file.force(true);
            file.close();
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                folder.force(true); // makes the rename durable
            }
            result.complete(committed.apply(written));
        } catch (Throwable e) {
            closeQuietly();
            deleteTemporary();
            result.completeExceptionally(e instanceof IOException io
                    ? new TroupeException(ErrorCode.STORAGE_IO, io, target + ": " + io.getMessage()) : e);
        }
    }

    private void discardQueue() {
        for (Object item; (item = queue.poll()) != null; ) {
            if (item instanceof ByteBuf b) {
                pending.addAndGet(-b.readableBytes());
                b.release();
            }
        }
    }

    private void closeQuietly() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // the file is deleted next
            }
        }
    }

    private void deleteTemporary() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // a hidden leftover: listings skip it, the next upload of the name does not reuse it
        }
    }
}
