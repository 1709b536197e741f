package io.troupe.bench.protocol;

import io.troupe.common.wire.FrameInput;
import io.troupe.common.wire.Message;
import io.troupe.common.wire.QueryOptions;
import io.troupe.common.wire.ResultStreamInput;
import io.troupe.common.wire.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * The benchmark's client: a blocking socket, the common wire codec, and Arrow's stream reader decoding every
 * batch into vectors, as a driver would. Each result is also checksummed from the decoded vectors (timestamps
 * summed, string bytes counted) so that the decode cannot be skipped and the result can be checked.
 */
final class StreamClient implements AutoCloseable {
    private final Socket socket;
    private final FrameInput in;
    private final OutputStream out;
    private final BufferAllocator allocator = new RootAllocator();
    private long nextQueryId = 1;

    /** What one result held. */
    record Streamed(long rows, long arrowBytes, long checksum) {
    }

    StreamClient(InetSocketAddress address, String user, String password, String project) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        in = new FrameInput(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = socket.getOutputStream();
        expect(request(new Message.Hello(WireFormat.VERSION, "benchmark")), Message.HelloOk.class);
        expect(request(new Message.Authenticate(user, password, project)), Message.AuthOk.class);
    }

    private Message request(Message m) throws IOException {
        FrameInput.write(out, m);
        out.flush();
        return in.read();
    }

    private static void expect(Message m, Class<? extends Message> type) {
        if (!type.isInstance(m)) {
            throw new IllegalStateException("expected " + type.getSimpleName() + ", got " + m);
        }
    }

    /** Runs a statement and reads its whole result. */
    Streamed stream(String sql) throws IOException {
        long id = nextQueryId++;
        FrameInput.write(out, new Message.Query(id, sql, QueryOptions.DEFAULTS, List.of()));
        out.flush();
        ResultStreamInput result = new ResultStreamInput(in, id);
        long rows = 0;
        long checksum = 0;
        try (ArrowStreamReader reader = new ArrowStreamReader(result, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                int n = root.getRowCount();
                rows += n;
                checksum += checksum(root, n);
            }
            if (result.end().rowCount() != rows) {
                throw new IllegalStateException("RESULT_END says " + result.end().rowCount() + " rows, " + rows + " arrived");
            }
            return new Streamed(rows, reader.bytesRead(), checksum);
        }
    }

    /** Sum of the timestamps and of the string lengths of a batch. */
    static long checksum(VectorSchemaRoot root, int rows) {
        long sum = 0;
        for (FieldVector v : root.getFieldVectors()) {
            if (v instanceof TimeStampVector t) {
                for (int i = 0; i < rows; i++) {
                    sum += t.isNull(i) ? 0 : t.get(i);
                }
            } else if (v instanceof BaseVariableWidthVector s && rows > 0) {
                sum += s.getEndOffset(rows - 1) - s.getStartOffset(0);
            }
        }
        return sum;
    }

    @Override
    public void close() throws IOException {
        try {
            FrameInput.write(out, new Message.Close());
            out.flush();
        } finally {
            socket.close();
            allocator.close();
        }
    }
}
