package io.troupe.bench.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client over a blocking socket: writes prepared request bytes, reads the answer's
 * status and body. Far cheaper than a general client, so that on a shared 2-core machine the benchmark measures
 * the server rather than the load generator.
 */
final class LoopbackClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head = new byte[8192];

    LoopbackClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 10_000);
        socket.setSoTimeout(120_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    /** A whole POST request's bytes: head and body. */
    static byte[] request(String path, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** Sends a request and returns the answer's status; a status other than 200 throws with the body. */
    int send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int n = 0;
        while (n < 4 || head[n - 4] != '\r' || head[n - 3] != '\n' || head[n - 2] != '\r' || head[n - 1] != '\n') {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (n == head.length) {
                throw new IOException("answer head over " + head.length + " bytes");
            }
            head[n++] = (byte) b;
        }
        String text = new String(head, 0, n, StandardCharsets.US_ASCII);
        int status = Integer.parseInt(text.substring(9, 12));
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        if (status != 200) {
            throw new IOException("answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
        }
        return status;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
