package io.troupe.jdbc.client;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.common.wire.FrameInput;
import io.troupe.common.wire.Message;
import io.troupe.common.wire.Parameter;
import io.troupe.common.wire.QueryOptions;
import io.troupe.common.wire.WireFormat;
import io.troupe.jdbc.errors.JdbcErrors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One native-protocol connection over a plain blocking {@link Socket} (docs/protocol.md): HELLO and AUTHENTICATE on
 * {@link #connect}, then one query at a time ({@link #query}), whose result is read batch by batch through its
 * {@link QueryStream}. {@link #cancel} may be called from any thread (it only writes a CANCEL frame);
 * everything else is the using thread's. A broken connection (I/O failure, a closing ERROR, a protocol error)
 * refuses every later call with the reason.
 */
public final class ProtocolClient implements AutoCloseable {
    private static final int INPUT_BUFFER = 1 << 16;

    private final ConnectionSettings settings;
    private final Socket socket;
    private final FrameReader reader;
    private final OutputStream out;
    private final Object writeLock = new Object();
    /** Held while a thread reads or writes a query's frames. */
    private final ReentrantLock conversation = new ReentrantLock();
    private final String serverName;
    private final Map<String, String> properties;
    private long nextQueryId = 1;
    private QueryStream active;
    private volatile boolean closed;
    private volatile SQLException broken;

    private ProtocolClient(ConnectionSettings settings, Socket socket, String serverName, Map<String, String> properties,
                           FrameReader reader, OutputStream out) {
        this.settings = settings;
        this.socket = socket;
        this.serverName = serverName;
        this.properties = properties;
        this.reader = reader;
        this.out = out;
    }

    /**
     * Connects, says HELLO and authenticates.
     *
     * @throws SQLException {@code CONNECTION_FAILED} (08001) when the server cannot be reached or does not speak
     *                      the protocol; the server's error otherwise ({@code AUTHENTICATION_FAILED}, 28000, ...)
     */
    public static ProtocolClient connect(ConnectionSettings s, String clientName) throws SQLException {
        Socket socket = new Socket();
        try {
            int timeoutMillis = s.connectTimeoutSeconds() * 1000;
            socket.connect(new InetSocketAddress(s.host(), s.port()), timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout(timeoutMillis); // the handshake: the password check is slow on purpose, but not endless
            FrameReader reader = new FrameReader(new BufferedInputStream(socket.getInputStream(), INPUT_BUFFER));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            send(out, new Message.Hello(WireFormat.VERSION, clientName));
            Message hello = reader.read();
            if (!(hello instanceof Message.HelloOk ok)) {
                throw unexpected(s, hello);
            }
            send(out, new Message.Authenticate(s.user(), s.password(), s.project()));
            Message auth = reader.read();
            if (!(auth instanceof Message.AuthOk authOk)) {
                throw unexpected(s, auth);
            }
            socket.setSoTimeout(s.socketTimeoutSeconds() * 1000);
            return new ProtocolClient(s, socket, ok.server(), authOk.properties(), reader, out);
        } catch (SQLException e) {
            closeQuietly(socket);
            throw e;
        } catch (TroupeException e) { // a frame that does not decode: not a Troupe SQL port
            closeQuietly(socket);
            throw JdbcErrors.of(ErrorCode.CONNECTION_FAILED, e, s.address() + " does not speak Troupe's native protocol ("
                    + e.getMessage() + "): is it the SQL port (" + ConnectionSettings.DEFAULT_PORT + " by default)?");
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            closeQuietly(socket);
            String why = e instanceof EOFException ? "the server closed the connection during the handshake"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw JdbcErrors.of(ErrorCode.CONNECTION_FAILED, e, "cannot reach " + s.address() + " (" + why
                    + "): check that the server runs (bin/troupe server) and the URL's host and port");
        }
    }

    private static SQLException unexpected(ConnectionSettings s, Message m) {
        if (m instanceof Message.ErrorResponse e) {
            return JdbcErrors.server(e);
        }
        return JdbcErrors.of(ErrorCode.CONNECTION_FAILED, s.address() + " answered the handshake with " + m.type()
                + ": is it a Troupe server of a matching version?");
    }

    private static void send(OutputStream out, Message m) throws IOException {
        FrameInput.write(out, m);
        out.flush();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** The server's name and version from HELLO_OK ({@code Troupe 0.1.0}). */
    public String serverName() {
        return serverName;
    }

    /** The AUTH_OK properties ({@code WireFormat.PROPERTY_*}). */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * Sends a statement; {@link QueryStream#start} then waits for its RESULT_SCHEMA (in between, the stream can be
     * cancelled from another thread). The connection runs one statement at a time: while the result of another is
     * still being read, this fails with {@code QUERY_IN_PROGRESS} (read that result to the end or close it first).
     */
    public QueryStream query(String sql, QueryOptions options, List<Parameter> parameters) throws SQLException {
        conversation.lock();
        try {
            checkUsable();
            if (active != null && !active.finished()) {
                throw JdbcErrors.of(ErrorCode.QUERY_IN_PROGRESS, active.queryId());
            }
            long id = nextQueryId++;
            QueryStream stream = new QueryStream(this, id);
            write(new Message.Query(id, sql, options, parameters));
            active = stream;
            return stream;
        } finally {
            conversation.unlock();
        }
    }

    /** Asks the server to stop query {@code queryId}; from any thread, no answer awaited. Failures are ignored. */
    public void cancel(long queryId) {
        if (closed || broken != null) {
            return;
        }
        try {
            write(new Message.Cancel(queryId));
        } catch (SQLException ignored) {
            // the connection broke meanwhile: the query is gone with it
        }
    }

    void write(Message m) throws SQLException {
        synchronized (writeLock) {
            checkUsable();
            try {
                send(out, m);
            } catch (IOException e) {
                throw fail(e);
            }
        }
    }

    /** The next message about {@code queryId}; messages about other queries are stale and skipped. */
    Message read(long queryId) throws SQLException {
        checkUsable();
        while (true) {
            Message m;
            try {
                m = reader.read();
            } catch (IOException | TroupeException e) {
                throw fail(e);
            }
            if (m instanceof Message.ErrorResponse e && e.closing()) {
                SQLException error = JdbcErrors.server(e);
                broken = error;
                closeQuietly(socket);
                throw error;
            }
            if (queryOf(m) == queryId) {
                return m;
            }
        }
    }

    private static long queryOf(Message m) {
        if (m instanceof Message.ResultSchema s) {
            return s.queryId();
        }
        if (m instanceof Message.ResultBatch b) {
            return b.queryId();
        }
        if (m instanceof Message.ResultEnd e) {
            return e.queryId();
        }
        if (m instanceof Message.ErrorResponse e) {
            return e.queryId();
        }
        return -1;
    }

    FrameReader reader() {
        return reader;
    }

    ReentrantLock conversation() {
        return conversation;
    }

    /** Marks the connection broken by an I/O or protocol failure and returns the error to throw. */
    private SQLException fail(Exception e) {
        if (closed) {
            return JdbcErrors.of(ErrorCode.CONNECTION_CLOSED);
        }
        String why = e instanceof SocketTimeoutException ? "no answer within the socketTimeout of " + settings.socketTimeoutSeconds() + " s"
                : e instanceof TroupeException te ? te.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        SQLException error = JdbcErrors.of(ErrorCode.CONNECTION_LOST, e, settings.address(), why);
        broken = error;
        closeQuietly(socket);
        return error;
    }

    private void checkUsable() throws SQLException {
        if (closed) {
            throw JdbcErrors.of(ErrorCode.CONNECTION_CLOSED);
        }
        SQLException b = broken;
        if (b != null) {
            throw JdbcErrors.of(ErrorCode.CONNECTION_LOST, b, settings.address(), b.getMessage());
        }
    }

    /** True once closed or broken. */
    public boolean isClosed() {
        return closed || broken != null;
    }

    /** True while a statement's result is being read. */
    public boolean busy() {
        QueryStream a = active;
        return a != null && !a.finished();
    }

    /** Sets how long a read may block, in milliseconds (0: no limit). */
    public void setReadTimeout(int millis) throws SQLException {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    public int readTimeout() throws SQLException {
        try {
            return socket.getSoTimeout();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Says CLOSE (the server stops a running query) and closes the socket. Never blocks on a reading thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (broken == null) {
            try {
                synchronized (writeLock) {
                    send(out, new Message.Close());
                }
            } catch (IOException e) {
                // the server is gone already
            }
        }
        closed = true;
        closeQuietly(socket);
    }

    /** Closes the socket at once, without a goodbye (Connection.abort). */
    public void abort() {
        closed = true;
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
