package io.troupe.jdbc.arrow;

import io.troupe.common.wire.WireFormat;
import io.troupe.jdbc.arrow.ArrowField.Kind;
import io.troupe.jdbc.values.Column;
import io.troupe.jdbc.values.JdbcTypes;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.DateUnit;
import org.apache.arrow.flatbuf.Decimal;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Time;
import org.apache.arrow.flatbuf.TimeUnit;
import org.apache.arrow.flatbuf.Timestamp;
import org.apache.arrow.flatbuf.Type;

/**
 * Reads a result's Arrow Schema message (RESULT_SCHEMA) into its fields: the JDBC column (label, type number and
 * name from the field metadata {@code troupe.jdbc_type} and {@code troupe.sql_type}, else from the Arrow type) and
 * the buffer layout. Only the flat types of the protocol's type mapping are accepted; anything else (nested or
 * dictionary-encoded fields, big-endian data) is a {@code PROTOCOL_ERROR}.
 */
public final class SchemaReader {
    private SchemaReader() {
    }

    public static List<ArrowField> read(byte[] bytes, int offset, int length) throws SQLException {
        IpcMessage message = IpcMessage.read(bytes, offset, length);
        if (message.metadata().headerType() != MessageHeader.Schema) {
            throw IpcMessage.malformed("RESULT_SCHEMA holds Arrow message type " + message.metadata().headerType() + ", not a Schema");
        }
        Schema schema = (Schema) message.metadata().header(new Schema());
        if (schema.endianness() != Endianness.Little) {
            throw IpcMessage.malformed("a big-endian Arrow schema");
        }
        List<ArrowField> fields = new ArrayList<>(schema.fieldsLength());
        for (int i = 0; i < schema.fieldsLength(); i++) {
            fields.add(field(schema.fields(i)));
        }
        return fields;
    }

    private static ArrowField field(Field f) throws SQLException {
        String name = f.name() == null ? "" : f.name();
        if (f.childrenLength() > 0 || f.dictionary() != null) {
            throw IpcMessage.malformed("field '" + name + "' is nested or dictionary-encoded, which the protocol never sends");
        }
        String sqlType = null;
        Integer jdbcType = null;
        for (int i = 0; i < f.customMetadataLength(); i++) {
            KeyValue kv = f.customMetadata(i);
            if (WireFormat.FIELD_SQL_TYPE.equals(kv.key())) {
                sqlType = kv.value();
            } else if (WireFormat.FIELD_JDBC_TYPE.equals(kv.key())) {
                try {
                    jdbcType = Integer.valueOf(kv.value().strip());
                } catch (NumberFormatException e) {
                    throw IpcMessage.malformed("field '" + name + "' has the JDBC type '" + kv.value() + "'");
                }
            }
        }
        return switch (f.typeType()) {
            case Type.Null -> layout(name, f, Kind.NULL, 0, Types.VARCHAR, sqlType, jdbcType, 0, 0);
            case Type.Bool -> layout(name, f, Kind.BOOL, 0, Types.BOOLEAN, sqlType, jdbcType, 1, 0);
            case Type.Int -> integer(name, f, sqlType, jdbcType);
            case Type.FloatingPoint -> floating(name, f, sqlType, jdbcType);
            case Type.Decimal -> {
                Decimal d = (Decimal) f.type(new Decimal());
                if (d.bitWidth() != 128) {
                    throw IpcMessage.malformed("field '" + name + "' is a " + d.bitWidth() + "-bit decimal; the protocol sends 128");
                }
                yield layout(name, f, Kind.DECIMAL, 16, Types.DECIMAL, sqlType, jdbcType, d.precision(), d.scale());
            }
            case Type.Utf8 -> layout(name, f, Kind.UTF8, 0, Types.VARCHAR, sqlType, jdbcType, Column.UNBOUNDED, 0);
            case Type.Binary -> layout(name, f, Kind.BINARY, 0, Types.VARBINARY, sqlType, jdbcType, Column.UNBOUNDED, 0);
            case Type.Date -> {
                org.apache.arrow.flatbuf.Date d = (org.apache.arrow.flatbuf.Date) f.type(new org.apache.arrow.flatbuf.Date());
                boolean days = d.unit() == DateUnit.DAY;
                yield new ArrowField(column(name, f, Types.DATE, sqlType, jdbcType, 10, 0), Kind.DATE, days ? 4 : 8,
                        days ? 1 : 86_400_000L, 1);
            }
            case Type.Time -> {
                Time t = (Time) f.type(new Time());
                long[] unit = unit(t.unit());
                int width = t.bitWidth() / 8;
                if (width != 4 && width != 8) {
                    throw IpcMessage.malformed("field '" + name + "' is a " + t.bitWidth() + "-bit time");
                }
                yield new ArrowField(column(name, f, Types.TIME, sqlType, jdbcType, 12, 3), Kind.TIME, width, unit[0], unit[1]);
            }
            case Type.Timestamp -> {
                Timestamp t = (Timestamp) f.type(new Timestamp());
                long[] unit = unit(t.unit());
                yield new ArrowField(column(name, f, Types.TIMESTAMP, sqlType, jdbcType, 23, 3), Kind.TIMESTAMP, 8, unit[0], unit[1]);
            }
            default -> throw IpcMessage.malformed("field '" + name + "' has Arrow type " + Type.name(f.typeType())
                    + ", which the protocol's type mapping does not have");
        };
    }

