package io.troupe.storage.segment;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An open segment file, memory-mapped, read with column projection: a batch read decompresses only the
 * buffers of the columns asked for, straight from the mapped file into Arrow buffers. (Arrow's own file
 * reader would read and decompress every column of a batch, including the large property columns.)
 */
public final class SegmentFile implements Closeable {
    private static final long NO_COMPRESSION_LENGTH = -1L;

    private final Path path;
    private final MappedByteBuffer mapped;
    private final Schema schema;
    private final List<ArrowBlock> blocks;
    private final long timeBase;
    private final int[] firstBuffer; // per field, the index of its first buffer in a record batch

    private SegmentFile(Path path, MappedByteBuffer mapped, Schema schema, List<ArrowBlock> blocks) {
        this.path = path;
        this.mapped = mapped;
        this.schema = schema;
        this.blocks = blocks;
        Map<String, String> meta = schema.getCustomMetadata();
        int version = Integer.parseInt(meta.getOrDefault(SegmentSchema.META_FORMAT_VERSION, "0"));
        if (version < 1 || version > SegmentSchema.FORMAT_VERSION) {
            throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, path, version, SegmentSchema.FORMAT_VERSION);
        }
        this.timeBase = Long.parseLong(meta.get(SegmentSchema.META_TIME_BASE));
        List<Field> fields = schema.getFields();
        firstBuffer = new int[fields.size()];
        int buffer = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).getChildren().isEmpty()) {
                throw new TroupeException(ErrorCode.STORAGE_CORRUPT, path, "nested column " + fields.get(i).getName());
            }
            firstBuffer[i] = buffer;
            buffer += TypeLayout.getTypeBufferCount(fields.get(i).getType());
        }
    }

    /** Opens a segment, checking its size against the manifest's (a truncated file is corrupt). */
    public static SegmentFile open(Path path, long expectedBytes, BufferAllocator allocator) {
        try (FileChannel channel = FileChannel.open(path)) {
            long size = channel.size();
            if (expectedBytes >= 0 && size != expectedBytes) {
                throw new TroupeException(ErrorCode.STORAGE_CORRUPT, path,
                        "size " + size + " differs from the manifest's " + expectedBytes);
            }
            if (size > Integer.MAX_VALUE) {
                throw new TroupeException(ErrorCode.STORAGE_CORRUPT, path, "segment larger than 2 GB");
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            try (ArrowFileReader footer = new ArrowFileReader(channel, allocator, Lz4FrameCodec.FACTORY)) {
                Schema schema = footer.getVectorSchemaRoot().getSchema();
                return new SegmentFile(path, mapped, schema, new ArrayList<>(footer.getRecordBlocks()));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TroupeException te) {
                throw te;
            }
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, e, path, e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    public Schema schema() {
        return schema;
    }

    public long timeBase() {
        return timeBase;
    }

    public int batchCount() {
        return blocks.size();
    }

    /** Rows in the file, from the record batch metadata. */
    public long rows() {
        long rows = 0;
        for (ArrowBlock block : blocks) {
            rows += recordBatch(block).length();
        }
        return rows;
    }

    public boolean hasColumn(String name) {
        return indexOf(name) >= 0;
    }

    private int indexOf(String name) {
        List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads batch {@code index} with only the {@code columns} named that the segment has (absent ones, such
     * as a group type no row of this segment has, are left out: readers treat them as all null). The
     * caller closes the returned root.
     */
    public VectorSchemaRoot readBatch(int index, Collection<String> columns, BufferAllocator allocator) {
        ArrowBlock block = blocks.get(index);
        RecordBatch batch = recordBatch(block);
        int body = Math.toIntExact(block.getOffset() + block.getMetadataLength());
        boolean compressed = batch.compression() != null;
        List<Field> fields = new ArrayList<>();
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (String column : columns) {
                int f = indexOf(column);
                if (f < 0) {
                    continue;
                }
                Field field = schema.getFields().get(f);
                org.apache.arrow.flatbuf.FieldNode node = batch.nodes(f);
                int bufferCount = TypeLayout.getTypeBufferCount(field.getType());
                List<ArrowBuf> buffers = new ArrayList<>(bufferCount);
                FieldVector vector = field.createVector(allocator);
                vectors.add(vector);
                try {
                    for (int b = 0; b < bufferCount; b++) {
                        org.apache.arrow.flatbuf.Buffer buffer = batch.buffers(firstBuffer[f] + b);
                        buffers.add(readBuffer(body + (int) buffer.offset(), (int) buffer.length(), compressed, allocator));
                    }
                    vector.loadFieldBuffers(new ArrowFieldNode(node.length(), node.nullCount()), buffers);
                } finally {
                    buffers.forEach(ArrowBuf::close);
                }
                fields.add(field);
            }
            return new VectorSchemaRoot(fields, vectors, (int) batch.length());
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            if (e instanceof TroupeException te) {
                throw te;
            }
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, e, path, e.getMessage());
        }
    }

    /**
     * One buffer of a column as stored in the file.
     *
     * @param batch        the record batch it belongs to
     * @param fileOffset   where its bytes start in the file
     * @param storedLength its length in the file (with the 8-byte length prefix of a compressed body)
     * @param plainLength  its length once decompressed
     * @param lz4Frame     true when an LZ4 frame starts at {@code fileOffset + 8}; false when the bytes are
     *                     stored as they are (from {@code fileOffset + 8} in a compressed body, else from
     *                     {@code fileOffset})
     */
    public record StoredBuffer(int batch, long fileOffset, long storedLength, long plainLength, boolean lz4Frame) {
    }

    /** Every buffer of a column, batch by batch, as the record batch metadata describes them. */
    public List<StoredBuffer> storedBuffers(String column) {
        int f = indexOf(column);
        if (f < 0) {
            return List.of();
        }
        int count = TypeLayout.getTypeBufferCount(schema.getFields().get(f).getType());
        ByteBuffer file = mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<StoredBuffer> buffers = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            ArrowBlock block = blocks.get(b);
            RecordBatch batch = recordBatch(block);
            long body = block.getOffset() + block.getMetadataLength();
            boolean compressed = batch.compression() != null;
            for (int i = 0; i < count; i++) {
                org.apache.arrow.flatbuf.Buffer buffer = batch.buffers(firstBuffer[f] + i);
                long offset = body + buffer.offset();
                long length = buffer.length();
                if (!compressed || length == 0) {
                    buffers.add(new StoredBuffer(b, offset, length, length, false));
                    continue;
                }
                long plain = file.getLong(Math.toIntExact(offset));
                boolean raw = plain == NO_COMPRESSION_LENGTH;
                buffers.add(new StoredBuffer(b, offset, length, raw ? length - 8 : plain, !raw && plain > 0));
            }
        }
        return buffers;
    }

    /**
     * The bytes each column takes in the file: the lengths of its buffers as stored (compressed), summed over
     * the record batches. What storage reports per column ("bytes per event") is read from here.
     */
    public Map<String, Long> columnBytes() {
        Map<String, Long> bytes = new java.util.LinkedHashMap<>();
        for (Field field : schema.getFields()) {
            long sum = 0;
            for (StoredBuffer buffer : storedBuffers(field.getName())) {
                sum += buffer.storedLength();
            }
            bytes.put(field.getName(), sum);
        }
        return bytes;
    }

    private RecordBatch recordBatch(ArrowBlock block) {
        int offset = Math.toIntExact(block.getOffset());
        ByteBuffer file = mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int length = file.getInt(offset);
        int start = offset + 4;
        if (length == -1) { // continuation marker, then the length
            length = file.getInt(offset + 4);
            start = offset + 8;
        }
        ByteBuffer metadata = file.duplicate();
        metadata.position(start).limit(start + length);
        Message message = Message.getRootAsMessage(metadata.slice().order(ByteOrder.LITTLE_ENDIAN));
        if (message.headerType() != MessageHeader.RecordBatch) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, path, "block is not a record batch");
        }
        return (RecordBatch) message.header(new RecordBatch());
    }

    private ArrowBuf readBuffer(int offset, int length, boolean compressed, BufferAllocator allocator) {
        if (length == 0) {
            return allocator.getEmpty();
        }
        ByteBuffer file = mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (!compressed) {
            ArrowBuf out = allocator.buffer(length);
            out.setBytes(0, file.duplicate().position(offset).limit(offset + length));
            return out;
        }
        long uncompressed = file.getLong(offset);
        if (uncompressed == 0) {
            return allocator.getEmpty(); // Arrow writes an empty buffer as just its length
        }
        if (uncompressed == NO_COMPRESSION_LENGTH) {
            ArrowBuf out = allocator.buffer(length - 8L);
            out.setBytes(0, file.duplicate().position(offset + 8).limit(offset + length));
            return out;
        }
        ArrowBuf out = allocator.buffer(uncompressed);
        int n = Lz4Frame.decompress(file, offset + 8, length - 8, out.nioBuffer(0, (int) uncompressed), 0,
                (int) uncompressed);
        if (n != uncompressed) {
            out.close();
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, path, "buffer decompressed to " + n + " bytes, expected " + uncompressed);
        }
        return out;
    }

    /**
     * Unmaps the file now rather than at garbage collection, so a deleted segment's disk space is freed at
     * once. The caller guarantees no reader uses this file any more (segments are reference-counted, and
     * batches copy what they read out of the mapping).
     */
    @Override
    public void close() {
        Unmapper.unmap(mapped);
    }
}
