package io.troupe.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.troupe.common.TroupeException;
import io.troupe.common.wire.MessageCodec;
import io.troupe.common.wire.WireFormat;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Cuts the byte stream into frames and decodes each into a {@link io.troupe.common.wire.Message}. A length
 * over the limit is refused as soon as the 4 length bytes are in, before any of the payload is buffered.
 * After the first bad frame everything else the client sends is dropped: the connection is closing with a
 * PROTOCOL_ERROR.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private boolean failed;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    FrameDecoder() {
        this(WireFormat.MAX_FRAME_BYTES);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        int start = in.readerIndex();
        try {
            int length = MessageCodec.checkFrameLength(in.getInt(start), maxFrameBytes);
            if (in.readableBytes() < 4 + length) {
                return;
            }
            int type = in.getUnsignedByte(start + 4);
            byte[] payload = new byte[length - 1]; // client messages are small: a copy frees the input buffer at once
            in.getBytes(start + WireFormat.HEADER_BYTES, payload);
            in.skipBytes(4 + length);
            out.add(MessageCodec.decode(type, ByteBuffer.wrap(payload)));
        } catch (TroupeException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}
