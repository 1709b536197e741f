package io.troupe.storage.segment;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The LZ4 frame format (what Arrow's {@code LZ4_FRAME} body compression means), over lz4-java's block
 * compressor and decompressor working directly on (off-heap) byte buffers.
 *
 * <p>Why not lz4-java's {@code LZ4FrameOutputStream}: it copies through heap arrays and streams, and Arrow's
 * own codec (through commons-compress) is about 100 times slower here; this writes independent blocks of
 * at most 4 MB without checksums (the segment files carry no checksum of their own; the Arrow footer and
 * the manifest's byte count catch truncation) and reads any conforming frame, with or without the
 * optional content size and checksums.
 */
final class Lz4Frame {
    private static final int MAGIC = 0x184D2204;
    private static final int BLOCK_MAX = 4 << 20;
    private static final int BD_4MB = 7 << 4;
    private static final int FLG_VERSION_1 = 0x40;
    private static final int FLG_BLOCK_INDEPENDENT = 0x20;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    private static final int FLG_DICT_ID = 0x01;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();

    private Lz4Frame() {
    }

    /** An upper bound of the frame size for {@code length} input bytes. */
    static int maxFrameLength(int length) {
        int blocks = Math.max(1, (length + BLOCK_MAX - 1) / BLOCK_MAX);
        return 7 + blocks * 4 + COMPRESSOR.maxCompressedLength(length) + blocks * 16 + 4;
    }

    /** Compresses {@code src[srcOff, srcOff+length)} into {@code dst} at {@code dstOff}; returns the frame length. */
    static int compress(ByteBuffer src, int srcOff, int length, ByteBuffer dst, int dstOff) {
        ByteBuffer out = dst.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = dstOff;
        out.putInt(p, MAGIC);
        int flg = FLG_VERSION_1 | FLG_BLOCK_INDEPENDENT;
        out.put(p + 4, (byte) flg);
        out.put(p + 5, (byte) BD_4MB);
        byte[] descriptor = {(byte) flg, (byte) BD_4MB};
        out.put(p + 6, (byte) ((XXHASH.hash(descriptor, 0, 2, 0) >> 8) & 0xFF));
        p += 7;
        for (int off = 0; off < length; off += BLOCK_MAX) {
            int n = Math.min(BLOCK_MAX, length - off);
            int compressed = COMPRESSOR.compress(src, srcOff + off, n, out, p + 4, out.capacity() - p - 4);
            if (compressed >= n) { // incompressible: store raw, high bit set
                out.putInt(p, n | 0x80000000);
                ByteBuffer raw = src.duplicate();
                raw.limit(srcOff + off + n).position(srcOff + off);
                ByteBuffer target = out.duplicate();
                target.position(p + 4);
                target.put(raw);
                p += 4 + n;
            } else {
                out.putInt(p, compressed);
                p += 4 + compressed;
            }
        }
        out.putInt(p, 0); // end mark
        return p + 4 - dstOff;
    }

    /** Decompresses the frame at {@code src[srcOff, srcOff+length)} into {@code dst} at {@code dstOff}; returns bytes written. */
    static int decompress(ByteBuffer src, int srcOff, int length, ByteBuffer dst, int dstOff, int dstLength) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int end = srcOff + length;
        int p = srcOff;
        if (length < 7 || in.getInt(p) != MAGIC) {
            throw corrupt("not an LZ4 frame");
        }
        int flg = in.get(p + 4) & 0xFF;
        p += 6; // magic, FLG, BD
        if ((flg & FLG_CONTENT_SIZE) != 0) {
            p += 8;
        }
        if ((flg & FLG_DICT_ID) != 0) {
            p += 4;
        }
        p += 1; // header checksum
        boolean blockChecksum = (flg & FLG_BLOCK_CHECKSUM) != 0;
        int written = 0;
        while (true) {
            if (p + 4 > end) {
                throw corrupt("frame ends without an end mark");
            }
            int blockSize = in.getInt(p);
            p += 4;
            if (blockSize == 0) {
                break;
            }
            boolean raw = (blockSize & 0x80000000) != 0;
            int n = blockSize & 0x7FFFFFFF;
            if (p + n > end) {
                throw corrupt("block runs past the frame");
            }
            if (raw) {
                if (written + n > dstLength) {
                    throw corrupt("block larger than the buffer");
                }
                ByteBuffer source = in.duplicate();
                source.limit(p + n).position(p);
                ByteBuffer target = dst.duplicate();
                target.position(dstOff + written);
                target.put(source);
                written += n;
            } else {
                written += DECOMPRESSOR.decompress(in, p, n, dst, dstOff + written, dstLength - written);
            }
            p += n + (blockChecksum ? 4 : 0);
        }
        return written;
    }

    private static TroupeException corrupt(String why) {
        return new TroupeException(ErrorCode.STORAGE_CORRUPT, "(LZ4 frame)", why);
    }
}
