package io.troupe.jdbc.arrow;

import io.troupe.jdbc.values.Column;
import io.troupe.jdbc.values.ColumnVector;
import io.troupe.jdbc.values.FloatingVector;
import io.troupe.jdbc.values.IntegralVector;
import io.troupe.jdbc.values.JdbcTypes;
import io.troupe.jdbc.values.Temporals;
import io.troupe.jdbc.values.TextVector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The column vectors of each Arrow layout, reading values straight from the frame's bytes (little-endian) through
 * their field's {@link Buffers}; a vector is made once per result and re-pointed at each batch.
 */
final class ArrowVectors {
    private ArrowVectors() {
    }

    /** The vector of a field, reading through {@code b}. */
    static ColumnVector of(ArrowField field, Buffers b) {
        Column c = field.column();
        return switch (field.kind()) {
            case NULL -> new Nulls(c);
            case BOOL -> new Bool(c, b);
            case INT -> new Integers(c, b, field.byteWidth());
            case FLOAT -> new Floats(c, b, field.byteWidth() == 4);
            case DECIMAL -> new Decimal128(c, b);
            case DATE -> new DateVector(c, b, field);
            case TIME -> new TimeVector(c, b, field);
            case TIMESTAMP -> new TimestampVector(c, b, field);
            case UTF8 -> new Utf8(c, b);
            case BINARY -> new Binary(c, b);
        };
    }

    /** Byte offset of a fixed-width value. */
    private static int at(Buffers b, int row, int width) {
        return b.offset[1] + row * width;
    }

    private static long scaled(long raw, ArrowField f) {
        return Math.floorDiv(raw, f.unitDivisor()) * f.unitMultiplier();
    }

    static final class Nulls extends ColumnVector {
        Nulls(Column c) {
            super(c);
        }

        @Override
        public boolean isNull(int row) {
            return true;
        }

        @Override
        public String getString(int row) {
            return null;
        }

        @Override
        public Object getObject(int row) {
            return null;
        }
    }

    static final class Bool extends ColumnVector {
        private final Buffers b;

        Bool(Column c, Buffers b) {
            super(c);
            this.b = b;
        }

        @Override
        public boolean isNull(int row) {
            return b.isNull(row);
        }

        @Override
        public boolean getBoolean(int row) {
            return (b.data[b.offset[1] + (row >>> 3)] & (1 << (row & 7))) != 0;
        }

        @Override
        public long getLong(int row) {
            return getBoolean(row) ? 1 : 0;
        }

        @Override
        public double getDouble(int row) {
            return getLong(row);
        }

        @Override
        public BigDecimal getBigDecimal(int row) {
            return getBoolean(row) ? BigDecimal.ONE : BigDecimal.ZERO;
        }

        @Override
        public String getString(int row) {
            return getBoolean(row) ? "true" : "false";
        }

        @Override
        public Object getObject(int row) {
            return getBoolean(row);
        }
    }

    /** Int(8/16/32/64): the byte width picks the read (the same for every row, so the branch is predicted). */
    static final class Integers extends IntegralVector {
        private final Buffers b;
        private final int width;

        Integers(Column c, Buffers b, int width) {
            super(c);
            this.b = b;
            this.width = width;
        }

        @Override
        public boolean isNull(int row) {
            return b.isNull(row);
        }

        @Override
        protected long value(int row) {
            int at = at(b, row, width);
            return switch (width) {
                case 1 -> b.data[at];
                case 2 -> LittleEndian.i16(b.data, at);
                case 4 -> LittleEndian.i32(b.data, at);
                default -> LittleEndian.i64(b.data, at);
            };
        }
    }

    /** FloatingPoint(SINGLE/DOUBLE). */
    static final class Floats extends FloatingVector {
        private final Buffers b;
        private final boolean single;

        Floats(Column c, Buffers b, boolean single) {
            super(c);
            this.b = b;
            this.single = single;
        }

        @Override
        public boolean isNull(int row) {
            return b.isNull(row);
        }

        @Override
        protected double value(int row) {
            return single ? LittleEndian.f32(b.data, at(b, row, 4)) : LittleEndian.f64(b.data, at(b, row, 8));
        }
    }

    /** Decimal(p, s, 128): a 16-byte little-endian two's-complement unscaled value. */
    static final class Decimal128 extends ColumnVector {
        private static final double[] POWERS_OF_TEN = new double[39];

        static {
            for (int i = 0; i < POWERS_OF_TEN.length; i++) {
                POWERS_OF_TEN[i] = Math.pow(10, i);
            }
        }

        private final Buffers b;

        Decimal128(Column c, Buffers b) {
            super(c);
            this.b = b;
        }

        @Override
        public boolean isNull(int row) {
            return b.isNull(row);
        }

        private long low(int row) {
            return LittleEndian.i64(b.data, at(b, row, 16));
        }

        /** True when the value fits its low 64 bits (the high word only extends the sign). */
        private boolean fitsLong(int row) {
            long low = low(row);
            return LittleEndian.i64(b.data, at(b, row, 16) + 8) == (low >> 63);
        }

        @Override
        public BigDecimal getBigDecimal(int row) {
            int scale = column.scale();
            if (fitsLong(row)) {
                return BigDecimal.valueOf(low(row), scale);
            }
            byte[] bigEndian = new byte[16];
            int start = at(b, row, 16);
            for (int i = 0; i < 16; i++) {
                bigEndian[i] = b.data[start + 15 - i];
            }
            return new BigDecimal(new BigInteger(bigEndian), scale);
        }

