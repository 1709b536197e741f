package io.troupe.storage.segment;

import io.troupe.storage.columns.EventColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/** Reads whole segments back into columns, for rewrites (compaction, deleting a user's events). */
public final class SegmentRows {
    private SegmentRows() {
    }

    /** True when any row of the segment has user id {@code userId}. */
    public static boolean containsUser(SegmentFile file, int userId, BufferAllocator allocator) {
        for (int b = 0; b < file.batchCount(); b++) {
            try (VectorSchemaRoot root = file.readBatch(b, List.of(SegmentSchema.USER_ID), allocator)) {
                FieldVector v = root.getVector(SegmentSchema.USER_ID);
                if (v == null) {
                    return false;
                }
                BaseIntVector ids = (BaseIntVector) v;
                for (int i = 0; i < root.getRowCount(); i++) {
                    if (!v.isNull(i) && ids.getValueAsLong(i) == userId) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Appends every row of the segment to {@code out}, except rows of user {@code excludeUserId} (-1: none). */
    public static long appendTo(SegmentFile file, EventColumns out, int excludeUserId, BufferAllocator allocator) {
        List<String> columns = new ArrayList<>();
        for (Field f : file.schema().getFields()) {
            columns.add(f.getName());
        }
        long skipped = 0;
        for (int b = 0; b < file.batchCount(); b++) {
            try (VectorSchemaRoot root = file.readBatch(b, columns, allocator)) {
                FieldVector time = root.getVector(SegmentSchema.EVENT_TIME);
                for (int row = 0; row < root.getRowCount(); row++) {
                    int user = id(root.getVector(SegmentSchema.USER_ID), row);
                    if (excludeUserId >= 0 && user == excludeUserId) {
                        skipped++;
                        continue;
                    }
                    long t = time instanceof IntVector iv ? iv.get(row) : ((BigIntVector) time).get(row);
                    out.time.add(file.timeBase() + t);
                    out.eventType.add(id(root.getVector(SegmentSchema.EVENT_TYPE), row));
                    out.user.add(user);
                    out.device.add(id(root.getVector(SegmentSchema.DEVICE_ID), row));
                    bytes(root.getVector(SegmentSchema.INSERT_ID), row, out.insertId);
                    bytes(root.getVector(SegmentSchema.EVENT_GROUPS), row, out.eventGroups);
                    bytes(root.getVector(SegmentSchema.EVENT_PROPERTIES), row, out.eventProperties);
                    bytes(root.getVector(SegmentSchema.USER_PROPERTIES), row, out.userProperties);
                    for (FieldVector v : root.getFieldVectors()) {
                        if (SegmentSchema.isGroupColumn(v.getName())) {
                            int value = id(v, row);
                            if (value >= 0) {
                                out.setGroup(SegmentSchema.groupTypeIdOf(v.getName()), value);
                            }
                        }
                    }
                    out.endRow();
                }
            }
        }
        return skipped;
    }

    private static int id(FieldVector v, int row) {
        if (v == null || v.isNull(row)) {
            return -1;
        }
        return (int) ((BaseIntVector) v).getValueAsLong(row);
    }

    private static void bytes(FieldVector v, int row, io.troupe.storage.columns.BytesColumn out) {
        if (v == null || v.isNull(row)) {
            out.addNull();
            return;
        }
        byte[] value = v instanceof VarBinaryVector b ? b.get(row) : ((VarCharVector) v).get(row);
        out.add(value, 0, value.length);
    }
}
