package io.troupe.storage;

import io.troupe.storage.io.FileIO;
import io.troupe.storage.io.WritableFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A {@link FileIO} that does what the local file system does; tests override the calls they watch. */
public class ForwardingFileIO implements FileIO {
    private final FileIO delegate = FileIO.local();

    @Override
    public WritableFile create(Path path) throws IOException {
        return delegate.create(path);
    }

    @Override
    public WritableFile openAppend(Path path) throws IOException {
        return delegate.openAppend(path);
    }

    @Override
    public WritableFile openOverwrite(Path path) throws IOException {
        return delegate.openOverwrite(path);
    }

    @Override
    public void move(Path source, Path target) throws IOException {
        delegate.move(source, target);
    }

    @Override
    public FileChannel openRead(Path path) throws IOException {
        return delegate.openRead(path);
    }

    @Override
    public void writeAtomically(Path target, byte[] content) throws IOException {
        delegate.writeAtomically(target, content);
    }

    @Override
    public void fsyncDirectory(Path dir) throws IOException {
        delegate.fsyncDirectory(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        delegate.delete(path);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }
}
