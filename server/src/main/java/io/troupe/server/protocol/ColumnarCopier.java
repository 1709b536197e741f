package io.troupe.server.protocol;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.exec.ColumnarResult;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Copies the column chunks of a {@link ColumnarResult} into the Arrow vectors of a result batch, a block of rows
 * at a time, writing the vectors' buffers directly: times as they are, dictionary ids as the UTF-8 bytes of their
 * strings (decoded once per id and statement by the result), text columns from the stored vector's bytes. The
 * vectors are the ones {@link ResultSchemas} makes for the statement's JDBC metadata, so the batches are the row
 * path's (same schema, same values, same batch boundaries: see {@link ResultBatches}).
 */
final class ColumnarCopier {
    private final ColumnarResult result;
    private final FieldVector[] vectors;
    private final ColumnarResult.Kind[] kinds;
    /** Per column: bytes of variable-width data written in the current batch (the next value's offset). */
    private final long[] ends;
    private int position;
    private boolean ended;

    /**
     * @throws TroupeException {@code INTERNAL} when a vector is not of the type the column's kind writes (the plan
     *                         analysis and the type mapping disagree: a bug)
     */
    ColumnarCopier(ColumnarResult result, List<FieldVector> vectors) {
        this.result = result;
        this.vectors = vectors.toArray(new FieldVector[0]);
        this.kinds = new ColumnarResult.Kind[this.vectors.length];
        this.ends = new long[this.vectors.length];
        if (result.columnCount() != this.vectors.length) {
            throw new TroupeException(ErrorCode.INTERNAL, "a columnar result of " + result.columnCount()
                    + " columns for " + this.vectors.length + " fields");
        }
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = result.kind(c);
            boolean fits = kinds[c] == ColumnarResult.Kind.TIME ? this.vectors[c] instanceof TimeStampMilliVector
                    : this.vectors[c] instanceof VarCharVector;
            if (!fits) {
                throw new TroupeException(ErrorCode.INTERNAL, "a columnar " + kinds[c] + " column into a "
                        + this.vectors[c].getMinorType() + " vector");
            }
        }
        position = Integer.MAX_VALUE; // before the first chunk
    }

    /** Rows left in the current chunk, moving to the next chunk when it is used up; 0 at the end of the result. */
    int available() {
        while (!ended && position >= result.rows()) {
            if (!result.next()) {
                ended = true;
                break;
            }
            position = 0;
        }
        return ended ? 0 : result.rows() - position;
    }

    /** Empties the byte counts for a new batch (the vectors are reset by their writers). */
    void startBatch() {
        java.util.Arrays.fill(ends, 0);
    }

    /** Bytes of variable-width data written in the current batch. */
    long variableBytes() {
        long bytes = 0;
        for (long e : ends) {
            bytes += e;
        }
        return bytes;
    }

    /** Copies the next {@code rows} rows of the chunk (at most {@link #available}) to vector rows {@code [at, at + rows)}. */
    void copy(int at, int rows) {
        for (int c = 0; c < vectors.length; c++) {
            switch (kinds[c]) {
                case TIME -> times((TimeStampMilliVector) vectors[c], result.times(c), at, rows);
                case DICTIONARY -> dictionary(c, (VarCharVector) vectors[c], result.ids(c), at, rows);
                case TEXT -> text(c, (VarCharVector) vectors[c], result.texts(c), result.sourceRows(), at, rows);
                default -> throw new IllegalStateException(kinds[c].toString());
            }
        }
        position += rows;
    }

    private void times(TimeStampMilliVector v, long[] times, int at, int rows) {
        ArrowBuf values = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        for (int j = 0; j < rows; j++) {
            int row = at + j;
            values.setLong((long) row << 3, times[position + j]);
            BitVectorHelper.setBit(validity, row);
        }
    }

    private void dictionary(int c, VarCharVector v, int[] ids, int at, int rows) {
        long need = 0;
        for (int j = 0; j < rows; j++) {
            int id = ids[position + j];
            if (id >= 0) {
                need += result.utf8(c, id).length;
            }
        }
        ArrowBuf data = dataFor(v, ends[c] + need);
        ArrowBuf offsets = v.getOffsetBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        long end = ends[c];
        for (int j = 0; j < rows; j++) {
            int row = at + j;
            int id = ids[position + j];
            if (id >= 0) {
                byte[] b = result.utf8(c, id);
                data.setBytes(end, b, 0, b.length);
                end += b.length;
                BitVectorHelper.setBit(validity, row);
            }
            offsets.setInt((long) (row + 1) << 2, (int) end);
        }
        ends[c] = end;
        v.setLastSet(at + rows - 1);
    }

    private void text(int c, VarCharVector v, BaseVariableWidthVector source, int[] sourceRows, int at, int rows) {
        ArrowBuf offsets = v.getOffsetBuffer();
        if (source == null) { // the stored batch has no such column: every value NULL
            for (int j = 0; j < rows; j++) {
                offsets.setInt((long) (at + j + 1) << 2, (int) ends[c]);
            }
            v.setLastSet(at + rows - 1);
            return;
        }
        long need = 0;
        for (int j = 0; j < rows; j++) {
            int r = sourceRows[position + j];
            if (!source.isNull(r)) {
                need += source.getStartOffset(r + 1) - source.getStartOffset(r);
            }
        }
        ArrowBuf data = dataFor(v, ends[c] + need);
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf sourceData = source.getDataBuffer();
        long end = ends[c];
        for (int j = 0; j < rows; j++) {
            int row = at + j;
            int r = sourceRows[position + j];
            if (!source.isNull(r)) {
                int start = source.getStartOffset(r);
                int length = source.getStartOffset(r + 1) - start;
                data.setBytes(end, sourceData, start, length);
                end += length;
                BitVectorHelper.setBit(validity, row);
            }
            offsets.setInt((long) (row + 1) << 2, (int) end);
        }
        ends[c] = end;
        v.setLastSet(at + rows - 1);
    }

    /** The vector's data buffer, grown to hold at least {@code bytes}. */
    private static ArrowBuf dataFor(VarCharVector v, long bytes) {
        while (v.getDataBuffer().capacity() < bytes) {
            v.reallocDataBuffer();
        }
        return v.getDataBuffer();
    }
}
