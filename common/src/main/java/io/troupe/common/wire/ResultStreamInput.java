package io.troupe.common.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One query's result as the standard Arrow IPC stream its frames carry: the Arrow bytes of RESULT_SCHEMA,
 * then of each RESULT_BATCH, then the end-of-stream marker once RESULT_END arrives. Hand it to any Arrow
 * stream reader ({@code new ArrowStreamReader(input, allocator)}). An ERROR about the query is thrown as
 * {@link ServerErrorException}; messages about other queries (an error refusing a second query) are kept in
 * {@link #others()}. Not thread-safe.
 */
public final class ResultStreamInput extends InputStream {
    private final FrameInput frames;
    private final long queryId;
    private final List<Message> others = new ArrayList<>();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private Message.ResultEnd end;
    private long batches;

    public ResultStreamInput(FrameInput frames, long queryId) {
        this.frames = frames;
        this.queryId = queryId;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!current.hasRemaining()) {
            if (end != null || !nextFrame()) {
                return -1;
            }
        }
        int n = Math.min(length, current.remaining());
        current.get(b, offset, n);
        return n;
    }

    private boolean nextFrame() throws IOException {
        Message m = frames.read();
        if (m instanceof Message.ErrorResponse e && (e.queryId() == queryId || e.closing())) {
            throw new ServerErrorException(e);
        }
        if (m instanceof Message.ResultSchema s && s.queryId() == queryId) {
            current = s.arrow();
        } else if (m instanceof Message.ResultBatch rb && rb.queryId() == queryId) {
            current = rb.arrow();
            batches++;
        } else if (m instanceof Message.ResultEnd e && e.queryId() == queryId) {
            end = e;
            current = ByteBuffer.wrap(WireFormat.arrowEndOfStream());
        } else {
            others.add(m);
        }
        return true;
    }

    /** RESULT_END once the stream has been read to its end; null before. */
    public Message.ResultEnd end() {
        return end;
    }

    /** RESULT_BATCH frames read so far. */
    public long batches() {
        return batches;
    }

    /** Messages read meanwhile that are not about this query. */
    public List<Message> others() {
        return others;
    }
}
