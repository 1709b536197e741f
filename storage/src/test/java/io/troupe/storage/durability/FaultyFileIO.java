package io.troupe.storage.durability;

import io.troupe.storage.ForwardingFileIO;
import io.troupe.storage.ForwardingWritableFile;
import io.troupe.storage.io.FileIO;
import io.troupe.storage.io.WritableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A {@link FileIO} over the real file system that fails on command, as a full disk or a failing device
 * would (QuestDB's {@code FailureFileFacade}): the n-th write to files whose path matches a pattern (the
 * failing write first writes half its bytes, as a short write before ENOSPC does), {@code force()} of
 * matching files, or the atomic replace of a matching file name. A fault stays until {@link #clear()}: a
 * full disk stays full.
 *
 * <p>It also remembers how long each file was when its last successful {@code force()} began, so a test
 * can cut files back to what a power loss would leave ({@link #crash}, {@link #durableLength}).
 */
final class FaultyFileIO extends ForwardingFileIO {
    static final String NO_SPACE = "No space left on device";

    private final Map<Path, Long> durableLengths = new ConcurrentHashMap<>();
    private final AtomicInteger injected = new AtomicInteger();
    private volatile Pattern writePattern;
    private final AtomicInteger writesBeforeFailure = new AtomicInteger();
    private volatile Pattern forcePattern;
    private volatile Pattern replacePattern;
    private volatile boolean crashed;
    private volatile Pause pause;

    /** A point where a thread of the store waits until the test lets it go on (to look at the store meanwhile). */
    static final class Pause {
        private final Pattern pattern;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch resume = new CountDownLatch(1);

        private Pause(Pattern pattern) {
            this.pattern = pattern;
        }

        /** Waits until the store's thread is at the pause. */
        void awaitReached() throws InterruptedException {
            if (!reached.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the store never reached the pause at " + pattern);
            }
        }

        void resume() {
            resume.countDown();
        }
    }

    /** Fails the {@code nth} write from now (1: the next) to a file whose path matches {@code regex}, and all later ones. */
    FaultyFileIO failWrite(String regex, int nth) {
        writesBeforeFailure.set(nth - 1);
        writePattern = Pattern.compile(regex);
        return this;
    }

    /** Fails every {@code force()} of a file whose path matches {@code regex}. */
    FaultyFileIO failForce(String regex) {
        forcePattern = Pattern.compile(regex);
        return this;
    }

    /** Fails {@link #writeAtomically} of a target whose path matches {@code regex} (after writing half the temporary file). */
    FaultyFileIO failReplace(String regex) {
        replacePattern = Pattern.compile(regex);
        return this;
    }

    /** The next atomic replace of a file whose path matches {@code regex} waits (before writing) until resumed. */
    Pause pauseBeforeReplace(String regex) {
        Pause p = new Pause(Pattern.compile(regex));
        pause = p;
        return p;
    }

    /**
     * The machine stops: from now on every operation that would change the disk fails and changes nothing,
     * so the files stay as they were at this moment (a test then copies them and drops what was not fsynced).
     */
    void crash() {
        crashed = true;
    }

    /** The disk works again. */
    void clear() {
        writePattern = null;
        forcePattern = null;
        replacePattern = null;
        crashed = false;
    }

    private void checkCrashed(String what, Path path) throws IOException {
        if (crashed) {
            throw fault(what + " after the crash", path);
        }
    }

    /** How many failures were injected so far. */
    int injected() {
        return injected.get();
    }

    /** The length of {@code file} when its last successful {@code force()} began, or -1 if never forced. */
    long durableLength(Path file) {
        return durableLengths.getOrDefault(file.toAbsolutePath(), -1L);
    }

    private IOException fault(String what, Path path) {
        injected.incrementAndGet();
        return new IOException(NO_SPACE + " (injected: " + what + " " + path + ")");
    }

    private static boolean matches(Pattern pattern, Path path) {
        return pattern != null && pattern.matcher(path.toString()).find();
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        checkCrashed("creating", path);
        return new Faulty(path.toAbsolutePath(), super.create(path));
    }

    @Override
    public WritableFile openAppend(Path path) throws IOException {
        checkCrashed("opening", path);
        return new Faulty(path.toAbsolutePath(), super.openAppend(path));
    }

    @Override
    public WritableFile openOverwrite(Path path) throws IOException {
        checkCrashed("opening", path.toAbsolutePath());
        return new Faulty(path.toAbsolutePath(), super.openOverwrite(path));
    }

    @Override
    public void move(Path source, Path target) throws IOException {
        checkCrashed("renaming", source.toAbsolutePath());
        super.move(source, target);
    }

    @Override
    public FileChannel openRead(Path path) throws IOException {
        return super.openRead(path);
    }

    @Override
    public void writeAtomically(Path target, byte[] content) throws IOException {
        checkCrashed("replacing", target);
        Pause p = pause;
        if (p != null && matches(p.pattern, target.toAbsolutePath())) {
            pause = null;
            p.reached.countDown();
            try {
                if (!p.resume.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("the test never resumed the pause at " + target);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted at a pause", e);
            }
        }
        if (matches(replacePattern, target.toAbsolutePath())) {
            try (WritableFile tmp = super.create(target.resolveSibling(target.getFileName() + ".tmp"))) {
                tmp.write(ByteBuffer.wrap(content, 0, content.length / 2));
            }
            throw fault("replacing", target);
        }
        super.writeAtomically(target, content);
    }

    @Override
    public void fsyncDirectory(Path dir) throws IOException {
        checkCrashed("fsync of", dir);
        super.fsyncDirectory(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        checkCrashed("deleting", path);
        super.delete(path);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        checkCrashed("creating", dir);
        super.createDirectories(dir);
    }

    private final class Faulty extends ForwardingWritableFile {
        private final Path path;

        Faulty(Path path, WritableFile file) {
            super(file);
            this.path = path;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            checkCrashed("writing", path);
            if (matches(writePattern, path) && writesBeforeFailure.getAndDecrement() <= 0) {
                if (src.remaining() > 1) {
                    ByteBuffer half = src.duplicate();
                    half.limit(half.position() + src.remaining() / 2);
                    file.write(half);
                }
                throw fault("writing", path);
            }
            return file.write(src);
        }

        @Override
        public void truncate(long size) throws IOException {
            checkCrashed("truncating", path);
            file.truncate(size);
            durableLengths.computeIfPresent(path, (p, n) -> Math.min(n, size));
        }

        @Override
        public void force() throws IOException {
            checkCrashed("fsync of", path);
            if (matches(forcePattern, path)) {
                throw fault("fsync of", path);
            }
            // What a power loss keeps: everything before the write position (files are written front to back;
            // in a preallocated file the zeros after it stand for nothing written, as a cut file does).
            long length = file.position();
            file.force();
            durableLengths.merge(path, length, Math::max);
        }
    }
}
