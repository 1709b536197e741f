package io.troupe.common.wire;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Blocking frame input for clients: reads one whole frame at a time from a stream and decodes it. Not
 * thread-safe (one reader per connection).
 */
public final class FrameInput {
    private final InputStream in;
    private final int maxFrameBytes;
    private final byte[] header = new byte[WireFormat.HEADER_BYTES];

    public FrameInput(InputStream in) {
        this(in, WireFormat.MAX_FRAME_BYTES);
    }

    public FrameInput(InputStream in, int maxFrameBytes) {
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * The next message.
     *
     * @throws EOFException    when the stream ends before a frame starts (the server closed the connection)
     * @throws TroupeException {@code PROTOCOL_ERROR} for a frame cut short, too large, or malformed
     */
    public Message read() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the connection was closed");
        }
        header[0] = (byte) first;
        readFully(header, 1, header.length - 1);
        int length = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        MessageCodec.checkFrameLength(length, maxFrameBytes);
        byte[] payload = new byte[length - 1];
        readFully(payload, 0, payload.length);
        return MessageCodec.decode(header[4] & 0xFF, ByteBuffer.wrap(payload));
    }

    private void readFully(byte[] b, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(b, offset + done, length - done);
            if (n < 0) {
                throw new TroupeException(ErrorCode.PROTOCOL_ERROR, "the connection ended inside a frame");
            }
            done += n;
        }
    }

    /** Writes a message's frame (the caller flushes). */
    public static void write(OutputStream out, Message message) throws IOException {
        out.write(MessageCodec.encode(message));
    }
}
