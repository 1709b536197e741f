package io.troupe.server.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
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

    /** A writer of a fixed-width vector of {@code bytesPerRow} bytes a row (validity bit rounded up). */
    private abstract static class Fixed<V extends BaseFixedWidthVector> extends ColumnWriter {
        protected final V v;
        private final int bytesPerRow;

        Fixed(int column, V v, int bytesPerRow) {
            super(column);
            this.v = v;
            this.bytesPerRow = bytesPerRow;
        }

        @Override
        final FieldVector vector() {
            return v;
        }

        @Override
        final int fixedBytesPerRow() {
            return bytesPerRow;
        }
    }

    static final class Bool extends Fixed<BitVector> {
        Bool(int column, BitVector v) {
            super(column, v, 1);
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

    static final class Int8 extends Fixed<TinyIntVector> {
        Int8(int column, TinyIntVector v) {
            super(column, v, 2);
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

    static final class Int16 extends Fixed<SmallIntVector> {
        Int16(int column, SmallIntVector v) {
            super(column, v, 3);
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

    static final class Int32 extends Fixed<IntVector> {
        Int32(int column, IntVector v) {
            super(column, v, 5);
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

    static final class Int64 extends Fixed<BigIntVector> {
        Int64(int column, BigIntVector v) {
            super(column, v, 9);
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

    static final class Float32 extends Fixed<Float4Vector> {
        Float32(int column, Float4Vector v) {
            super(column, v, 5);
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

    static final class Float64 extends Fixed<Float8Vector> {
        Float64(int column, Float8Vector v) {
            super(column, v, 9);
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
    static final class Decimal extends Fixed<DecimalVector> {
        Decimal(int column, DecimalVector v) {
            super(column, v, 17);
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

    /** DATE, TIME and TIMESTAMP: the driver's number while it offers one, else the UTC calendar getter. */
    private abstract static class Temporal<V extends BaseFixedWidthVector> extends Fixed<V> {
        private Calendar calendar; // null while the number getter works

        Temporal(int column, V v, int bytesPerRow) {
            super(column, v, bytesPerRow);
        }

        /** The value as the driver's number ({@code getInt}/{@code getLong}); throws when it has none. */
        abstract long number(ResultSet rs) throws SQLException;

        /** The value through the calendar getter, as milliseconds since the epoch; null for NULL. */
        abstract java.util.Date viaCalendar(ResultSet rs, Calendar utc) throws SQLException;

        /** The Arrow value of a value's milliseconds since the epoch. */
        abstract long fromEpochMillis(long millis);

        abstract void set(int row, long value);

        @Override
        final void write(ResultSet rs, int row) throws SQLException {
            if (calendar == null) {
                try {
                    long n = number(rs);
                    if (n == 0 && rs.wasNull()) {
                        v.setNull(row);
                    } else {
                        set(row, n);
                    }
                    return;
                } catch (SQLException notANumber) {
                    calendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
                }
            }
            java.util.Date d = viaCalendar(rs, calendar);
            if (d == null) {
                v.setNull(row);
            } else {
                set(row, fromEpochMillis(d.getTime()));
            }
        }
    }

    static final class DateDay extends Temporal<DateDayVector> {
        DateDay(int column, DateDayVector v) {
            super(column, v, 5);
        }

        @Override
        long number(ResultSet rs) throws SQLException {
            return rs.getInt(column);
        }

        @Override
        java.util.Date viaCalendar(ResultSet rs, Calendar utc) throws SQLException {
            return rs.getDate(column, utc);
        }

        @Override
        long fromEpochMillis(long millis) {
            return Math.floorDiv(millis, MILLIS_PER_DAY);
        }

        @Override
        void set(int row, long days) {
            v.set(row, (int) days);
        }
    }

    static final class TimeMilli extends Temporal<TimeMilliVector> {
        TimeMilli(int column, TimeMilliVector v) {
            super(column, v, 5);
        }

        @Override
        long number(ResultSet rs) throws SQLException {
            return rs.getInt(column);
        }

        @Override
        java.util.Date viaCalendar(ResultSet rs, Calendar utc) throws SQLException {
            return rs.getTime(column, utc);
        }

        @Override
        long fromEpochMillis(long millis) {
            return Math.floorMod(millis, MILLIS_PER_DAY);
        }

        @Override
        void set(int row, long millisOfDay) {
            v.set(row, (int) millisOfDay);
        }
    }

    static final class TimestampMilli extends Temporal<TimeStampVector> {
        TimestampMilli(int column, TimeStampVector v) {
            super(column, v, 9);
        }

        @Override
        long number(ResultSet rs) throws SQLException {
            return rs.getLong(column);
        }

        @Override
        java.util.Date viaCalendar(ResultSet rs, Calendar utc) throws SQLException {
            return rs.getTimestamp(column, utc);
        }

        @Override
        long fromEpochMillis(long millis) {
            return millis;
        }

        @Override
        void set(int row, long millis) {
            v.set(row, millis);
        }
    }

    /** A writer of a variable-width vector; counts the bytes of its values so that a batch can end in time. */
    private abstract static class Variable<V extends BaseVariableWidthVector> extends ColumnWriter {
        protected final V v;
        private long bytes;

        Variable(int column, V v) {
            super(column);
            this.v = v;
        }

        /** The value's bytes, or null for NULL. */
        abstract byte[] bytes(ResultSet rs) throws SQLException;

        @Override
        final FieldVector vector() {
            return v;
        }

        @Override
        final int fixedBytesPerRow() {
            return 5; // offset and validity
        }

        @Override
        final long variableBytes() {
            return bytes;
        }

        @Override
        final void allocate(int rows) {
            v.allocateNew(rows * 16L, rows);
        }

        @Override
        final void reset() {
            super.reset();
            bytes = 0;
        }

        @Override
        final void write(ResultSet rs, int row) throws SQLException {
            byte[] b = bytes(rs);
            if (b == null) {
                v.setNull(row);
            } else {
                v.setSafe(row, b, 0, b.length);
                bytes += b.length;
            }
        }
    }

    /** VARCHAR, CHAR: the UTF-8 bytes of {@code getString}. */
    static class Utf8 extends Variable<VarCharVector> {
        Utf8(int column, VarCharVector v) {
            super(column, v);
        }

        /** The value's text, or null for NULL. */
        String text(ResultSet rs) throws SQLException {
            return rs.getString(column);
        }

        @Override
        final byte[] bytes(ResultSet rs) throws SQLException {
            String s = text(rs);
            return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
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

    static final class Binary extends Variable<VarBinaryVector> {
        Binary(int column, VarBinaryVector v) {
            super(column, v);
        }

        @Override
        byte[] bytes(ResultSet rs) throws SQLException {
            return rs.getBytes(column);
        }
    }
}
