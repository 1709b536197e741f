package io.troupe.jdbc.metadata;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.DriverInfo;
import io.troupe.jdbc.TroupeConnection;
import io.troupe.jdbc.errors.JdbcErrors;
import io.troupe.jdbc.result.TroupeResultSet;
import io.troupe.jdbc.values.Column;
import io.troupe.jdbc.values.JdbcTypes;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Catalog metadata for BI tools and SQL clients. Schemas, tables and columns come from SQL over the engine's
 * built-in {@code "metadata"} schema ({@code "metadata"."TABLES"}, {@code "metadata"."COLUMNS"}), which every
 * connection has: the project's tables ({@code TABLE}) and the two metadata tables ({@code SYSTEM TABLE}). There are
 * no catalogs, keys, indexes or procedures: those calls answer empty results with the columns JDBC defines. Type
 * names are cleaned of the engine's spelling ({@code MAP(VARCHAR, VARCHAR)}, {@code TIMESTAMP}).
 */
public final class TroupeDatabaseMetaData implements DatabaseMetaData {
    /** The table types that exist, in {@code getTableTypes} order. */
    static final List<String> TABLE_TYPES = List.of("SYSTEM TABLE", "TABLE", "VIEW");

    private final TroupeConnection connection;

    public TroupeDatabaseMetaData(TroupeConnection connection) {
        this.connection = connection;
    }

    // --- result helpers -----------------------------------------------------------------------------------------

