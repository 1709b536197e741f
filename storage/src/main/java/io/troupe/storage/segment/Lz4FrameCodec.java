package io.troupe.storage.segment;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;

/**
 * Arrow's {@code LZ4_FRAME} body compression through {@link Lz4Frame}: files it writes are standard Arrow
 * IPC that any Arrow reader (the stock Java codec, pyarrow, DuckDB) can read.
 */
public final class Lz4FrameCodec extends AbstractCompressionCodec {
    public static final Lz4FrameCodec INSTANCE = new Lz4FrameCodec();

    /** Codec factory for Arrow readers and writers: LZ4 frames here, no compression otherwise. */
    public static final CompressionCodec.Factory FACTORY = new CompressionCodec.Factory() {
        @Override
        public CompressionCodec createCodec(CompressionUtil.CodecType codecType) {
            return switch (codecType) {
                case LZ4_FRAME -> Lz4FrameCodec.INSTANCE;
                case NO_COMPRESSION -> NoCompressionCodec.INSTANCE;
                default -> throw new TroupeException(ErrorCode.STORAGE_CORRUPT, "(Arrow file)",
                        "compression " + codecType + " is not supported");
            };
        }

        @Override
        public CompressionCodec createCodec(CompressionUtil.CodecType codecType, int compressionLevel) {
            return createCodec(codecType);
        }
    };

    private Lz4FrameCodec() {
    }

    @Override
    protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
        int length = Math.toIntExact(uncompressed.writerIndex());
        int max = Lz4Frame.maxFrameLength(length);
        ArrowBuf out = allocator.buffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + max);
        int n = Lz4Frame.compress(uncompressed.nioBuffer(0, length), 0, length,
                out.nioBuffer(0, Math.toIntExact(out.capacity())), (int) CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH);
        out.writerIndex(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + n);
        return out;
    }

    @Override
    protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
        long length = readUncompressedLength(compressed);
        ArrowBuf out = allocator.buffer(length);
        int frameLength = Math.toIntExact(compressed.writerIndex() - CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH);
        int n = Lz4Frame.decompress(compressed.nioBuffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, frameLength), 0,
                frameLength, out.nioBuffer(0, Math.toIntExact(length)), 0, Math.toIntExact(length));
        if (n != length) {
            out.close();
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, "(Arrow buffer)",
                    "decompressed " + n + " bytes, expected " + length);
        }
        out.writerIndex(length);
        return out;
    }

    @Override
    public CompressionUtil.CodecType getCodecType() {
        return CompressionUtil.CodecType.LZ4_FRAME;
    }
}
