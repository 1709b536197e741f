package io.troupe.storage.segment;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.columns.BytesColumn;
import io.troupe.storage.columns.EventColumns;
import io.troupe.storage.columns.IntColumn;
import io.troupe.storage.io.FileIO;
import io.troupe.storage.io.WritableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes events as one immutable segment: an Arrow IPC file, LZ4-frame compressed, rows sorted by time,
 * times relative to the partition start, strings as dictionary ids, in record batches of
 * {@code batchRows}. The file is fsynced before this returns; it becomes part of the store only when a
 * manifest names it.
 */
public final class SegmentWriter {
    private final BufferAllocator allocator;
    private final FileIO io;
    private final int batchRows;

    public SegmentWriter(BufferAllocator allocator, FileIO io, int batchRows) {
        this.allocator = allocator;
        this.io = io;
        this.batchRows = batchRows;
    }

    /**
     * Writes rows {@code order[0..n)} of {@code columns} (already sorted by time) to {@code file}.
     *
     * @param timeBase  the partition start; times are stored as {@code time - timeBase}
     * @param wideTime  store times as 64-bit (partitions longer than 24 days do not fit 32-bit milliseconds)
     */
    public SegmentInfo write(EventColumns columns, int[] order, int n, long timeBase, boolean wideTime,
                             String partitionKey, Path file, long walPosition) {
        Schema schema = schemaFor(columns, order, n, wideTime, partitionKey, timeBase);
        EventTypeCounts types = eventTypes(columns.eventType, order, n);
        long minTime = n == 0 ? timeBase : columns.time.get(order[0]);
        long maxTime = n == 0 ? timeBase : columns.time.get(order[n - 1]);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
             WritableFile out = io.create(file)) {
            try (ArrowFileWriter writer = new ArrowFileWriter(root, null, out, schema.getCustomMetadata(),
                    IpcOption.DEFAULT, Lz4FrameCodec.FACTORY, CompressionUtil.CodecType.LZ4_FRAME)) {
                writer.start();
                for (int from = 0; from < n; from += batchRows) {
                    int count = Math.min(batchRows, n - from);
                    fill(root, columns, order, from, count, timeBase);
                    writer.writeBatch();
                }
                writer.end();
                out.force(); // before the writer's close, which closes the channel too
            }
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "writing segment " + file + ": " + e.getMessage());
        }
        try {
            return new SegmentInfo(file.getFileName().toString(), n, minTime, maxTime, Files.size(file), walPosition,
                    SegmentSchema.FORMAT_VERSION, types.ids(), types.counts());
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "reading size of " + file + ": " + e.getMessage());
        }
    }

    private static Schema schemaFor(EventColumns columns, int[] order, int n, boolean wideTime, String partitionKey,
                                    long timeBase) {
        List<Field> fields = new ArrayList<>();
        fields.add(SegmentSchema.timeField(wideTime));
        fields.add(SegmentSchema.idField(SegmentSchema.EVENT_TYPE, max(columns.eventType, order, n), false, null));
        fields.add(SegmentSchema.idField(SegmentSchema.USER_ID, max(columns.user, order, n), true, null));
        fields.add(SegmentSchema.idField(SegmentSchema.DEVICE_ID, max(columns.device, order, n), true, null));
        for (Map.Entry<Integer, IntColumn> group : columns.groups().entrySet()) {
            int maxId = max(group.getValue(), order, n);
            if (maxId < 0) {
                continue; // no row of this segment has the group type
            }
            fields.add(SegmentSchema.idField(SegmentSchema.groupColumn(group.getKey()), maxId, true,
                    Map.of(SegmentSchema.META_GROUP_TYPE_ID, Integer.toString(group.getKey()))));
        }
        fields.addAll(SegmentSchema.bytesFields());
        Map<String, String> metadata = new HashMap<>();
        metadata.put(SegmentSchema.META_FORMAT_VERSION, Integer.toString(SegmentSchema.FORMAT_VERSION));
        metadata.put(SegmentSchema.META_TIME_BASE, Long.toString(timeBase));
        metadata.put(SegmentSchema.META_PARTITION, partitionKey);
        return new Schema(fields, metadata);
    }

    /** The distinct event type ids of a segment's rows, ascending, with the rows of each. */
    private record EventTypeCounts(List<Integer> ids, List<Long> counts) {
    }

    /** The manifest's per-segment statistics: which event types the rows have, and how many of each. */
    private static EventTypeCounts eventTypes(IntColumn column, int[] order, int n) {
        long[] counts = new long[16];
        int[] values = column.array();
        for (int i = 0; i < n; i++) {
            int id = values[order[i]];
            if (id >= 0) {
                if (id >= counts.length) {
                    counts = java.util.Arrays.copyOf(counts, Math.max(counts.length * 2, id + 1));
                }
                counts[id]++;
            }
        }
        List<Integer> ids = new ArrayList<>();
        List<Long> perType = new ArrayList<>();
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] > 0) {
                ids.add(id);
                perType.add(counts[id]);
            }
        }
        return new EventTypeCounts(ids, perType);
    }

    private static int max(IntColumn column, int[] order, int n) {
        int max = -1;
        int size = column.size();
        int[] values = column.array();
        for (int i = 0; i < n; i++) {
            int row = order[i];
            if (row < size && values[row] > max) {
                max = values[row];
            }
        }
        return max;
    }

    private static void fill(VectorSchemaRoot root, EventColumns columns, int[] order, int from, int count,
                             long timeBase) {
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setInitialCapacity(count);
            vector.allocateNew();
            String name = vector.getName();
            switch (name) {
                case SegmentSchema.EVENT_TIME -> {
                    if (vector instanceof BigIntVector wide) {
                        for (int i = 0; i < count; i++) {
                            wide.set(i, columns.time.get(order[from + i]) - timeBase);
                        }
                    } else {
                        IntVector narrow = (IntVector) vector;
                        for (int i = 0; i < count; i++) {
                            narrow.set(i, (int) (columns.time.get(order[from + i]) - timeBase));
                        }
                    }
                }
                case SegmentSchema.EVENT_TYPE -> fillIds((BaseFixedWidthVector) vector, columns.eventType, order, from, count);
                case SegmentSchema.USER_ID -> fillIds((BaseFixedWidthVector) vector, columns.user, order, from, count);
                case SegmentSchema.DEVICE_ID -> fillIds((BaseFixedWidthVector) vector, columns.device, order, from, count);
                case SegmentSchema.INSERT_ID -> fillBytes((BaseVariableWidthVector) vector, columns.insertId, order, from, count);
                case SegmentSchema.EVENT_GROUPS -> fillBytes((BaseVariableWidthVector) vector, columns.eventGroups, order, from, count);
                case SegmentSchema.EVENT_PROPERTIES -> fillBytes((BaseVariableWidthVector) vector, columns.eventProperties, order, from, count);
                case SegmentSchema.USER_PROPERTIES -> fillBytes((BaseVariableWidthVector) vector, columns.userProperties, order, from, count);
                default -> fillIds((BaseFixedWidthVector) vector,
                        columns.group(SegmentSchema.groupTypeIdOf(name)), order, from, count);
            }
            vector.setValueCount(count);
        }
        root.setRowCount(count);
    }

    private static void fillIds(BaseFixedWidthVector vector, IntColumn column, int[] order, int from, int count) {
        int size = column.size();
        for (int i = 0; i < count; i++) {
            int row = order[from + i];
            int id = row < size ? column.get(row) : IntColumn.NULL;
            if (id < 0) {
                vector.setNull(i);
            } else if (vector instanceof TinyIntVector v) {
                v.set(i, (byte) id);
            } else if (vector instanceof SmallIntVector v) {
                v.set(i, (short) id);
            } else {
                ((IntVector) vector).set(i, id);
            }
        }
    }

    private static void fillBytes(BaseVariableWidthVector vector, BytesColumn column, int[] order, int from, int count) {
        byte[] data = column.data();
        for (int i = 0; i < count; i++) {
            int row = order[from + i];
            if (column.isNull(row)) {
                vector.setNull(i);
            } else {
                vector.setSafe(i, data, column.start(row), column.length(row));
            }
        }
    }
}