    /** Columns from name/type pairs: {@code columns("TABLE_CAT", Types.VARCHAR, ...)}. */
    private static List<Column> columns(Object... nameTypePairs) {
        List<Column> columns = new ArrayList<>(nameTypePairs.length / 2);
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.add(Column.of((String) nameTypePairs[i], (Integer) nameTypePairs[i + 1]));
        }
        return columns;
    }

    private static ResultSet empty(Object... nameTypePairs) {
        return TroupeResultSet.of(columns(nameTypePairs), List.of());
    }

    /** Runs a catalog query and holds its rows (catalogs are small), as {@code getObject} values. */
    private List<Object[]> query(String sql, Object... parameters) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int c = 0; c < n; c++) {
                        row[c] = rs.getObject(c + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** True when the catalog argument admits our tables, which have no catalog ({@code null} or {@code ""}). */
    private static boolean noCatalog(String catalog) {
        return catalog == null || catalog.isEmpty();
    }

    // --- catalogs, schemas, tables, columns ---------------------------------------------------------------------

    @Override
    public ResultSet getCatalogs() {
        return empty("TABLE_CAT", Types.VARCHAR);
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        List<Column> columns = columns("TABLE_SCHEM", Types.VARCHAR, "TABLE_CATALOG", Types.VARCHAR);
        if (!noCatalog(catalog)) {
            return TroupeResultSet.of(columns, List.of());
        }
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : query("SELECT DISTINCT \"tableSchem\" FROM \"metadata\".\"TABLES\" WHERE \"tableSchem\" LIKE ? ESCAPE '\\' "
                + "ORDER BY \"tableSchem\"", Patterns.like(schemaPattern))) {
            rows.add(new Object[] {r[0], null});
        }
        return TroupeResultSet.of(columns, rows);
    }

    @Override
    public ResultSet getTableTypes() {
        List<Object[]> rows = new ArrayList<>();
        for (String t : TABLE_TYPES) {
            rows.add(new Object[] {t});
        }
        return TroupeResultSet.of(columns("TABLE_TYPE", Types.VARCHAR), rows);
    }

    /** Tables of the types asked for ({@code null}: all), ordered by type, schema and name. */
    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
        List<Column> columns = columns("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "TABLE_TYPE", Types.VARCHAR, "REMARKS", Types.VARCHAR, "TYPE_CAT", Types.VARCHAR, "TYPE_SCHEM", Types.VARCHAR,
                "TYPE_NAME", Types.VARCHAR, "SELF_REFERENCING_COL_NAME", Types.VARCHAR, "REF_GENERATION", Types.VARCHAR);
        if (!noCatalog(catalog)) {
            return TroupeResultSet.of(columns, List.of());
        }
        List<String> wanted = types == null ? null : java.util.Arrays.stream(types)
                .map(t -> t == null ? "" : t.strip().toUpperCase(Locale.ROOT)).toList();
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : query("SELECT \"tableSchem\", \"tableName\", \"tableType\", \"remarks\" FROM \"metadata\".\"TABLES\" "
                + "WHERE \"tableSchem\" LIKE ? ESCAPE '\\' AND \"tableName\" LIKE ? ESCAPE '\\'",
                Patterns.like(schemaPattern), Patterns.like(tableNamePattern))) {
            String type = (String) r[2];
            if (wanted == null || wanted.contains(type)) {
                rows.add(new Object[] {null, r[0], r[1], type, r[3], null, null, null, null, null});
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[1]).thenComparing(r -> (String) r[2]));
        return TroupeResultSet.of(columns, rows);
    }

    /**
     * Columns of the matching tables, ordered by schema, table and position: JDBC type numbers and clean type names,
     * sizes as JDBC defines them (digits of numbers, characters of a time's text, unbounded text), nullability.
     */
    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        List<Column> columns = columns("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "COLUMN_NAME", Types.VARCHAR, "DATA_TYPE", Types.INTEGER, "TYPE_NAME", Types.VARCHAR, "COLUMN_SIZE", Types.INTEGER,
                "BUFFER_LENGTH", Types.INTEGER, "DECIMAL_DIGITS", Types.INTEGER, "NUM_PREC_RADIX", Types.INTEGER,
                "NULLABLE", Types.INTEGER, "REMARKS", Types.VARCHAR, "COLUMN_DEF", Types.VARCHAR, "SQL_DATA_TYPE", Types.INTEGER,
                "SQL_DATETIME_SUB", Types.INTEGER, "CHAR_OCTET_LENGTH", Types.INTEGER, "ORDINAL_POSITION", Types.INTEGER,
                "IS_NULLABLE", Types.VARCHAR, "SCOPE_CATALOG", Types.VARCHAR, "SCOPE_SCHEMA", Types.VARCHAR,
                "SCOPE_TABLE", Types.VARCHAR, "SOURCE_DATA_TYPE", Types.SMALLINT, "IS_AUTOINCREMENT", Types.VARCHAR,
                "IS_GENERATEDCOLUMN", Types.VARCHAR);
        if (!noCatalog(catalog)) {
            return TroupeResultSet.of(columns, List.of());
        }
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : query("SELECT \"tableSchem\", \"tableName\", \"columnName\", \"dataType\", \"typeName\", \"columnSize\", "
                + "\"decimalDigits\", \"nullable\", \"remarks\", \"columnDef\", \"ordinalPosition\" FROM \"metadata\".\"COLUMNS\" "
                + "WHERE \"tableSchem\" LIKE ? ESCAPE '\\' AND \"tableName\" LIKE ? ESCAPE '\\' AND \"columnName\" LIKE ? ESCAPE '\\' "
                + "ORDER BY \"tableSchem\", \"tableName\", \"ordinalPosition\"",
                Patterns.like(schemaPattern), Patterns.like(tableNamePattern), Patterns.like(columnNamePattern))) {
            int type = ((Number) r[3]).intValue();
            if (type == Types.STRUCT || type == Types.JAVA_OBJECT) {
                type = Types.OTHER;
            }
            String typeName = JdbcTypes.cleanTypeName((String) r[4], type);
            Integer engineSize = r[5] == null ? null : ((Number) r[5]).intValue();
            Integer engineDigits = r[6] == null ? null : ((Number) r[6]).intValue();
            Integer size = columnSize(type, engineSize);
            Integer digits = decimalDigits(type, engineSize, engineDigits);
            int nullable = ((Number) r[7]).intValue();
            boolean text = JdbcTypes.isText(type);
            rows.add(new Object[] {null, r[0], r[1], r[2], type, typeName, size, null, digits,
                    JdbcTypes.isNumeric(type) ? 10 : null, nullable, r[8], r[9], null, null,
                    text ? Column.UNBOUNDED : null, r[10],
                    nullable == columnNoNulls ? "NO" : nullable == columnNullable ? "YES" : "",
                    null, null, null, null, "NO", "NO"});
        }
        return TroupeResultSet.of(columns, rows);
    }

    /** COLUMN_SIZE as JDBC defines it: digits of a number, characters of a time's text, characters of text. */
    private static Integer columnSize(int type, Integer engineSize) {
        return switch (type) {
            case Types.DECIMAL, Types.NUMERIC -> engineSize != null && engineSize > 0 ? engineSize : 38;
            case Types.CHAR, Types.VARCHAR, Types.BINARY, Types.VARBINARY ->
                    engineSize != null && engineSize > 0 ? engineSize : Column.UNBOUNDED;
            case Types.TIMESTAMP -> engineSize != null && engineSize == 0 ? 19 : 23;
            case Types.OTHER, Types.ARRAY -> null;
            default -> JdbcTypes.defaultPrecision(type);
        };
    }

    private static Integer decimalDigits(int type, Integer engineSize, Integer engineDigits) {
        return switch (type) {
            case Types.DECIMAL, Types.NUMERIC -> engineDigits == null ? 0 : engineDigits;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> 0;
            case Types.TIMESTAMP, Types.TIME -> engineSize != null && engineSize >= 0 && engineSize <= 9 ? engineSize : 3;
            default -> null;
        };
    }

    // --- keys, indexes, privileges: none exist ------------------------------------------------------------------

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) {
        return empty("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "COLUMN_NAME", Types.VARCHAR, "KEY_SEQ", Types.SMALLINT, "PK_NAME", Types.VARCHAR);
    }

    private static ResultSet noKeys() {
        return empty("PKTABLE_CAT", Types.VARCHAR, "PKTABLE_SCHEM", Types.VARCHAR, "PKTABLE_NAME", Types.VARCHAR,
                "PKCOLUMN_NAME", Types.VARCHAR, "FKTABLE_CAT", Types.VARCHAR, "FKTABLE_SCHEM", Types.VARCHAR,
                "FKTABLE_NAME", Types.VARCHAR, "FKCOLUMN_NAME", Types.VARCHAR, "KEY_SEQ", Types.SMALLINT,
                "UPDATE_RULE", Types.SMALLINT, "DELETE_RULE", Types.SMALLINT, "FK_NAME", Types.VARCHAR, "PK_NAME", Types.VARCHAR,
                "DEFERRABILITY", Types.SMALLINT);
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) {
        return noKeys();
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) {
        return noKeys();
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog,
                                       String foreignSchema, String foreignTable) {
        return noKeys();
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) {
        return empty("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "NON_UNIQUE", Types.BOOLEAN, "INDEX_QUALIFIER", Types.VARCHAR, "INDEX_NAME", Types.VARCHAR, "TYPE", Types.SMALLINT,
                "ORDINAL_POSITION", Types.SMALLINT, "COLUMN_NAME", Types.VARCHAR, "ASC_OR_DESC", Types.VARCHAR,
                "CARDINALITY", Types.BIGINT, "PAGES", Types.BIGINT, "FILTER_CONDITION", Types.VARCHAR);
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) {
        return empty("SCOPE", Types.SMALLINT, "COLUMN_NAME", Types.VARCHAR, "DATA_TYPE", Types.INTEGER, "TYPE_NAME", Types.VARCHAR,
                "COLUMN_SIZE", Types.INTEGER, "BUFFER_LENGTH", Types.INTEGER, "DECIMAL_DIGITS", Types.SMALLINT,
                "PSEUDO_COLUMN", Types.SMALLINT);
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) {
        return empty("SCOPE", Types.SMALLINT, "COLUMN_NAME", Types.VARCHAR, "DATA_TYPE", Types.INTEGER, "TYPE_NAME", Types.VARCHAR,
                "COLUMN_SIZE", Types.INTEGER, "BUFFER_LENGTH", Types.INTEGER, "DECIMAL_DIGITS", Types.SMALLINT,
                "PSEUDO_COLUMN", Types.SMALLINT);
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) {
        return empty("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "COLUMN_NAME", Types.VARCHAR, "GRANTOR", Types.VARCHAR, "GRANTEE", Types.VARCHAR, "PRIVILEGE", Types.VARCHAR,
                "IS_GRANTABLE", Types.VARCHAR);
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) {
        return empty("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "GRANTOR", Types.VARCHAR, "GRANTEE", Types.VARCHAR, "PRIVILEGE", Types.VARCHAR, "IS_GRANTABLE", Types.VARCHAR);
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) {
        return empty("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "COLUMN_NAME", Types.VARCHAR, "DATA_TYPE", Types.INTEGER, "COLUMN_SIZE", Types.INTEGER,
                "DECIMAL_DIGITS", Types.INTEGER, "NUM_PREC_RADIX", Types.INTEGER, "COLUMN_USAGE", Types.VARCHAR,
                "REMARKS", Types.VARCHAR, "CHAR_OCTET_LENGTH", Types.INTEGER, "IS_NULLABLE", Types.VARCHAR);
    }

    // --- types, functions, procedures ---------------------------------------------------------------------------

    @Override
    public ResultSet getTypeInfo() {
        return TroupeResultSet.of(columns("TYPE_NAME", Types.VARCHAR, "DATA_TYPE", Types.INTEGER, "PRECISION", Types.INTEGER,
                "LITERAL_PREFIX", Types.VARCHAR, "LITERAL_SUFFIX", Types.VARCHAR, "CREATE_PARAMS", Types.VARCHAR,
                "NULLABLE", Types.SMALLINT, "CASE_SENSITIVE", Types.BOOLEAN, "SEARCHABLE", Types.SMALLINT,
                "UNSIGNED_ATTRIBUTE", Types.BOOLEAN, "FIXED_PREC_SCALE", Types.BOOLEAN, "AUTO_INCREMENT", Types.BOOLEAN,
                "LOCAL_TYPE_NAME", Types.VARCHAR, "MINIMUM_SCALE", Types.SMALLINT, "MAXIMUM_SCALE", Types.SMALLINT,
                "SQL_DATA_TYPE", Types.INTEGER, "SQL_DATETIME_SUB", Types.INTEGER, "NUM_PREC_RADIX", Types.INTEGER),
                TypeCatalog.rows());
    }

    /** The dialect's functions (FUNNEL, RETENTION, UNIQUES, MICROSCOPE, GROUP_PROPERTY, ...) and the standard ones. */
    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) {
        List<Column> columns = columns("FUNCTION_CAT", Types.VARCHAR, "FUNCTION_SCHEM", Types.VARCHAR,
                "FUNCTION_NAME", Types.VARCHAR, "REMARKS", Types.VARCHAR, "FUNCTION_TYPE", Types.SMALLINT,
                "SPECIFIC_NAME", Types.VARCHAR);
        List<Object[]> rows = new ArrayList<>();
        if (noCatalog(catalog) && (schemaPattern == null || schemaPattern.equals("%") || schemaPattern.isEmpty())) {
            for (CatalogFunctions.Function f : CatalogFunctions.ALL) {
                if (Patterns.matches(functionNamePattern == null ? null : functionNamePattern.toUpperCase(Locale.ROOT), f.name())) {
                    rows.add(new Object[] {null, null, f.name(), f.remarks(), f.type(), f.name()});
                }
            }
        }
        rows.sort(Comparator.comparing(r -> (String) r[2]));
        return TroupeResultSet.of(columns, rows);
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) {
        return empty("FUNCTION_CAT", Types.VARCHAR, "FUNCTION_SCHEM", Types.VARCHAR, "FUNCTION_NAME", Types.VARCHAR,
                "COLUMN_NAME", Types.VARCHAR, "COLUMN_TYPE", Types.SMALLINT, "DATA_TYPE", Types.INTEGER, "TYPE_NAME", Types.VARCHAR,
                "PRECISION", Types.INTEGER, "LENGTH", Types.INTEGER, "SCALE", Types.SMALLINT, "RADIX", Types.SMALLINT,
                "NULLABLE", Types.SMALLINT, "REMARKS", Types.VARCHAR, "CHAR_OCTET_LENGTH", Types.INTEGER,
                "ORDINAL_POSITION", Types.INTEGER, "IS_NULLABLE", Types.VARCHAR, "SPECIFIC_NAME", Types.VARCHAR);
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) {
        return empty("PROCEDURE_CAT", Types.VARCHAR, "PROCEDURE_SCHEM", Types.VARCHAR, "PROCEDURE_NAME", Types.VARCHAR,
                "RESERVED1", Types.VARCHAR, "RESERVED2", Types.VARCHAR, "RESERVED3", Types.VARCHAR, "REMARKS", Types.VARCHAR,
                "PROCEDURE_TYPE", Types.SMALLINT, "SPECIFIC_NAME", Types.VARCHAR);
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) {
        return empty("PROCEDURE_CAT", Types.VARCHAR, "PROCEDURE_SCHEM", Types.VARCHAR, "PROCEDURE_NAME", Types.VARCHAR,
                "COLUMN_NAME", Types.VARCHAR, "COLUMN_TYPE", Types.SMALLINT, "DATA_TYPE", Types.INTEGER, "TYPE_NAME", Types.VARCHAR,
                "PRECISION", Types.INTEGER, "LENGTH", Types.INTEGER, "SCALE", Types.SMALLINT, "RADIX", Types.SMALLINT,
                "NULLABLE", Types.SMALLINT, "REMARKS", Types.VARCHAR, "COLUMN_DEF", Types.VARCHAR, "SQL_DATA_TYPE", Types.INTEGER,
                "SQL_DATETIME_SUB", Types.INTEGER, "CHAR_OCTET_LENGTH", Types.INTEGER, "ORDINAL_POSITION", Types.INTEGER,
                "IS_NULLABLE", Types.VARCHAR, "SPECIFIC_NAME", Types.VARCHAR);
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) {
        return empty("TYPE_CAT", Types.VARCHAR, "TYPE_SCHEM", Types.VARCHAR, "TYPE_NAME", Types.VARCHAR, "CLASS_NAME", Types.VARCHAR,
                "DATA_TYPE", Types.INTEGER, "REMARKS", Types.VARCHAR, "BASE_TYPE", Types.SMALLINT);
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) {
        return empty("TYPE_CAT", Types.VARCHAR, "TYPE_SCHEM", Types.VARCHAR, "TYPE_NAME", Types.VARCHAR,
                "SUPERTYPE_CAT", Types.VARCHAR, "SUPERTYPE_SCHEM", Types.VARCHAR, "SUPERTYPE_NAME", Types.VARCHAR);
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) {
        return empty("TABLE_CAT", Types.VARCHAR, "TABLE_SCHEM", Types.VARCHAR, "TABLE_NAME", Types.VARCHAR,
                "SUPERTABLE_NAME", Types.VARCHAR);
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) {
        return empty("TYPE_CAT", Types.VARCHAR, "TYPE_SCHEM", Types.VARCHAR, "TYPE_NAME", Types.VARCHAR, "ATTR_NAME", Types.VARCHAR,
                "DATA_TYPE", Types.INTEGER, "ATTR_TYPE_NAME", Types.VARCHAR, "ATTR_SIZE", Types.INTEGER,
                "DECIMAL_DIGITS", Types.INTEGER, "NUM_PREC_RADIX", Types.INTEGER, "NULLABLE", Types.INTEGER,
                "REMARKS", Types.VARCHAR, "ATTR_DEF", Types.VARCHAR, "SQL_DATA_TYPE", Types.INTEGER,
                "SQL_DATETIME_SUB", Types.INTEGER, "CHAR_OCTET_LENGTH", Types.INTEGER, "ORDINAL_POSITION", Types.INTEGER,
                "IS_NULLABLE", Types.VARCHAR, "SCOPE_CATALOG", Types.VARCHAR, "SCOPE_SCHEMA", Types.VARCHAR,
                "SCOPE_TABLE", Types.VARCHAR, "SOURCE_DATA_TYPE", Types.SMALLINT);
    }

    @Override
    public ResultSet getClientInfoProperties() {
        return empty("NAME", Types.VARCHAR, "MAX_LEN", Types.INTEGER, "DEFAULT_VALUE", Types.VARCHAR, "DESCRIPTION", Types.VARCHAR);
    }

    // --- the product --------------------------------------------------------------------------------------------

    @Override
    public String getDatabaseProductName() {
        return "Troupe";
    }

    @Override
    public String getDatabaseProductVersion() {
        return connection.serverVersion();
    }

    private int serverVersionPart(int index) {
        String[] parts = connection.serverVersion().split("[.-]");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public int getDatabaseMajorVersion() {
        return serverVersionPart(0);
    }

    @Override
    public int getDatabaseMinorVersion() {
        return serverVersionPart(1);
    }

    @Override
    public String getDriverName() {
        return DriverInfo.NAME;
    }

    @Override
    public String getDriverVersion() {
        return DriverInfo.VERSION;
    }

    @Override
    public int getDriverMajorVersion() {
        return DriverInfo.MAJOR;
    }

    @Override
    public int getDriverMinorVersion() {
        return DriverInfo.MINOR;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    @Override
    public String getURL() {
        return connection.settings().url();
    }

    @Override
    public String getUserName() {
        return connection.user();
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    // --- the dialect --------------------------------------------------------------------------------------------

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    @Override
    public String getSQLKeywords() {
        return CatalogFunctions.KEYWORDS;
    }

    @Override
    public String getNumericFunctions() {
        return CatalogFunctions.NUMERIC;
    }

    @Override
    public String getStringFunctions() {
        return CatalogFunctions.STRING;
    }

    @Override
    public String getSystemFunctions() {
        return CatalogFunctions.SYSTEM;
    }

    @Override
    public String getTimeDateFunctions() {
        return CatalogFunctions.TIME_DATE;
    }

    @Override
    public String getSearchStringEscape() {
        return Patterns.ESCAPE;
    }

    @Override
    public String getExtraNameCharacters() {
        return "";
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public String getCatalogTerm() {
        return "catalog";
    }

    @Override
    public boolean isCatalogAtStart() {
        return true;
    }

    @Override
    public String getCatalogSeparator() {
        return ".";
    }

    /** Unquoted names are case-insensitive and keep their case, as do quoted ones (docs/sql.md). */
    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    /** NULLs sort last ascending and first descending, as PostgreSQL: they sort high. */
    @Override
    public boolean nullsAreSortedHigh() {
        return true;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return false;
    }

    @Override
    public boolean usesLocalFiles() {
        return false;
    }

    @Override
    public boolean usesLocalFilePerTable() {
        return false;
    }

    @Override
    public boolean allProceduresAreCallable() {
        return false;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    // --- what the SQL supports ----------------------------------------------------------------------------------

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        return false;
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() {
        return false;
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    @Override
    public boolean supportsConvert() {
        return false;
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) {
        return false;
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        return true;
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() {
        return false;
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        return true;
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupByBeyondSelect() {
        return true;
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        return true;
    }

    @Override
    public boolean supportsMultipleResultSets() {
        return false;
    }

    @Override
    public boolean supportsMultipleTransactions() {
        return true;
    }

    @Override
    public boolean supportsNonNullableColumns() {
        return true;
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsCoreSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsExtendedSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        return true;
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() {
        return false;
    }

    @Override
    public boolean supportsANSI92FullSQL() {
        return false;
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() {
        return false;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsFullOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsPositionedDelete() {
        return false;
    }

    @Override
    public boolean supportsPositionedUpdate() {
        return false;
    }

    @Override
    public boolean supportsSelectForUpdate() {
        return false;
    }

    @Override
    public boolean supportsStoredProcedures() {
        return false;
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return true;
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        return true;
    }

    @Override
    public int getMaxBinaryLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxCharLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxColumnNameLength() {
        return 0;
    }

    @Override
    public int getMaxColumnsInGroupBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInIndex() {
        return 0;
    }

    @Override
    public int getMaxColumnsInOrderBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInSelect() {
        return 0;
    }

    @Override
    public int getMaxColumnsInTable() {
        return 0;
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() {
        return 0;
    }

    @Override
    public int getMaxIndexLength() {
        return 0;
    }

    @Override
    public int getMaxSchemaNameLength() {
        return 64;
    }

    @Override
    public int getMaxProcedureNameLength() {
        return 0;
    }

    @Override
    public int getMaxCatalogNameLength() {
        return 0;
    }

    @Override
    public int getMaxRowSize() {
        return 0;
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() {
        return false;
    }

    @Override
    public int getMaxStatementLength() {
        return 0;
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() {
        return 0;
    }

    @Override
    public int getMaxTablesInSelect() {
        return 0;
    }

    @Override
    public int getMaxUserNameLength() {
        return 0;
    }

    // --- transactions: none -------------------------------------------------------------------------------------

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_NONE;
    }

    @Override
    public boolean supportsTransactions() {
        return false;
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_NONE;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return false;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return false;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    // --- result sets and statements -----------------------------------------------------------------------------

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int type) {
        return false;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsSavepoints() {
        return false;
    }

    @Override
    public boolean supportsNamedParameters() {
        return false;
    }

    @Override
    public boolean supportsMultipleOpenResults() {
        return false;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return false;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    @Override
    public boolean locatorsUpdateCopy() {
        return false;
    }

    @Override
    public boolean supportsStatementPooling() {
        return false;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        return false;
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() {
        return false;
    }

    @Override
    public boolean generatedKeyAlwaysReturned() {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return JdbcErrors.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
