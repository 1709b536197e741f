package io.troupe.sql.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.SqlErrors;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A statement's result as Arrow record batches, the form the server streams to clients. Column types map
 * as: integers to Int(8/16/32/64), DOUBLE/REAL to FloatingPoint, DECIMAL to Decimal, BOOLEAN to Bool,
 * DATE to Date(DAY), TIMESTAMP to Timestamp(MILLISECOND) without a time zone (values are UTC wall-clock
 * times), everything else (VARCHAR, MAP, ARRAY, ...) to Utf8, maps and arrays as JSON text. Each field's
 * metadata keeps the SQL type name ({@value #SQL_TYPE}) so a client can tell a MAP from a VARCHAR.
 */
public final class ArrowResults {
    public static final String SQL_TYPE = "troupe.sql_type";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArrowResults() {
    }

    /** The Arrow schema of a result. */
    public static Schema schema(ResultSetMetaData md) throws SQLException {
        List<Field> fields = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            ArrowType type = arrowType(md.getColumnType(i), md.getPrecision(i), md.getScale(i));
            fields.add(new Field(md.getColumnLabel(i),
                    new FieldType(true, type, null, Map.of(SQL_TYPE, md.getColumnTypeName(i))), null));
        }
        return new Schema(fields);
    }

    private static ArrowType arrowType(int sqlType, int precision, int scale) {
        return switch (sqlType) {
            case Types.TINYINT -> new ArrowType.Int(8, true);
            case Types.SMALLINT -> new ArrowType.Int(16, true);
            case Types.INTEGER -> new ArrowType.Int(32, true);
            case Types.BIGINT -> new ArrowType.Int(64, true);
            case Types.REAL, Types.FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case Types.DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case Types.DECIMAL, Types.NUMERIC -> new ArrowType.Decimal(Math.max(1, Math.min(precision, 38)), Math.max(0, scale), 128);
            case Types.BOOLEAN, Types.BIT -> ArrowType.Bool.INSTANCE;
            case Types.DATE -> new ArrowType.Date(DateUnit.DAY);
            case Types.TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            default -> ArrowType.Utf8.INSTANCE;
        };
    }

    /**
     * Reads {@code rs} to its end in batches of at most {@code batchRows} rows; each batch goes to
     * {@code consumer}, which must use it before returning (its buffers are reused for the next batch).
     * Returns the number of rows.
     */
    public static long stream(ResultSet rs, BufferAllocator allocator, int batchRows, Consumer<VectorSchemaRoot> consumer) {
        try {
            Schema schema = schema(rs.getMetaData());
            long total = 0;
            try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
                int n = schema.getFields().size();
                boolean more = rs.next();
                while (more) {
                    root.allocateNew();
                    int row = 0;
                    while (more && row < batchRows) {
                        for (int c = 0; c < n; c++) {
                            set(root.getVector(c), row, rs, c + 1);
                        }
                        row++;
                        more = rs.next();
                    }
                    root.setRowCount(row);
                    total += row;
                    consumer.accept(root);
                }
                if (total == 0) {
                    root.allocateNew();
                    root.setRowCount(0);
                    consumer.accept(root); // a result with no rows still has its schema
                }
            }
            return total;
        } catch (SQLException | RuntimeException e) {
            throw e instanceof TroupeException te ? te : SqlErrors.translate(e);
        }
    }

    private static void set(FieldVector v, int row, ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            if (v instanceof org.apache.arrow.vector.BaseFixedWidthVector f) {
                f.setNull(row);
            } else {
                ((VarCharVector) v).setNull(row);
            }
            return;
        }
        if (v instanceof BigIntVector b) {
            b.setSafe(row, rs.getLong(column));
        } else if (v instanceof IntVector i) {
            i.setSafe(row, rs.getInt(column));
        } else if (v instanceof SmallIntVector s) {
            s.setSafe(row, rs.getShort(column));
        } else if (v instanceof TinyIntVector t) {
            t.setSafe(row, rs.getByte(column));
        } else if (v instanceof Float8Vector d) {
            d.setSafe(row, rs.getDouble(column));
        } else if (v instanceof Float4Vector f) {
            f.setSafe(row, rs.getFloat(column));
        } else if (v instanceof DecimalVector d) {
            BigDecimal b = rs.getBigDecimal(column).setScale(d.getScale(), java.math.RoundingMode.HALF_UP);
            d.setSafe(row, b);
        } else if (v instanceof BitVector b) {
            b.setSafe(row, rs.getBoolean(column) ? 1 : 0);
        } else if (v instanceof DateDayVector d) {
            d.setSafe(row, (int) rs.getDate(column, utc()).toLocalDate().toEpochDay());
        } else if (v instanceof TimeStampMilliVector t) {
            t.setSafe(row, rs.getTimestamp(column, utc()).getTime());
        } else {
            ((VarCharVector) v).setSafe(row, text(value).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static java.util.Calendar utc() {
        return java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
    }

    /** A value as the text of a Utf8 column: maps and arrays as JSON. */
    static String text(Object value) throws SQLException {
        Object v = value instanceof Array a ? a.getArray() : value;
        if (v instanceof Map<?, ?> || v instanceof List<?> || v instanceof Object[]) {
            try {
                return JSON.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                throw new TroupeException(ErrorCode.INTERNAL, e, "cannot render " + v.getClass() + " as JSON");
            }
        }
        return v.toString();
    }
}
