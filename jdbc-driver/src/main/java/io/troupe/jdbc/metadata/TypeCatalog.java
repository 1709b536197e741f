package io.troupe.jdbc.metadata;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The rows of {@code getTypeInfo}: the SQL types results and columns have, in {@code DATA_TYPE} order. */
final class TypeCatalog {
    private TypeCatalog() {
    }

    static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        // name, type, precision, prefix, suffix, create params, case sensitive, searchable, unsigned, fixed, min/max scale, radix
        add(rows, "ARRAY", Types.ARRAY, 0, null, null, null, false, DatabaseMetaData.typePredNone, null, 0, 0, null);
        add(rows, "TINYINT", Types.TINYINT, 3, null, null, null, false, DatabaseMetaData.typeSearchable, false, 0, 0, 10);
        add(rows, "BIGINT", Types.BIGINT, 19, null, null, null, false, DatabaseMetaData.typeSearchable, false, 0, 0, 10);
        add(rows, "VARBINARY", Types.VARBINARY, Integer.MAX_VALUE, "X'", "'", null, false, DatabaseMetaData.typeSearchable, null, 0, 0, null);
        add(rows, "BINARY", Types.BINARY, Integer.MAX_VALUE, "X'", "'", "length", false, DatabaseMetaData.typeSearchable, null, 0, 0, null);
        add(rows, "CHAR", Types.CHAR, Integer.MAX_VALUE, "'", "'", "length", true, DatabaseMetaData.typeSearchable, null, 0, 0, null);
        add(rows, "DECIMAL", Types.DECIMAL, 38, null, null, "precision,scale", false, DatabaseMetaData.typeSearchable, false, 0, 38, 10);
        add(rows, "INTEGER", Types.INTEGER, 10, null, null, null, false, DatabaseMetaData.typeSearchable, false, 0, 0, 10);
        add(rows, "SMALLINT", Types.SMALLINT, 5, null, null, null, false, DatabaseMetaData.typeSearchable, false, 0, 0, 10);
        add(rows, "FLOAT", Types.FLOAT, 15, null, null, null, false, DatabaseMetaData.typeSearchable, false, 0, 0, 2);
        add(rows, "REAL", Types.REAL, 7, null, null, null, false, DatabaseMetaData.typeSearchable, false, 0, 0, 2);
        add(rows, "DOUBLE", Types.DOUBLE, 15, null, null, null, false, DatabaseMetaData.typeSearchable, false, 0, 0, 2);
        add(rows, "VARCHAR", Types.VARCHAR, Integer.MAX_VALUE, "'", "'", "length", true, DatabaseMetaData.typeSearchable, null, 0, 0, null);
        add(rows, "BOOLEAN", Types.BOOLEAN, 1, null, null, null, false, DatabaseMetaData.typePredBasic, null, 0, 0, null);
        add(rows, "DATE", Types.DATE, 10, "DATE '", "'", null, false, DatabaseMetaData.typeSearchable, null, 0, 0, null);
        add(rows, "TIME", Types.TIME, 12, "TIME '", "'", null, false, DatabaseMetaData.typeSearchable, null, 0, 3, null);
        add(rows, "TIMESTAMP", Types.TIMESTAMP, 23, "TIMESTAMP '", "'", null, false, DatabaseMetaData.typeSearchable, null, 0, 3, null);
        add(rows, "MAP", Types.OTHER, 0, null, null, null, false, DatabaseMetaData.typePredNone, null, 0, 0, null);
        rows.sort((a, b) -> Integer.compare((Integer) a[1], (Integer) b[1]));
        return rows;
    }

    private static void add(List<Object[]> rows, String name, int type, int precision, String prefix, String suffix,
                            String createParams, boolean caseSensitive, int searchable, Boolean unsigned, int minScale,
                            int maxScale, Integer radix) {
        rows.add(new Object[] {name, type, precision, prefix, suffix, createParams, (short) DatabaseMetaData.typeNullable,
                caseSensitive, (short) searchable, unsigned == null ? Boolean.FALSE : unsigned, false, false, name,
                (short) minScale, (short) maxScale, null, null, radix});
    }
}
