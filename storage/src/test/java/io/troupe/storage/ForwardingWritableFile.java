package io.troupe.storage;

import io.troupe.storage.io.WritableFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A {@link WritableFile} that forwards every call; tests override the calls they watch or break. */
public class ForwardingWritableFile implements WritableFile {
    protected final WritableFile file;

    public ForwardingWritableFile(WritableFile file) {
        this.file = file;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return file.write(src);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public void truncate(long size) throws IOException {
        file.truncate(size);
    }

    @Override
    public void force() throws IOException {
        file.force();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
