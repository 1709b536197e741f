package io.troupe.common.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameInputTest {
    @Test
    void readsFramesInOrderThenEndOfStream() throws IOException {
        List<Message> messages = MessageCodecTest.everyMessage();
        FrameInput in = new FrameInput(new ByteArrayInputStream(frames(messages)));
        for (Message m : messages) {
            assertEquals(m, in.read());
        }
        assertThrows(EOFException.class, in::read);
    }

    @Test
    void aFrameCutShortIsAProtocolError() throws IOException {
        byte[] frame = frames(List.of(new Message.Cancel(1)));
        for (int cut = 1; cut < frame.length; cut++) {
            FrameInput in = new FrameInput(new ByteArrayInputStream(Arrays.copyOf(frame, cut)));
            TroupeException e = assertThrows(TroupeException.class, in::read);
            assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
        }
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeItsPayloadIsRead() {
        byte[] header = ByteBuffer.allocate(5).putInt(WireFormat.MAX_FRAME_BYTES + 1).put((byte) 0x44).array();
        TroupeException e = assertThrows(TroupeException.class, () -> new FrameInput(new ByteArrayInputStream(header)).read());
        assertTrue(e.getMessage().contains("frame length 67108865 is outside"), e.getMessage());
    }

    @Test
    void aResultReadsAsOneArrowStreamEndedByTheMarker() throws IOException {
        byte[] schema = {1, 2, 3};
        byte[] batch = {4, 5};
        List<Message> frames = List.of(new Message.ResultSchema(5, ByteBuffer.wrap(schema)),
                new Message.ErrorResponse(6, 1040, "55000", "QUERY_IN_PROGRESS", "m", 0, 0, false),
                new Message.ResultBatch(5, 2, ByteBuffer.wrap(batch)), new Message.ResultEnd(5, 2, false),
                new Message.Cancel(99));
        ResultStreamInput result = new ResultStreamInput(new FrameInput(new ByteArrayInputStream(frames(frames))), 5);
        assertNull(result.end());
        byte[] all = result.readAllBytes();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, -1, -1, -1, -1, 0, 0, 0, 0}, all);
        assertEquals(new Message.ResultEnd(5, 2, false), result.end());
        assertEquals(1, result.batches());
        assertEquals(List.of(frames.get(1)), result.others());
        assertEquals(-1, result.read(), "nothing is read past the end of the result");
    }

    @Test
    void anErrorAboutTheQueryIsThrown() {
        Message.ErrorResponse error = new Message.ErrorResponse(5, 3007, "57014", "QUERY_CANCELLED", "Query was cancelled", 0, 0, false);
        ResultStreamInput result = new ResultStreamInput(new FrameInput(new ByteArrayInputStream(frames(List.of(
                new Message.ResultSchema(5, ByteBuffer.wrap(new byte[] {1})), error)))), 5);
        ServerErrorException e = assertThrows(ServerErrorException.class, result::readAllBytes);
        assertEquals(error, e.error());
        assertTrue(e.getMessage().startsWith("QUERY_CANCELLED (3007, SQLSTATE 57014)"), e.getMessage());
    }

    static byte[] frames(List<Message> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            try {
                FrameInput.write(out, m);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return out.toByteArray();
    }
}
