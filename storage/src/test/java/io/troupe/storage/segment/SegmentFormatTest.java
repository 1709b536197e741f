package io.troupe.storage.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.columns.EventColumns;
import io.troupe.storage.io.FileIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFormatTest {
    private static final long BASE = 1_767_225_600_000L;

    @TempDir
    Path dir;

    /** Rows in time order: type i % 50, user i % 1000 (null every 7th), group i % 3 only on even rows. */
    private static EventColumns sample(int n) {
        EventColumns columns = new EventColumns(16);
        for (int i = 0; i < n; i++) {
            columns.time.add(BASE + i * 13L);
            columns.eventType.add(i % 50);
            columns.user.add(i % 7 == 0 ? -1 : i % 1000);
            columns.device.add(-1);
            byte[] id = ("ins-" + i).getBytes(StandardCharsets.UTF_8);
            columns.insertId.add(id, 0, id.length);
            columns.eventGroups.addNull();
            columns.eventProperties.add(new byte[] {(byte) i, 1}, 0, 2);
            columns.userProperties.addNull();
            if (i % 2 == 0) {
                columns.setGroup(3, i % 3);
            }
            columns.endRow();
        }
        return columns;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    @Test
    void roundTripWithProjectionAndNarrowIdWidths() {
        int n = 10_000;
        Path file = dir.resolve("s.arrow");
        try (RootAllocator allocator = new RootAllocator()) {
            SegmentInfo info = new SegmentWriter(allocator, FileIO.local(), 4096)
                    .write(sample(n), identity(n), n, BASE, false, "2026-01-01", file, 42);
            assertEquals(n, info.rows());
            assertEquals(BASE, info.minTime());
            assertEquals(BASE + (n - 1) * 13L, info.maxTime());
            SegmentFile segment = SegmentFile.open(file, info.bytes(), allocator);
            assertEquals(3, segment.batchCount());
            assertEquals(BASE, segment.timeBase());
            assertEquals(new ArrowType.Int(8, true), segment.schema().findField(SegmentSchema.EVENT_TYPE).getType());
            assertEquals(new ArrowType.Int(16, true), segment.schema().findField(SegmentSchema.USER_ID).getType());
            assertTrue(segment.hasColumn(SegmentSchema.groupColumn(3)));
            int row = 0;
            for (int b = 0; b < segment.batchCount(); b++) {
                try (VectorSchemaRoot root = segment.readBatch(b, List.of(SegmentSchema.EVENT_TIME, SegmentSchema.EVENT_TYPE,
                        SegmentSchema.USER_ID, SegmentSchema.groupColumn(3), "no_such_column"), allocator)) {
                    assertEquals(4, root.getFieldVectors().size(), "projection reads only the named columns");
                    IntVector time = (IntVector) root.getVector(SegmentSchema.EVENT_TIME);
                    TinyIntVector type = (TinyIntVector) root.getVector(SegmentSchema.EVENT_TYPE);
                    SmallIntVector user = (SmallIntVector) root.getVector(SegmentSchema.USER_ID);
                    TinyIntVector group = (TinyIntVector) root.getVector(SegmentSchema.groupColumn(3));
                    for (int i = 0; i < root.getRowCount(); i++, row++) {
                        assertEquals(row * 13, time.get(i));
                        assertEquals(row % 50, type.get(i));
                        assertEquals(row % 7 == 0, user.isNull(i));
                        if (row % 7 != 0) {
                            assertEquals(row % 1000, user.get(i));
                        }
                        assertEquals(row % 2 != 0, group.isNull(i));
                    }
                }
            }
            assertEquals(n, row);
            assertEquals(0, allocator.getAllocatedMemory(), "every buffer read was released");
            java.util.Map<String, Long> bytes = segment.columnBytes();
            assertEquals(segment.schema().getFields().size(), bytes.size());
            long total = bytes.values().stream().mapToLong(Long::longValue).sum();
            assertTrue(total > 0 && total < info.bytes(), "buffers are part of the file: " + bytes);
            assertTrue(bytes.get(SegmentSchema.EVENT_TYPE) < n, "8-bit ids compress below one byte per row");
        }
    }

    @Test
    void filesAreStandardArrowIpcReadableByArrowsOwnReader() throws Exception {
        int n = 5_000;
        Path file = dir.resolve("s.arrow");
        try (RootAllocator allocator = new RootAllocator()) {
            new SegmentWriter(allocator, FileIO.local(), 2048).write(sample(n), identity(n), n, BASE, true, "p", file, 1);
            try (FileChannel channel = FileChannel.open(file);
                 ArrowFileReader reader = new ArrowFileReader(channel, allocator, Lz4FrameCodec.FACTORY)) {
                int row = 0;
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    BigIntVector time = (BigIntVector) root.getVector(SegmentSchema.EVENT_TIME);
                    for (int i = 0; i < root.getRowCount(); i++, row++) {
                        assertEquals(row * 13L, time.get(i));
                        assertEquals("ins-" + row, new String(root.getVector(SegmentSchema.INSERT_ID).getObject(i).toString()));
                    }
                }
                assertEquals(n, row);
                assertEquals("1", reader.getMetaData().get(SegmentSchema.META_FORMAT_VERSION));
            }
        }
    }

    @Test
    void ourLz4FramesAndLz4JavasFramesAreInterchangeable() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {1, 100, 65_536, 5_000_000}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt() : i / 64);
            }
            ByteBuffer frame = ByteBuffer.allocate(Lz4Frame.maxFrameLength(size));
            int length = Lz4Frame.compress(ByteBuffer.wrap(data), 0, size, frame, 0);
            byte[] decoded = new LZ4FrameInputStream(new ByteArrayInputStream(frame.array(), 0, length)).readAllBytes();
            assertArrayEquals(data, decoded, "lz4-java reads our frame of " + size);

            ByteArrayOutputStream theirs = new ByteArrayOutputStream();
            try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(theirs, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                    size, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE,
                    LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM, LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM)) {
                out.write(data);
            }
            byte[] theirFrame = theirs.toByteArray();
            ByteBuffer out = ByteBuffer.allocate(size);
            assertEquals(size, Lz4Frame.decompress(ByteBuffer.wrap(theirFrame), 0, theirFrame.length, out, 0, size));
            assertArrayEquals(data, out.array(), "we read lz4-java's frame of " + size);
        }
    }

    @Test
    void aTruncatedSegmentIsACorruptionError() throws Exception {
        int n = 1000;
        Path file = dir.resolve("s.arrow");
        try (RootAllocator allocator = new RootAllocator()) {
            SegmentInfo info = new SegmentWriter(allocator, FileIO.local(), 4096).write(sample(n), identity(n), n, BASE,
                    false, "p", file, 1);
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
            TroupeException e = assertThrows(TroupeException.class, () -> SegmentFile.open(file, info.bytes(), allocator));
            assertEquals(ErrorCode.STORAGE_CORRUPT, e.errorCode());
            e = assertThrows(TroupeException.class, () -> SegmentFile.open(file, -1, allocator));
            assertEquals(ErrorCode.STORAGE_CORRUPT, e.errorCode());
        }
    }
}
