package io.troupe.jdbc.arrow;

import io.troupe.jdbc.values.Column;

/**
 * A field of a result's Arrow schema: the column it is for JDBC, and how its buffers are laid out.
 *
 * @param kind      the Arrow physical layout
 * @param byteWidth bytes per value of a fixed-width kind (1, 2, 4, 8 or 16); 0 for bits and variable width
 * @param unitDivisor  for temporal kinds, what divides a stored value to give the driver's unit (ms or days)
 * @param unitMultiplier for temporal kinds, what multiplies it (seconds to ms)
 */
public record ArrowField(Column column, Kind kind, int byteWidth, long unitDivisor, long unitMultiplier) {
    /** The layouts of the protocol's type mapping (docs/protocol.md). */
    public enum Kind {
        /** Arrow Null: no buffers, every value NULL. */
        NULL(0),
        /** Bool: validity and value bitmaps. */
        BOOL(2),
        /** Int(8/16/32/64, signed). */
        INT(2),
        /** FloatingPoint(SINGLE/DOUBLE). */
        FLOAT(2),
        /** Decimal(p, s, 128). */
        DECIMAL(2),
        /** Date(DAY) int32 days, or Date(MILLISECOND) int64. */
        DATE(2),
        /** Time(unit, 32 or 64). */
        TIME(2),
        /** Timestamp(unit, any zone): a UTC wall-clock time. */
        TIMESTAMP(2),
        /** Utf8: validity, int32 offsets, bytes. */
        UTF8(3),
        /** Binary: validity, int32 offsets, bytes. */
        BINARY(3);

        private final int buffers;

        Kind(int buffers) {
            this.buffers = buffers;
        }

        /** Buffers a field of this kind has in a record batch. */
        public int buffers() {
            return buffers;
        }
    }
}
