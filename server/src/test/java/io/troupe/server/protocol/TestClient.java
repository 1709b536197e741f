package io.troupe.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.troupe.common.wire.FrameInput;
import io.troupe.common.wire.Message;
import io.troupe.common.wire.Parameter;
import io.troupe.common.wire.QueryOptions;
import io.troupe.common.wire.ResultStreamInput;
import io.troupe.common.wire.WireFormat;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A blocking client of the native protocol for tests: the common wire codec for frames and Arrow's own
 * {@link ArrowStreamReader} for results (so the tests also prove a result is a standard Arrow IPC stream).
 */
final class TestClient implements AutoCloseable {
    private final Socket socket;
    private final FrameInput in;
    private final OutputStream out;
    private final BufferAllocator allocator = new RootAllocator();
    private long nextQueryId = 1;

    /** A result read to its end: Arrow schema, rows as Arrow's {@code getObject} gives them, the end message. */
    record Result(Schema schema, List<List<Object>> rows, Message.ResultEnd end, long batches, List<Message> others) {
    }

    /** A result only counted, not kept. */
    record Count(long rows, long bytes, long batches, Message.ResultEnd end) {
    }

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new FrameInput(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    static TestClient connect(InetSocketAddress address) {
        try {
            Socket s = new Socket(address.getAddress(), address.getPort());
            s.setTcpNoDelay(true);
            s.setSoTimeout(60_000); // a hang fails the test instead of blocking the build
            return new TestClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connected, HELLO and AUTHENTICATE done. */
    static TestClient open(InetSocketAddress address, String user, String password, String project) {
        TestClient c = connect(address);
        assertInstanceOf(Message.HelloOk.class, c.request(new Message.Hello(WireFormat.VERSION, "test")));
        Message reply = c.request(new Message.Authenticate(user, password, project));
        assertInstanceOf(Message.AuthOk.class, reply, () -> reply.toString());
        return c;
    }

    Socket socket() {
        return socket;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    long newQueryId() {
        return nextQueryId++;
    }

    void send(Message m) {
        try {
            FrameInput.write(out, m);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Message read() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Message request(Message m) {
        send(m);
        return read();
    }

    /** True when the server has closed the connection (the next read ends the stream). */
    boolean closedByServer() {
        try {
            Message m = in.read();
            throw new AssertionError("expected the connection to be closed, got " + m);
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    Message.Query sendQuery(String sql, QueryOptions options, Parameter... parameters) {
        Message.Query q = new Message.Query(newQueryId(), sql, options, Arrays.asList(parameters));
        send(q);
        return q;
    }

    Result query(String sql, Parameter... parameters) {
        return query(sql, QueryOptions.DEFAULTS, parameters);
    }

    Result query(String sql, QueryOptions options, Parameter... parameters) {
        return readResult(sendQuery(sql, options, parameters).queryId());
    }

    /** Reads a query's result with Arrow's stream reader; a server ERROR surfaces as ServerErrorException (in an UncheckedIOException). */
    Result readResult(long queryId) {
        ResultStreamInput stream = new ResultStreamInput(in, queryId);
        List<List<Object>> rows = new ArrayList<>();
        try (ArrowStreamReader reader = new ArrowStreamReader(stream, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                for (int r = 0; r < root.getRowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector v : root.getFieldVectors()) {
                        row.add(v.getObject(r));
                    }
                    rows.add(row);
                }
            }
            assertEquals(rows.size(), stream.end().rowCount(), "RESULT_END counts the rows sent");
            return new Result(root.getSchema(), rows, stream.end(), stream.batches(), stream.others());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams a result and counts its rows and Arrow bytes, keeping nothing. */
    Count count(long queryId) {
        ResultStreamInput stream = new ResultStreamInput(in, queryId);
        long rows = 0;
        try (ArrowStreamReader reader = new ArrowStreamReader(stream, allocator)) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
            return new Count(rows, reader.bytesRead(), stream.batches(), stream.end());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        allocator.close();
    }
}
