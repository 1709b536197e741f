package io.troupe.storage.read;

import io.troupe.storage.segment.SegmentFile;
import io.troupe.storage.segment.SegmentInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A segment of the store, shared by the store and the snapshots reading it. Reference-counted: a segment
 * replaced by compaction or a deletion rewrite is deleted from disk only once no snapshot holds it.
 */
public final class Segment {
    private static final Logger LOG = LoggerFactory.getLogger(Segment.class);

    private final Path path;
    private final SegmentInfo info;
    private final long partitionStart;
    private final BufferAllocator allocator;
    private SegmentFile file;
    private int references = 1; // the store's own
    private boolean obsolete;

    public Segment(Path path, SegmentInfo info, long partitionStart, BufferAllocator allocator) {
        this.path = path;
        this.info = info;
        this.partitionStart = partitionStart;
        this.allocator = allocator;
    }

    public SegmentInfo info() {
        return info;
    }

    public Path path() {
        return path;
    }

    public long partitionStart() {
        return partitionStart;
    }

    /** The open file (opened on first use); only while a reference is held. */
    public synchronized SegmentFile file() {
        if (references == 0) {
            throw new IllegalStateException("segment " + path + " is released");
        }
        if (file == null) {
            file = SegmentFile.open(path, info.bytes(), allocator);
        }
        return file;
    }

    public synchronized boolean acquire() {
        if (references == 0) {
            return false;
        }
        references++;
        return true;
    }

    public void release() {
        boolean delete;
        SegmentFile unmap = null;
        synchronized (this) {
            references--;
            delete = references == 0 && obsolete;
            if (references == 0) {
                unmap = file;
                file = null;
            }
        }
        if (unmap != null) {
            unmap.close();
        }
        if (delete) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("Could not delete replaced segment {}: {}", path, e.toString());
            }
        }
    }

    /** The store closes: its reference goes; the file is unmapped once the last reader is done. */
    public void close() {
        release();
    }

    /** The store no longer lists this segment: delete it once the last reader is done. */
    public void retire() {
        synchronized (this) {
            obsolete = true;
        }
        release();
    }
}
