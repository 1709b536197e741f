package io.troupe.jdbc.client;

import io.troupe.common.wire.Message;
import io.troupe.common.wire.MessageCodec;
import io.troupe.common.wire.WireFormat;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads frames into one buffer that is reused from frame to frame (a result's batches do not each allocate their
 * megabytes), and decodes them with the common {@link MessageCodec}. A result message's Arrow bytes stay in
 * {@link #buffer()} at {@link #arrowOffset()} until the next {@link #read}. Not thread-safe.
 */
final class FrameReader {
    /** A buffer larger than this is given back once frames need less than a quarter of it. */
    private static final int KEEP_BYTES = 8 << 20;

    private final InputStream in;
    private final byte[] header = new byte[WireFormat.HEADER_BYTES];
    private byte[] buffer = new byte[64 << 10];
    private int payloadLength;
    private Message last;

    FrameReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next message.
     *
     * @throws EOFException when the stream ends before a frame starts
     */
    Message read() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the server closed the connection");
        }
        header[0] = (byte) first;
        readFully(header, 1, header.length - 1);
        int length = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        MessageCodec.checkFrameLength(length, WireFormat.MAX_FRAME_BYTES);
        payloadLength = length - 1;
        if (payloadLength > buffer.length || (buffer.length > KEEP_BYTES && payloadLength < buffer.length / 4)) {
            buffer = new byte[Math.max(payloadLength, 64 << 10)];
        }
        readFully(buffer, 0, payloadLength);
        last = MessageCodec.decode(header[4] & 0xFF, ByteBuffer.wrap(buffer, 0, payloadLength));
        return last;
    }

    /** The array holding the last frame's payload. */
    byte[] buffer() {
        return buffer;
    }

    /** Where the last RESULT_SCHEMA or RESULT_BATCH's Arrow bytes start in {@link #buffer()}. */
    int arrowOffset() {
        return payloadLength - arrowLength();
    }

    /** How many Arrow bytes the last RESULT_SCHEMA or RESULT_BATCH carries. */
    int arrowLength() {
        if (last instanceof Message.ResultBatch b) {
            return b.arrow().remaining();
        }
        if (last instanceof Message.ResultSchema s) {
            return s.arrow().remaining();
        }
        throw new IllegalStateException("the last message is " + last.type() + ", not a result message");
    }

    private void readFully(byte[] b, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(b, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("the connection ended inside a frame");
            }
            done += n;
        }
    }
}
