package io.troupe.jdbc.values;

import java.sql.Types;
import java.util.Locale;

/**
 * Facts about {@code java.sql.Types} numbers the driver reports: names, the Java class {@code getObject} returns,
 * display sizes, and clean SQL type names out of the engine's (Calcite's) spellings.
 */
public final class JdbcTypes {
    private JdbcTypes() {
    }

    /** The standard name of a type number ({@code VARCHAR} for 12). */
    public static String name(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIT -> "BIT";
            case Types.BOOLEAN -> "BOOLEAN";
            case Types.TINYINT -> "TINYINT";
            case Types.SMALLINT -> "SMALLINT";
            case Types.INTEGER -> "INTEGER";
            case Types.BIGINT -> "BIGINT";
            case Types.REAL -> "REAL";
            case Types.FLOAT -> "FLOAT";
            case Types.DOUBLE -> "DOUBLE";
            case Types.DECIMAL -> "DECIMAL";
            case Types.NUMERIC -> "NUMERIC";
            case Types.CHAR -> "CHAR";
            case Types.VARCHAR -> "VARCHAR";
            case Types.LONGVARCHAR -> "LONGVARCHAR";
            case Types.DATE -> "DATE";
            case Types.TIME -> "TIME";
            case Types.TIMESTAMP -> "TIMESTAMP";
            case Types.BINARY -> "BINARY";
            case Types.VARBINARY -> "VARBINARY";
            case Types.ARRAY -> "ARRAY";
            case Types.STRUCT -> "STRUCT";
            case Types.JAVA_OBJECT -> "JAVA_OBJECT";
            case Types.NULL -> "NULL";
            case Types.OTHER -> "OTHER";
            default -> "OTHER";
        };
    }

    /** The class {@code ResultSet.getObject} returns for a column of this type (JDBC 4.2, table B-3). */
    public static String className(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIT, Types.BOOLEAN -> Boolean.class.getName();
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> Integer.class.getName();
            case Types.BIGINT -> Long.class.getName();
            case Types.REAL -> Float.class.getName();
            case Types.FLOAT, Types.DOUBLE -> Double.class.getName();
            case Types.DECIMAL, Types.NUMERIC -> java.math.BigDecimal.class.getName();
            case Types.DATE -> java.sql.Date.class.getName();
            case Types.TIME -> java.sql.Time.class.getName();
            case Types.TIMESTAMP -> java.sql.Timestamp.class.getName();
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> byte[].class.getName();
            case Types.ARRAY -> java.sql.Array.class.getName();
            default -> String.class.getName(); // text, and maps and rows as JSON text
        };
    }

    /** Precision of a type whose values have a fixed size (digits, or characters of the text form); 0 if none. */
    public static int defaultPrecision(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIT, Types.BOOLEAN -> 1;
            case Types.TINYINT -> 3;
            case Types.SMALLINT -> 5;
            case Types.INTEGER -> 10;
            case Types.BIGINT -> 19;
            case Types.REAL -> 7;
            case Types.FLOAT, Types.DOUBLE -> 15;
            case Types.DECIMAL, Types.NUMERIC -> 38;
            case Types.DATE -> 10;
            case Types.TIME -> 12; // HH:mm:ss.SSS
            case Types.TIMESTAMP -> 23; // yyyy-MM-dd HH:mm:ss.SSS
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY,
                 Types.ARRAY, Types.OTHER, Types.STRUCT, Types.JAVA_OBJECT -> Column.UNBOUNDED;
            default -> 0;
        };
    }

    /** Characters the text form of a value of this type needs at most. */
    public static int displaySize(int jdbcType, int precision, int scale) {
        return switch (jdbcType) {
            case Types.BIT, Types.BOOLEAN -> 5; // false
            case Types.TINYINT -> 4;
            case Types.SMALLINT -> 6;
            case Types.INTEGER -> 11;
            case Types.BIGINT -> 20;
            case Types.REAL -> 15;
            case Types.FLOAT, Types.DOUBLE -> 24;
            case Types.DECIMAL, Types.NUMERIC -> precision + (scale > 0 ? 2 : 1); // sign and point
            default -> precision > 0 ? precision : Column.UNBOUNDED;
        };
    }

    /** True for the number types. */
    public static boolean isNumeric(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
                 Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }

    /** True for the text types. */
    public static boolean isText(int jdbcType) {
        return switch (jdbcType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> true;
            default -> false;
        };
    }

    /**
     * A type name as a client expects it, from the engine's spelling: no {@code NOT NULL}, no precision
     * ({@code TIMESTAMP(3)} is {@code TIMESTAMP}; precision and scale are reported on their own), maps written
     * {@code MAP(VARCHAR, VARCHAR)} (the engine says {@code (VARCHAR NOT NULL, VARCHAR) MAP}), and the engine's
     * Java types ({@code JavaType(class java.lang.String)}) by the name of their JDBC type.
     */
    public static String cleanTypeName(String engineName, int jdbcType) {
        if (engineName == null || engineName.isBlank() || engineName.startsWith("JavaType(")) {
            return name(jdbcType);
        }
        String s = engineName.replace(" NOT NULL", "").strip();
        if (s.startsWith("(") && s.endsWith(") MAP")) {
            return "MAP(" + cleanTypeName(s.substring(1, s.length() - ") MAP".length()), jdbcType) + ")";
        }
        if (s.startsWith("RecordType(")) {
            return "ROW";
        }
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) { // drop "(3)" and "(10, 2)" after a base type, keep "MAP(...)" handled above
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        String cleaned = out.toString().replaceAll("\\s+", " ").strip();
        return cleaned.isEmpty() ? name(jdbcType) : cleaned.toUpperCase(Locale.ROOT);
    }

    /** The type number of a SQL type name ({@code 12} for {@code VARCHAR}, {@code VARCHAR(20)}); OTHER if unknown. */
    public static int typeOf(String sqlTypeName) {
        String s = sqlTypeName.strip().toUpperCase(Locale.ROOT);
        int paren = s.indexOf('(');
        String base = paren > 0 && !s.startsWith("MAP") ? s.substring(0, paren).strip() : s;
        if (base.endsWith(" ARRAY")) {
            return Types.ARRAY;
        }
        return switch (base) {
            case "BOOLEAN" -> Types.BOOLEAN;
            case "TINYINT" -> Types.TINYINT;
            case "SMALLINT" -> Types.SMALLINT;
            case "INTEGER", "INT" -> Types.INTEGER;
            case "BIGINT" -> Types.BIGINT;
            case "REAL" -> Types.REAL;
            case "FLOAT" -> Types.FLOAT;
            case "DOUBLE" -> Types.DOUBLE;
            case "DECIMAL", "NUMERIC" -> Types.DECIMAL;
            case "CHAR", "CHARACTER" -> Types.CHAR;
            case "VARCHAR", "CHARACTER VARYING" -> Types.VARCHAR;
            case "DATE" -> Types.DATE;
            case "TIME" -> Types.TIME;
            case "TIMESTAMP" -> Types.TIMESTAMP;
            case "BINARY" -> Types.BINARY;
            case "VARBINARY" -> Types.VARBINARY;
            default -> Types.OTHER;
        };
    }
}
