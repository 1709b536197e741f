package io.troupe.bench.storage;

import io.troupe.storage.segment.SegmentFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Where the bytes of a segment file go, read from the Arrow IPC metadata alone: the footer lists the record
 * batches, and each record batch message lists every buffer (validity, offsets, data) of every column with
 * its offset and length in the batch body. With LZ4_FRAME body compression a buffer on disk is an 8-byte
 * little-endian uncompressed length (-1: stored raw) followed by the LZ4 frame, so both the on-disk
 * (compressed) and the in-memory (decompressed) size of every column are exact, without decompressing.
 *
 * <p>What is not in any column: each batch's metadata message, the padding that aligns buffers to 8 bytes,
 * the schema message, the footer and the magic; {@link #overheadBytes()} is all of it, so the columns plus
 * the overhead add up to the file size.
 */
public final class SegmentLayout {
    /** Bytes of one column over all batches of the file(s). */
    public static final class ColumnBytes {
        private final String name;
        private long compressed;
        private long uncompressed;
        /** LZ4 blocks of this column's buffers: {offset in its file, length, uncompressed length, raw?, file index}. */
        private final List<long[]> blocks = new ArrayList<>();
        private final java.util.Set<String> types = new java.util.TreeSet<>();

        ColumnBytes(String name) {
            this.name = name;
        }

        /** The Arrow types the column has in the files (id widths vary per segment). */
        public java.util.Set<String> types() {
            return types;
        }

        public String name() {
            return name;
        }

        /** Bytes of the column's buffers in the file (length prefix and LZ4 frame headers included). */
        public long compressed() {
            return compressed;
        }

        /** Bytes of the column's buffers once decompressed (what a reader allocates). */
        public long uncompressed() {
            return uncompressed;
        }
    }

    private final Map<String, ColumnBytes> columns = new LinkedHashMap<>();
    private final List<Path> files = new ArrayList<>();
    private long fileBytes;
    private long rows;
    private long batches;

    /** The layout of one segment file. */
    public static SegmentLayout of(Path file) {
        return of(List.of(file));
    }

    /** The layouts of several segment files added up (columns by name). */
    public static SegmentLayout of(List<Path> files) {
        SegmentLayout layout = new SegmentLayout();
        try (BufferAllocator allocator = new RootAllocator()) {
            for (Path file : files) {
                layout.add(file, allocator);
            }
        }
        return layout;
    }

    private void add(Path file, BufferAllocator allocator) {
        int fileIndex = files.size();
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            SegmentFile segment = SegmentFile.open(file, size, allocator);
            try {
                rows += segment.rows();
                batches += segment.batchCount();
                for (Field field : segment.schema().getFields()) {
                    ColumnBytes column = columns.computeIfAbsent(field.getName(), ColumnBytes::new);
                    column.types.add(field.getType().toString());
                    for (SegmentFile.StoredBuffer buffer : segment.storedBuffers(field.getName())) {
                        column.compressed += buffer.storedLength();
                        column.uncompressed += buffer.plainLength();
                        if (buffer.plainLength() == 0) {
                            continue;
                        }
                        if (buffer.lz4Frame()) {
                            frameBlocks(mapped, Math.toIntExact(buffer.fileOffset() + 8),
                                    Math.toIntExact(buffer.storedLength() - 8), buffer.plainLength(), column.blocks,
                                    file, fileIndex);
                        } else {
                            long start = buffer.fileOffset() + buffer.storedLength() - buffer.plainLength();
                            column.blocks.add(new long[] {start, buffer.plainLength(), buffer.plainLength(), 1, fileIndex});
                        }
                    }
                }
            } finally {
                segment.close();
            }
            fileBytes += size;
            files.add(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the layout of " + file, e);
        }
    }

    /**
     * The data blocks of one LZ4 frame (magic, FLG, BD, [content size], [dict id], header checksum, then
     * blocks of [int size, high bit = stored raw][data][optional checksum], then a zero end mark).
     */
    private static void frameBlocks(ByteBuffer file, int start, int length, long plain, List<long[]> out, Path path,
                                    int fileIndex) {
        int p = start;
        int end = start + length;
        if (file.getInt(p) != 0x184D2204) {
            throw new IllegalStateException(path + ": not an LZ4 frame at " + start);
        }
        int flg = file.get(p + 4) & 0xFF;
        int blockMax = 4 << 20; // the writer's BD is 4 MB; any frame's blocks are at most that
        p += 6;
        if ((flg & 0x08) != 0) {
            p += 8;
        }
        if ((flg & 0x01) != 0) {
            p += 4;
        }
        p += 1;
        boolean checksums = (flg & 0x10) != 0;
        long remaining = plain;
        while (p + 4 <= end) {
            int size = file.getInt(p);
            p += 4;
            if (size == 0) {
                return;
            }
            boolean raw = (size & 0x80000000) != 0;
            int n = size & 0x7FFFFFFF;
            long produced = raw ? n : Math.min(remaining, blockMax);
            out.add(new long[] {p, n, produced, raw ? 1 : 0, fileIndex});
            remaining -= produced;
            p += n + (checksums ? 4 : 0);
        }
        throw new IllegalStateException(path + ": LZ4 frame without end mark at " + start);
    }

    public Map<String, ColumnBytes> columns() {
        return columns;
    }

    public ColumnBytes column(String name) {
        ColumnBytes c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column " + name + " in " + files);
        }
        return c;
    }

    public List<Path> files() {
        return files;
    }

    public long fileBytes() {
        return fileBytes;
    }

    public long rows() {
        return rows;
    }

    public long batches() {
        return batches;
    }

    /** File bytes in no column: batch metadata messages, alignment padding, schema, footer, magic. */
    public long overheadBytes() {
        long inColumns = 0;
        for (ColumnBytes c : columns.values()) {
            inColumns += c.compressed;
        }
        return fileBytes - inColumns;
    }

    /**
     * The LZ4 blocks of the named columns, copied out of the files, for measuring raw decompression on exactly
     * the bytes a scan decompresses.
     */
    public Lz4Blocks lz4Blocks(List<String> names) {
        List<byte[]> data = new ArrayList<>();
        List<int[]> shape = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            try (FileChannel channel = FileChannel.open(file)) {
                ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
                for (String name : names) {
                    ColumnBytes c = columns.get(name);
                    if (c == null) {
                        continue;
                    }
                    for (long[] block : c.blocks) {
                        if (block[4] != f) {
                            continue;
                        }
                        byte[] bytes = new byte[(int) block[1]];
                        mapped.duplicate().position((int) block[0]).get(bytes);
                        data.add(bytes);
                        shape.add(new int[] {(int) block[2], (int) block[3]});
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
        return new Lz4Blocks(data, shape);
    }

    /** LZ4 blocks on the heap: {@code data[i]} decompresses to {@code plainLength(i)} bytes (or is raw). */
    public static final class Lz4Blocks {
        private final byte[][] data;
        private final int[] plain;
        private final boolean[] raw;
        private final long compressedBytes;
        private final long plainBytes;
        private final int maxPlain;

        Lz4Blocks(List<byte[]> data, List<int[]> shape) {
            this.data = data.toArray(byte[][]::new);
            this.plain = new int[data.size()];
            this.raw = new boolean[data.size()];
            long c = 0;
            long p = 0;
            int max = 0;
            for (int i = 0; i < data.size(); i++) {
                plain[i] = shape.get(i)[0];
                raw[i] = shape.get(i)[1] == 1;
                c += data.get(i).length;
                p += plain[i];
                max = Math.max(max, plain[i]);
            }
            this.compressedBytes = c;
            this.plainBytes = p;
            this.maxPlain = max;
        }

        public int count() {
            return data.length;
        }

        public byte[] data(int i) {
            return data[i];
        }

        public int plainLength(int i) {
            return plain[i];
        }

        public boolean raw(int i) {
            return raw[i];
        }

        public long compressedBytes() {
            return compressedBytes;
        }

        public long plainBytes() {
            return plainBytes;
        }

        public int maxPlainLength() {
            return maxPlain;
        }
    }
}
