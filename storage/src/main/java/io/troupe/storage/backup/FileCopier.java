package io.troupe.storage.backup;

import io.troupe.storage.io.FileIO;
import io.troupe.storage.io.WritableFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills a snapshot folder: {@link #copy} copies a file's bytes (for files the store keeps changing),
 * {@link #link} hard-links a file the store never changes (a segment), falling back to a copy across file
 * systems. Every copy is fsynced, and {@link #finish} fsyncs the folders so the links and names are durable.
 * Counts what it wrote. Not thread-safe: one snapshot uses one copier.
 */
public final class FileCopier {
    private final FileIO io;
    private final Set<Path> folders = new LinkedHashSet<>();
    private int filesCopied;
    private long bytesCopied;
    private int filesLinked;
    private long bytesLinked;

    public FileCopier(FileIO io) {
        this.io = io;
    }

    /** Copies {@code from} to the new file {@code to} and makes the copy durable. */
    public void copy(Path from, Path to) throws IOException {
        folder(to.getParent());
        try (FileChannel in = io.openRead(from); WritableFile out = io.create(to)) {
            long size = in.size();
            long done = 0;
            while (done < size) {
                long n = in.transferTo(done, size - done, out);
                if (n <= 0) {
                    throw new IOException("copying " + from + ": stopped at byte " + done + " of " + size);
                }
                done += n;
            }
            out.force();
            filesCopied++;
            bytesCopied += size;
        }
    }

    /** Hard-links {@code to} to the immutable file {@code from}; copies it when the file system cannot link. */
    public void link(Path from, Path to) throws IOException {
        folder(to.getParent());
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.deleteIfExists(to);
            copy(from, to);
            return;
        }
        filesLinked++;
        bytesLinked += Files.size(to);
    }

    /** Writes a small file durably (a marker or a descriptor). */
    public void write(Path to, byte[] content) throws IOException {
        folder(to.getParent());
        io.writeAtomically(to, content);
    }

    private void folder(Path folder) throws IOException {
        if (folders.add(folder)) {
            io.createDirectories(folder);
        }
    }

    /** Makes the copy's names durable: fsyncs every folder written into, and its parents up to {@code root}. */
    public void finish(Path root) throws IOException {
        Set<Path> all = new LinkedHashSet<>();
        for (Path f : folders) {
            for (Path p = f; p != null && p.startsWith(root); p = p.getParent()) {
                all.add(p);
            }
        }
        List<Path> deepestFirst = new ArrayList<>(all);
        deepestFirst.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path p : deepestFirst) {
            io.fsyncDirectory(p);
        }
        if (root.getParent() != null) {
            io.fsyncDirectory(root.getParent());
        }
    }

    public int filesCopied() {
        return filesCopied;
    }

    public long bytesCopied() {
        return bytesCopied;
    }

    public int filesLinked() {
        return filesLinked;
    }

    public long bytesLinked() {
        return bytesLinked;
    }
}
