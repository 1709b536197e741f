package io.troupe.storage.io;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/** A file being written: what the WAL and the segment writer need, and what fault injection intercepts. */
public interface WritableFile extends WritableByteChannel {
    long position() throws IOException;

    long size() throws IOException;

    /** Cuts the file back to {@code size} bytes, e.g. to undo a partly written WAL record. */
    void truncate(long size) throws IOException;

    /** Makes everything written so far durable (fdatasync). */
    void force() throws IOException;
}
