package io.troupe.server.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * The {@link ColumnWriter} of each Arrow vector type the protocol sends (mapping in {@link ResultSchemas}).
 *
 * <p>A getter that returns 0 (or false) may mean NULL, so {@code wasNull()} is asked only then. DATE, TIME
 * and TIMESTAMP columns are read with {@code getInt}/{@code getLong} when the driver offers their number
 * (Calcite's result sets hold days, milliseconds of the day and milliseconds since the epoch of a UTC
 * wall-clock time, the units of the Arrow types); a driver that refuses is read once with the UTC calendar
 * getters and from then on that way.
 */
final class ColumnWriters {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ColumnWriters() {
    }

    static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    }

    static final class Bool extends ColumnWriter {
        private final BitVector v;

        Bool(int column, BitVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 1;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            boolean b = rs.getBoolean(column);
            if (!b && rs.wasNull()) {
                v.setNull(row);
            } else {
                v.set(row, b ? 1 : 0);
            }
        }
    }

    static final class Int8 extends ColumnWriter {
        private final TinyIntVector v;

        Int8(int column, TinyIntVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 2;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            byte b = rs.getByte(column);
            if (b == 0 && rs.wasNull()) {
                v.setNull(row);
            } else {
                v.set(row, b);
            }
        }
    }

    static final class Int16 extends ColumnWriter {
        private final SmallIntVector v;

        Int16(int column, SmallIntVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 3;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            short s = rs.getShort(column);
            if (s == 0 && rs.wasNull()) {
                v.setNull(row);
            } else {
                v.set(row, s);
            }
        }
    }

    static final class Int32 extends ColumnWriter {
        private final IntVector v;

        Int32(int column, IntVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 5;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            int i = rs.getInt(column);
            if (i == 0 && rs.wasNull()) {
                v.setNull(row);
            } else {
                v.set(row, i);
            }
        }
    }

    static final class Int64 extends ColumnWriter {
        private final BigIntVector v;

        Int64(int column, BigIntVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 9;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            long l = rs.getLong(column);
            if (l == 0 && rs.wasNull()) {
                v.setNull(row);
            } else {
                v.set(row, l);
            }
        }
    }

    static final class Float32 extends ColumnWriter {
        private final Float4Vector v;

        Float32(int column, Float4Vector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 5;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            float f = rs.getFloat(column);
            if (f == 0 && rs.wasNull()) {
                v.setNull(row);
            } else {
                v.set(row, f);
            }
        }
    }

    static final class Float64 extends ColumnWriter {
        private final Float8Vector v;

        Float64(int column, Float8Vector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 9;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            double d = rs.getDouble(column);
            if (d == 0 && rs.wasNull()) {
                v.setNull(row);
            } else {
                v.set(row, d);
            }
        }
    }

    /** DECIMAL: a BigDecimal per value is what JDBC offers; rescaled to the column's scale. */
    static final class Decimal extends ColumnWriter {
        private final DecimalVector v;

        Decimal(int column, DecimalVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 17;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            BigDecimal d = rs.getBigDecimal(column);
            if (d == null) {
                v.setNull(row);
            } else {
                v.set(row, d.scale() == v.getScale() ? d : d.setScale(v.getScale(), RoundingMode.HALF_UP));
            }
        }
    }

    static final class DateDay extends ColumnWriter {
        private final DateDayVector v;
        private Calendar calendar; // null while getInt works

        DateDay(int column, DateDayVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 5;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            if (calendar == null) {
                try {
                    int days = rs.getInt(column);
                    if (days == 0 && rs.wasNull()) {
                        v.setNull(row);
                    } else {
                        v.set(row, days);
                    }
                    return;
                } catch (SQLException notANumber) {
                    calendar = utc();
                }
            }
            java.sql.Date d = rs.getDate(column, calendar);
            if (d == null) {
                v.setNull(row);
            } else {
                v.set(row, (int) Math.floorDiv(d.getTime(), MILLIS_PER_DAY));
            }
        }
    }

    static final class TimeMilli extends ColumnWriter {
        private final TimeMilliVector v;
        private Calendar calendar;

        TimeMilli(int column, TimeMilliVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 5;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            if (calendar == null) {
                try {
                    int millis = rs.getInt(column);
                    if (millis == 0 && rs.wasNull()) {
                        v.setNull(row);
                    } else {
                        v.set(row, millis);
                    }
                    return;
                } catch (SQLException notANumber) {
                    calendar = utc();
                }
            }
            java.sql.Time t = rs.getTime(column, calendar);
            if (t == null) {
                v.setNull(row);
            } else {
                v.set(row, (int) Math.floorMod(t.getTime(), MILLIS_PER_DAY));
            }
        }
    }

    static final class TimestampMilli extends ColumnWriter {
        private final TimeStampVector v;
        private Calendar calendar;

        TimestampMilli(int column, TimeStampVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 9;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            if (calendar == null) {
                try {
                    long millis = rs.getLong(column);
                    if (millis == 0 && rs.wasNull()) {
                        v.setNull(row);
                    } else {
                        v.set(row, millis);
                    }
                    return;
                } catch (SQLException notANumber) {
                    calendar = utc();
                }
            }
            java.sql.Timestamp t = rs.getTimestamp(column, calendar);
            if (t == null) {
                v.setNull(row);
            } else {
                v.set(row, t.getTime());
            }
        }
    }

    /** VARCHAR, CHAR and (through {@link Json}) structured values: UTF-8 bytes. */
    static class Utf8 extends ColumnWriter {
        private final VarCharVector v;
        private long bytes;

        Utf8(int column, VarCharVector v) {
            super(column);
            this.v = v;
        }

        @Override
        final FieldVector vector() {
            return v;
        }

        @Override
        final int fixedBytesPerRow() {
            return 5;
        }

        @Override
        final long variableBytes() {
            return bytes;
        }

        @Override
        void allocate(int rows) {
            v.allocateNew(rows * 16L, rows);
        }

        @Override
        final void reset() {
            super.reset();
            bytes = 0;
        }

        /** The value's text, or null for NULL. */
        String text(ResultSet rs) throws SQLException {
            return rs.getString(column);
        }

        @Override
        final void write(ResultSet rs, int row) throws SQLException {
            String s = text(rs);
            if (s == null) {
                v.setNull(row);
            } else {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                v.setSafe(row, utf8);
                bytes += utf8.length;
            }
        }
    }

    /** ARRAY, MAP, ROW and other values JDBC only gives as objects: JSON text ({@link StructuredValues}). */
    static final class Json extends Utf8 {
        Json(int column, VarCharVector v) {
            super(column, v);
        }

        @Override
        String text(ResultSet rs) throws SQLException {
            return StructuredValues.json(rs.getObject(column));
        }
    }

    static final class Binary extends ColumnWriter {
        private final VarBinaryVector v;
        private long bytes;

        Binary(int column, VarBinaryVector v) {
            super(column);
            this.v = v;
        }

        @Override
        FieldVector vector() {
            return v;
        }

        @Override
        int fixedBytesPerRow() {
            return 5;
        }

        @Override
        long variableBytes() {
            return bytes;
        }

        @Override
        void allocate(int rows) {
            v.allocateNew(rows * 16L, rows);
        }

        @Override
        void reset() {
            super.reset();
            bytes = 0;
        }

        @Override
        void write(ResultSet rs, int row) throws SQLException {
            byte[] b = rs.getBytes(column);
            if (b == null) {
                v.setNull(row);
            } else {
                v.setSafe(row, b);
                bytes += b.length;
            }
        }
    }
}
