package io.troupe.server.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A plain socket speaking HTTP/1.1 by hand, for what an HTTP client library hides: trickling bytes, half-closing,
 * pipelining, malformed requests. Reads time out after 15 s so that a hang fails the test instead of stalling it.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** One answer read off the socket. */
    record Response(int status, String headers, String body) {
        boolean closes() {
            return headers.toLowerCase(Locale.ROOT).contains("connection: close");
        }
    }

    RawHttp(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5_000);
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A whole POST request's bytes. */
    static String post(String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + bytes.length + "\r\n\r\n" + body;
    }

    RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response (status line, headers, a Content-Length body). */
    Response read() throws IOException {
        String head = readHead();
        if (head == null) {
            throw new IOException("the server closed the connection without answering");
        }
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Response(status, head, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : head.toString(StandardCharsets.UTF_8);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.UTF_8);
    }

    /** True when the server closed the connection (the next read ends or is reset) without sending anything. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true; // reset: closed as well
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
