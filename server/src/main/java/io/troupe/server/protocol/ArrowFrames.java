package io.troupe.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.common.wire.MessageCodec;
import io.troupe.common.wire.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * RESULT_SCHEMA and RESULT_BATCH frames: Arrow's own {@link MessageSerializer} writes the encapsulated IPC
 * message (continuation marker, metadata length, flatbuffer metadata, 8-byte aligned body) straight into
 * a Netty buffer after room for the frame header, which is filled in once the Arrow length is known. The
 * batch's buffers are copied once, from the Arrow vectors into the frame; the vectors can be refilled as
 * soon as the frame is built.
 */
final class ArrowFrames {
    private static final int SCHEMA_HEADER = WireFormat.HEADER_BYTES + MessageCodec.RESULT_SCHEMA_PREFIX_BYTES;
    private static final int BATCH_HEADER = WireFormat.HEADER_BYTES + MessageCodec.RESULT_BATCH_PREFIX_BYTES;
    /** Room for a record batch's flatbuffer metadata before the buffer has to grow. */
    private static final int METADATA_ESTIMATE = 1024;

    private ArrowFrames() {
    }

    static ByteBuf schema(ByteBufAllocator alloc, long queryId, Schema schema) {
        ByteBuf frame = alloc.buffer(4096);
        try {
            frame.writerIndex(SCHEMA_HEADER);
            MessageSerializer.serialize(new WriteChannel(new Appender(frame)), schema);
            int arrowLength = checkedLength(frame, SCHEMA_HEADER);
            frame.setBytes(0, MessageCodec.resultSchemaHeader(queryId, arrowLength));
            return frame;
        } catch (IOException | RuntimeException e) {
            frame.release();
            throw rethrow(e);
        }
    }

    static ByteBuf batch(ByteBufAllocator alloc, long queryId, VectorSchemaRoot root) {
        try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
            long estimate = BATCH_HEADER + METADATA_ESTIMATE + batch.computeBodyLength();
            ByteBuf frame = alloc.directBuffer((int) Math.min(estimate, WireFormat.MAX_FRAME_BYTES + 4L));
            try {
                frame.writerIndex(BATCH_HEADER);
                MessageSerializer.serialize(new WriteChannel(new Appender(frame)), batch);
                int arrowLength = checkedLength(frame, BATCH_HEADER);
                frame.setBytes(0, MessageCodec.resultBatchHeader(queryId, root.getRowCount(), arrowLength));
                return frame;
            } catch (IOException | RuntimeException e) {
                frame.release();
                throw rethrow(e);
            }
        }
    }

    private static int checkedLength(ByteBuf frame, int header) {
        int frameLength = frame.writerIndex() - 4;
        if (frameLength > WireFormat.MAX_FRAME_BYTES) {
            throw new TroupeException(ErrorCode.VALUE_TOO_LARGE, "a result row is larger than the protocol's frame limit of "
                    + WireFormat.MAX_FRAME_BYTES + " bytes: select smaller values (SUBSTRING, fewer columns)");
        }
        return frame.writerIndex() - header;
    }

    private static RuntimeException rethrow(Exception e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        return new TroupeException(ErrorCode.INTERNAL, e, "encoding an Arrow message: " + e.getMessage());
    }

    /** Arrow's {@link WriteChannel} writes to a byte channel: this one appends to a Netty buffer. */
    private static final class Appender implements WritableByteChannel {
        private final ByteBuf target;

        Appender(ByteBuf target) {
            this.target = target;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            target.writeBytes(src);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // the frame buffer belongs to the caller
        }
    }
}
