package io.troupe.storage.io;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real file system. */
final class LocalFileIO implements FileIO {
    static final LocalFileIO INSTANCE = new LocalFileIO();
    private static final Logger LOG = LoggerFactory.getLogger(LocalFileIO.class);

    /**
     * A {@link FileChannel} closes itself when a thread using it is interrupted (or enters it with its interrupt
     * flag set), and a closed WAL file fails the whole store: one cancelled request would stop every writer.
     * The JDK's channel can be made uninterruptible, but only through its implementation class; that needs
     * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}, which {@code troupe.jvm.flags} and
     * {@code bin/troupe} pass. Null when not available (then a warning is logged once).
     */
    private static final Method SET_UNINTERRUPTIBLE = uninterruptibleSwitch();

    private LocalFileIO() {
    }

    private static Method uninterruptibleSwitch() {
        try {
            if (!Object.class.getModule().isExported("sun.nio.ch", LocalFileIO.class.getModule())) {
                throw new IllegalAccessException("java.base does not export sun.nio.ch");
            }
            return Class.forName("sun.nio.ch.FileChannelImpl").getMethod("setUninterruptible");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("An interrupted writer will close the store's files (run with"
                    + " --add-exports java.base/sun.nio.ch=ALL-UNNAMED): {}", e.toString());
            return null;
        }
    }

    private static FileChannel uninterruptible(FileChannel channel) throws IOException {
        if (SET_UNINTERRUPTIBLE != null && SET_UNINTERRUPTIBLE.getDeclaringClass().isInstance(channel)) {
            try {
                SET_UNINTERRUPTIBLE.invoke(channel);
            } catch (ReflectiveOperationException e) {
                channel.close();
                throw new IOException("making a file channel uninterruptible", e);
            }
        }
        return channel;
    }

    @Override
    public WritableFile create(Path path) throws IOException {
        return new ChannelFile(uninterruptible(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)));
    }

    @Override
    public WritableFile openAppend(Path path) throws IOException {
        FileChannel channel = uninterruptible(FileChannel.open(path, StandardOpenOption.WRITE));
        channel.position(channel.size());
        return new ChannelFile(channel);
    }

    @Override
    public WritableFile openOverwrite(Path path) throws IOException {
        return new ChannelFile(uninterruptible(FileChannel.open(path, StandardOpenOption.WRITE)));
    }

    @Override
    public void move(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public FileChannel openRead(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    @Override
    public void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (WritableFile file = create(tmp)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
            file.force();
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.getParent());
    }

    @Override
    public void fsyncDirectory(Path dir) throws IOException {
        // Linux lets a directory be opened read-only and fsynced; that makes a rename durable.
        try (FileChannel channel = uninterruptible(FileChannel.open(dir, StandardOpenOption.READ))) {
            channel.force(true);
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    private static final class ChannelFile implements WritableFile {
        private final FileChannel channel;

        ChannelFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
            channel.position(size);
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
