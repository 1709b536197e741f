package io.troupe.server.protocol;

import io.troupe.common.wire.WireFormat;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of a JDBC result and the writer of each column (docs/protocol.md, "Type mapping"):
 *
 * <table>
 *   <caption>SQL type to Arrow type</caption>
 *   <tr><td>BOOLEAN</td><td>Bool</td></tr>
 *   <tr><td>TINYINT, SMALLINT, INTEGER, BIGINT</td><td>Int(8/16/32/64, signed)</td></tr>
 *   <tr><td>REAL</td><td>FloatingPoint(SINGLE)</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>FloatingPoint(DOUBLE) (JDBC's FLOAT is double precision)</td></tr>
 *   <tr><td>DECIMAL(p,s), p &lt;= 38</td><td>Decimal(p, s, 128)</td></tr>
 *   <tr><td>CHAR, VARCHAR</td><td>Utf8</td></tr>
 *   <tr><td>DATE</td><td>Date(DAY)</td></tr>
 *   <tr><td>TIME</td><td>Time(MILLISECOND, 32)</td></tr>
 *   <tr><td>TIMESTAMP</td><td>Timestamp(MILLISECOND, no zone): the UTC wall-clock time</td></tr>
 *   <tr><td>BINARY, VARBINARY</td><td>Binary</td></tr>
 *   <tr><td>anything else (ARRAY, MAP, ROW, OTHER, a DECIMAL over 38 digits)</td><td>Utf8, JSON text</td></tr>
 * </table>
 *
 * Every field is nullable and carries the SQL type name ({@link WireFormat#FIELD_SQL_TYPE}) and the
 * {@code java.sql.Types} number ({@link WireFormat#FIELD_JDBC_TYPE}) in its metadata.
 */
final class ResultSchemas {
    private static final int MAX_DECIMAL_PRECISION = 38;

    private ResultSchemas() {
    }

    /** The Arrow schema of a result. */
    static Schema schema(ResultSetMetaData md) throws SQLException {
        List<Field> fields = new ArrayList<>(md.getColumnCount());
        for (int c = 1; c <= md.getColumnCount(); c++) {
            Map<String, String> metadata = Map.of(WireFormat.FIELD_SQL_TYPE, md.getColumnTypeName(c),
                    WireFormat.FIELD_JDBC_TYPE, Integer.toString(md.getColumnType(c)));
            fields.add(new Field(md.getColumnLabel(c),
                    new FieldType(true, arrowType(md.getColumnType(c), md.getPrecision(c), md.getScale(c)), null, metadata), null));
        }
        return new Schema(fields);
    }

    static ArrowType arrowType(int sqlType, int precision, int scale) {
        return switch (sqlType) {
            case Types.BOOLEAN, Types.BIT -> ArrowType.Bool.INSTANCE;
            case Types.TINYINT -> new ArrowType.Int(8, true);
            case Types.SMALLINT -> new ArrowType.Int(16, true);
            case Types.INTEGER -> new ArrowType.Int(32, true);
            case Types.BIGINT -> new ArrowType.Int(64, true);
            case Types.REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case Types.FLOAT, Types.DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case Types.DECIMAL, Types.NUMERIC -> precision >= 1 && precision <= MAX_DECIMAL_PRECISION && scale >= 0 && scale <= precision
                    ? new ArrowType.Decimal(precision, scale, 128) : ArrowType.Utf8.INSTANCE;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> ArrowType.Utf8.INSTANCE;
            case Types.DATE -> new ArrowType.Date(DateUnit.DAY);
            case Types.TIME -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
            case Types.TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> ArrowType.Binary.INSTANCE;
            default -> ArrowType.Utf8.INSTANCE;
        };
    }

    /** The writer of column {@code column} (1-based) into {@code vector}, a vector of {@link #schema}'s field. */
    static ColumnWriter writer(int column, int sqlType, FieldVector vector) {
        return switch (vector.getMinorType()) {
            case BIT -> new ColumnWriters.Bool(column, (BitVector) vector);
            case TINYINT -> new ColumnWriters.Int8(column, (TinyIntVector) vector);
            case SMALLINT -> new ColumnWriters.Int16(column, (SmallIntVector) vector);
            case INT -> new ColumnWriters.Int32(column, (IntVector) vector);
            case BIGINT -> new ColumnWriters.Int64(column, (BigIntVector) vector);
            case FLOAT4 -> new ColumnWriters.Float32(column, (Float4Vector) vector);
            case FLOAT8 -> new ColumnWriters.Float64(column, (Float8Vector) vector);
            case DECIMAL -> new ColumnWriters.Decimal(column, (DecimalVector) vector);
            case DATEDAY -> new ColumnWriters.DateDay(column, (DateDayVector) vector);
            case TIMEMILLI -> new ColumnWriters.TimeMilli(column, (TimeMilliVector) vector);
            case TIMESTAMPMILLI -> new ColumnWriters.TimestampMilli(column, (TimeStampVector) vector);
            case VARBINARY -> new ColumnWriters.Binary(column, (VarBinaryVector) vector);
            case VARCHAR -> isText(sqlType) ? new ColumnWriters.Utf8(column, (VarCharVector) vector)
                    : new ColumnWriters.Json(column, (VarCharVector) vector);
            default -> throw new IllegalStateException("no writer for " + vector.getMinorType());
        };
    }

    /** True for types whose JDBC text ({@code getString}) is the value itself; others are sent as JSON. */
    private static boolean isText(int sqlType) {
        return switch (sqlType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.DECIMAL, Types.NUMERIC, Types.NULL -> true;
            default -> false;
        };
    }
}