        @Override
        public long getLong(int row) throws SQLException {
            if (column.scale() == 0 && fitsLong(row)) {
                return low(row);
            }
            BigDecimal d = getBigDecimal(row).setScale(0, java.math.RoundingMode.DOWN);
            if (d.unscaledValue().bitLength() > 63) {
                throw io.troupe.jdbc.errors.JdbcErrors.of(io.troupe.common.ErrorCode.VALUE_OUT_OF_RANGE, d.toPlainString(),
                        "BIGINT", "getBigDecimal");
            }
            return d.longValue();
        }

        @Override
        public double getDouble(int row) {
            int scale = column.scale();
            if (fitsLong(row) && Math.abs(low(row)) < (1L << 53)) {
                return low(row) / POWERS_OF_TEN[scale];
            }
            return getBigDecimal(row).doubleValue();
        }

        @Override
        public boolean getBoolean(int row) {
            return !fitsLong(row) || low(row) != 0;
        }

        @Override
        public String getString(int row) {
            return getBigDecimal(row).toPlainString();
        }

        @Override
        public Object getObject(int row) {
            return getBigDecimal(row);
        }
    }

    static final class DateVector extends ColumnVector {
        private final Buffers b;
        private final ArrowField field;

        DateVector(Column c, Buffers b, ArrowField field) {
            super(c);
            this.b = b;
            this.field = field;
        }

        @Override
        public boolean isNull(int row) {
            return b.isNull(row);
        }

        @Override
        public int getDateDays(int row) {
            if (field.byteWidth() == 4) {
                return LittleEndian.i32(b.data, at(b, row, 4));
            }
            return (int) Math.floorDiv(LittleEndian.i64(b.data, at(b, row, 8)), Temporals.MILLIS_PER_DAY);
        }

        @Override
        public long getTimestampMillis(int row) {
            return getDateDays(row) * Temporals.MILLIS_PER_DAY;
        }

        @Override
        public String getString(int row) {
            return Temporals.formatDate(getDateDays(row));
        }

        @Override
        public Object getObject(int row) {
            return Temporals.date(getDateDays(row), null);
        }
    }

    static final class TimeVector extends ColumnVector {
        private final Buffers b;
        private final ArrowField field;

        TimeVector(Column c, Buffers b, ArrowField field) {
            super(c);
            this.b = b;
            this.field = field;
        }

        @Override
        public boolean isNull(int row) {
            return b.isNull(row);
        }

        @Override
        public int getTimeMillis(int row) {
            long raw = field.byteWidth() == 4 ? LittleEndian.i32(b.data, at(b, row, 4)) : LittleEndian.i64(b.data, at(b, row, 8));
            return (int) Math.floorMod(scaled(raw, field), Temporals.MILLIS_PER_DAY);
        }

        @Override
        public long getTimestampMillis(int row) {
            return getTimeMillis(row);
        }

        @Override
        public String getString(int row) {
            return Temporals.formatTime(getTimeMillis(row));
        }

        @Override
        public Object getObject(int row) {
            return Temporals.time(getTimeMillis(row), null);
        }
    }

    static final class TimestampVector extends ColumnVector {
        private final Buffers b;
        private final ArrowField field;

        TimestampVector(Column c, Buffers b, ArrowField field) {
            super(c);
            this.b = b;
            this.field = field;
        }

        @Override
        public boolean isNull(int row) {
            return b.isNull(row);
        }

        @Override
        public long getTimestampMillis(int row) {
            return scaled(LittleEndian.i64(b.data, at(b, row, 8)), field);
        }

        @Override
        public int getDateDays(int row) {
            return (int) Math.floorDiv(getTimestampMillis(row), Temporals.MILLIS_PER_DAY);
        }

        @Override
        public int getTimeMillis(int row) {
            return (int) Math.floorMod(getTimestampMillis(row), Temporals.MILLIS_PER_DAY);
        }

        @Override
        public String getString(int row) {
            return Temporals.formatTimestamp(getTimestampMillis(row));
        }

        @Override
        public Object getObject(int row) {
            return Temporals.timestamp(getTimestampMillis(row), null);
        }
    }

    /** Start of a variable-width value's bytes. */
    private static int start(Buffers b, int row) {
        return b.offset[2] + LittleEndian.i32(b.data, b.offset[1] + row * 4);
    }

    private static int length(Buffers b, int row) {
        int at = b.offset[1] + row * 4;
        return LittleEndian.i32(b.data, at + 4) - LittleEndian.i32(b.data, at);
    }

    static final class Utf8 extends TextVector {
        private final Buffers b;

        Utf8(Column c, Buffers b) {
            super(c);
            this.b = b;
        }

        @Override
        public boolean isNull(int row) {
            return b.isNull(row);
        }

        @Override
        public String getString(int row) {
            return new String(b.data, start(b, row), length(b, row), StandardCharsets.UTF_8);
        }

        @Override
        public Object getObject(int row) throws SQLException {
            return JdbcTypes.isNumeric(column.jdbcType()) ? getBigDecimal(row) : super.getObject(row);
        }

        @Override
        public byte[] getBytes(int row) {
            int start = start(b, row);
            return java.util.Arrays.copyOfRange(b.data, start, start + length(b, row));
        }
    }

    static final class Binary extends ColumnVector {
        private final Buffers b;

        Binary(Column c, Buffers b) {
            super(c);
            this.b = b;
        }

        @Override
        public boolean isNull(int row) {
            return b.isNull(row);
        }

        @Override
        public byte[] getBytes(int row) {
            int start = start(b, row);
            return java.util.Arrays.copyOfRange(b.data, start, start + length(b, row));
        }

        /** Lowercase hexadecimal, as SQL writes a binary literal ({@code X'0aff'} reads {@code 0aff}). */
        @Override
        public String getString(int row) {
            return HexFormat.of().formatHex(b.data, start(b, row), start(b, row) + length(b, row));
        }

        @Override
        public Object getObject(int row) {
            return getBytes(row);
        }
    }
}
