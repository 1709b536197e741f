package io.troupe.jdbc.arrow;

import io.troupe.jdbc.arrow.ArrowField.Kind;
import io.troupe.jdbc.values.ColumnVector;
import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Reads a result's record batches (RESULT_BATCH's Arrow bytes) without Arrow's memory modules: the flatbuffer
 * metadata says where each field's buffers are in the body, and the field's {@link ColumnVector} reads its values
 * from the frame's byte array in place. Made once per result: {@link #load} re-points the same vectors at each
 * batch, so reading a result creates no object per row (only what {@code getObject} and {@code getString} return).
 * A batch stays valid until the next {@link #load}.
 */
public final class BatchReader {
    private final List<ArrowField> fields;
    private final Buffers[] buffers;
    private final ColumnVector[] vectors;
    private final FieldNode node = new FieldNode();
    private final Buffer buffer = new Buffer();
    private final RecordBatch batch = new RecordBatch();

    public BatchReader(List<ArrowField> fields) {
        this.fields = List.copyOf(fields);
        this.buffers = new Buffers[fields.size()];
        this.vectors = new ColumnVector[fields.size()];
        for (int i = 0; i < vectors.length; i++) {
            buffers[i] = new Buffers();
            vectors[i] = ArrowVectors.of(fields.get(i), buffers[i]);
        }
    }

    public List<ArrowField> fields() {
        return fields;
    }

    /** The vector of column {@code index} (0-based), valid for the batch loaded last. */
    public ColumnVector vector(int index) {
        return vectors[index];
    }

    /**
     * Points the vectors at the record batch encoded in {@code bytes[offset, offset + length)}.
     *
     * @return the batch's row count
     */
    public int load(byte[] bytes, int offset, int length) throws SQLException {
        IpcMessage message = IpcMessage.read(bytes, offset, length);
        if (message.metadata().headerType() != MessageHeader.RecordBatch) {
            throw IpcMessage.malformed("RESULT_BATCH holds Arrow message type " + message.metadata().headerType() + ", not a RecordBatch");
        }
        message.metadata().header(batch);
        if (batch.compression() != null) {
            throw IpcMessage.malformed("a compressed record batch: the protocol sends uncompressed buffers");
        }
        if (batch.length() > Integer.MAX_VALUE) {
            throw IpcMessage.malformed("a record batch of " + batch.length() + " rows");
        }
        int rows = (int) batch.length();
        if (batch.nodesLength() != fields.size()) {
            throw IpcMessage.malformed("a record batch of " + batch.nodesLength() + " fields for a schema of " + fields.size());
        }
        int nextBuffer = 0;
        for (int f = 0; f < fields.size(); f++) {
            ArrowField field = fields.get(f);
            batch.nodes(node, f);
            Buffers b = buffers[f];
            b.data = bytes;
            b.rows = rows;
            b.nullCount = node.nullCount();
            if (node.length() != rows) {
                throw IpcMessage.malformed("field '" + field.column().label() + "' has " + node.length() + " values in a batch of " + rows + " rows");
            }
            int count = field.kind().buffers();
            if (nextBuffer + count > batch.buffersLength()) {
                throw IpcMessage.malformed("a record batch has too few buffers for its fields");
            }
            for (int i = 0; i < count; i++) {
                batch.buffers(buffer, nextBuffer++);
                long start = buffer.offset();
                long size = buffer.length();
                if (start < 0 || size < 0 || start + size > message.bodyLength()) {
                    throw IpcMessage.malformed("buffer " + i + " of field '" + field.column().label() + "' lies outside the batch body");
                }
                b.offset[i] = message.bodyOffset() + (int) start;
                b.length[i] = (int) size;
            }
            check(field, b, rows);
        }
        return rows;
    }

    /** Checks that the buffers hold what {@code rows} values need, so that reads stay inside them. */
    private static void check(ArrowField field, Buffers b, int rows) throws SQLException {
        if (field.kind() == Kind.NULL) {
            b.nullCount = rows;
            return;
        }
        if (b.nullCount > 0 && b.length[0] < (rows + 7) / 8) {
            throw IpcMessage.malformed("the validity bitmap of field '" + field.column().label() + "' is too short");
        }
        long needed = switch (field.kind()) {
            case BOOL -> (rows + 7) / 8;
            case UTF8, BINARY -> rows == 0 ? 0 : (rows + 1) * 4L;
            default -> (long) rows * field.byteWidth();
        };
        if (b.length[1] < needed) {
            throw IpcMessage.malformed("the values of field '" + field.column().label() + "' take " + b.length[1]
                    + " bytes, " + rows + " rows need " + needed);
        }
        if ((field.kind() == Kind.UTF8 || field.kind() == Kind.BINARY) && rows > 0) {
            int last = LittleEndian.i32(b.data, b.offset[1] + rows * 4);
            if (last < 0 || last > b.length[2]) {
                throw IpcMessage.malformed("the offsets of field '" + field.column().label() + "' point past its data");
            }
        }
    }
}