    /** {divisor, multiplier} that turn a value of the unit into milliseconds. */
    private static long[] unit(short unit) {
        return switch (unit) {
            case TimeUnit.SECOND -> new long[] {1, 1000};
            case TimeUnit.MILLISECOND -> new long[] {1, 1};
            case TimeUnit.MICROSECOND -> new long[] {1000, 1};
            default -> new long[] {1_000_000, 1};
        };
    }

    private static ArrowField integer(String name, Field f, String sqlType, Integer jdbcType) throws SQLException {
        Int i = (Int) f.type(new Int());
        int width = i.bitWidth() / 8;
        if (!i.isSigned() || (width != 1 && width != 2 && width != 4 && width != 8)) {
            throw IpcMessage.malformed("field '" + name + "' is an " + (i.isSigned() ? "" : "unsigned ") + i.bitWidth() + "-bit integer");
        }
        int type = switch (width) {
            case 1 -> Types.TINYINT;
            case 2 -> Types.SMALLINT;
            case 4 -> Types.INTEGER;
            default -> Types.BIGINT;
        };
        return layout(name, f, Kind.INT, width, type, sqlType, jdbcType, JdbcTypes.defaultPrecision(type), 0);
    }

    private static ArrowField floating(String name, Field f, String sqlType, Integer jdbcType) throws SQLException {
        FloatingPoint fp = (FloatingPoint) f.type(new FloatingPoint());
        if (fp.precision() == Precision.HALF) {
            throw IpcMessage.malformed("field '" + name + "' is a half-precision float");
        }
        boolean single = fp.precision() == Precision.SINGLE;
        int type = single ? Types.REAL : Types.DOUBLE;
        return layout(name, f, Kind.FLOAT, single ? 4 : 8, type, sqlType, jdbcType, JdbcTypes.defaultPrecision(type), 0);
    }

    private static ArrowField layout(String name, Field f, Kind kind, int width, int arrowJdbcType, String sqlType,
                                     Integer jdbcType, int precision, int scale) {
        return new ArrowField(column(name, f, arrowJdbcType, sqlType, jdbcType, precision, scale), kind, width, 1, 1);
    }

    /**
     * The JDBC column of a field. The field metadata's type wins over the Arrow type (a JSON-text ARRAY is Utf8 in
     * Arrow), except that structured values other than arrays are reported as OTHER (their values are JSON text,
     * not {@code java.sql.Struct}s) and the NULL type as VARCHAR.
     */
    private static Column column(String name, Field f, int arrowJdbcType, String sqlType, Integer jdbcType, int precision, int scale) {
        int type = jdbcType == null ? arrowJdbcType : jdbcType;
        type = switch (type) {
            case Types.STRUCT, Types.JAVA_OBJECT -> Types.OTHER;
            case Types.NULL -> Types.VARCHAR;
            default -> type;
        };
        String typeName = jdbcType != null && jdbcType == Types.NULL ? "VARCHAR" : JdbcTypes.cleanTypeName(sqlType, type);
        int p = precision;
        int s = scale;
        if ((type == Types.DECIMAL || type == Types.NUMERIC) && p == Column.UNBOUNDED) {
            p = 0; // a DECIMAL too wide for Arrow travels as text: its precision is not known here
        }
        if (type == Types.FLOAT) {
            p = JdbcTypes.defaultPrecision(type);
        }
        return new Column(name, type, typeName, p, s, f.nullable());
    }
}
