package io.troupe.jdbc.arrow;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.errors.JdbcErrors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.SQLException;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MetadataVersion;

/**
 * One encapsulated Arrow IPC message (Arrow's "Encapsulated message format"): an optional continuation marker
 * {@code 0xFFFFFFFF}, the little-endian length of the flatbuffer metadata, the metadata (a {@link Message}), then
 * the body the metadata's buffers point into.
 *
 * @param metadata   the flatbuffer {@code Message}
 * @param bodyOffset where the body starts in the array the message was read from
 * @param bodyLength bytes of the body
 */
record IpcMessage(Message metadata, int bodyOffset, long bodyLength) {
    private static final int CONTINUATION = 0xFFFFFFFF;

    /** Reads the message at {@code offset} of {@code bytes}, {@code length} bytes long. */
    static IpcMessage read(byte[] bytes, int offset, int length) throws SQLException {
        if (length < 8) {
            throw malformed("an Arrow message of " + length + " bytes is too short");
        }
        int pos = offset;
        int metadataLength = LittleEndian.i32(bytes, pos);
        pos += 4;
        if (metadataLength == CONTINUATION) {
            metadataLength = LittleEndian.i32(bytes, pos);
            pos += 4;
        }
        if (metadataLength <= 0 || pos + metadataLength > offset + length) {
            throw malformed("an Arrow message says its metadata has " + metadataLength + " bytes, the frame holds "
                    + (offset + length - pos));
        }
        ByteBuffer view = ByteBuffer.wrap(bytes, pos, metadataLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        Message message = Message.getRootAsMessage(view);
        if (message.version() < MetadataVersion.V4) {
            throw malformed("Arrow metadata version " + message.version() + " is older than V4");
        }
        int bodyOffset = pos + metadataLength;
        long bodyLength = message.bodyLength();
        if (bodyLength < 0 || bodyOffset + bodyLength > offset + length) {
            throw malformed("an Arrow message's body of " + bodyLength + " bytes does not fit its frame of " + length + " bytes");
        }
        return new IpcMessage(message, bodyOffset, bodyLength);
    }

    static SQLException malformed(String what) {
        return JdbcErrors.of(ErrorCode.PROTOCOL_ERROR, what);
    }
}
