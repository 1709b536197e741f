package io.troupe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DatabaseMetaData as BI tools use it: the call sequences Metabase, DBeaver and Tableau make when they connect,
 * replayed, with every answer checked. The sequences follow the tools' code and documentation: Metabase's
 * {@code sql-jdbc.sync} (describe-database, describe-table, the SELECT-privilege probe), DBeaver's generic
 * driver ({@code GenericDataSource} and {@code GenericMetaModel}: database info, table types, catalogs and schemas,
 * tables, columns, keys, indexes, type info, procedures and functions) and Tableau's JDBC metadata enumeration
 * (catalogs, schemas, tables, then a prepared {@code SELECT *} described without running it, keys).
 */
class MetadataTest extends ServerTest {
    /** Table names of project {@code default}: what every tool lists. */
    static final List<String> TABLES = List.of("cohort_members", "cohorts", "dynamic_group_properties", "events",
            "group_profiles", "group_property_history", "group_types", "users");
    /** The columns of events once org_id is a group type: name, JDBC type, type name, nullable. */
    static final List<String> EVENT_COLUMNS = List.of(
            "1 event_time 93 TIMESTAMP NO", "2 event_type 12 VARCHAR NO", "3 user_id 12 VARCHAR YES", "4 device_id 12 VARCHAR YES",
            "5 insert_id 12 VARCHAR YES", "6 org_id 12 VARCHAR YES", "7 event_groups 1111 MAP(VARCHAR, VARCHAR ARRAY) NO",
            "8 event_properties 1111 MAP(VARCHAR, VARCHAR) NO", "9 user_properties 1111 MAP(VARCHAR, VARCHAR) NO");

    @BeforeAll
    static void createSecondProject() {
        server.server.projects().create("shop");
    }

    /** A metadata result's column labels. */
    private static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            labels.add(md.getColumnLabel(i));
        }
        return labels;
    }

    /** One column of every row of a result (read by label, as the tools do). */
    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(label));
            }
        }
        return values;
    }

    /** "position name type typeName nullable" of each column getColumns gives. */
    private static List<String> columns(DatabaseMetaData md, String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, schema, table, null)) {
            while (rs.next()) {
                out.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " "
                        + rs.getString("TYPE_NAME") + " " + rs.getString("IS_NULLABLE"));
                assertEquals(table.replace("\\", ""), rs.getString("TABLE_NAME"));
                assertNull(rs.getString("TABLE_CAT"));
                int nullable = rs.getInt("NULLABLE");
                assertEquals(rs.getString("IS_NULLABLE").equals("YES") ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, nullable);
                assertEquals("NO", rs.getString("IS_AUTOINCREMENT"));
                assertNull(rs.getString("COLUMN_DEF"));
            }
        }
        return out;
    }

    private static void assertEmptyWithColumns(ResultSet rs, String... labels) throws SQLException {
        try (rs) {
            assertEquals(List.of(labels), labels(rs));
            assertFalse(rs.next());
        }
    }

    @Test
    void metabaseSync() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            // dbms-version
            assertEquals("Troupe", md.getDatabaseProductName());
            assertFalse(md.getDatabaseProductVersion().isBlank());
            assertTrue(((TroupeConnection) c).serverName().endsWith(md.getDatabaseProductVersion()), ((TroupeConnection) c).serverName());
            assertTrue(md.getDatabaseMajorVersion() >= 0);
            // describe-database: all schemas, then each schema's tables of the types Metabase syncs
            List<String> schemas = column(md.getSchemas(), "TABLE_SCHEM");
            assertEquals(List.of("default", "metadata"), schemas, "a connection sees its project and the metadata schema");
            String[] types = {"TABLE", "PARTITIONED TABLE", "VIEW", "FOREIGN TABLE", "MATERIALIZED VIEW", "EXTERNAL TABLE", "DYNAMIC_TABLE"};
            Map<String, List<String>> tables = new LinkedHashMap<>();
            for (String schema : schemas) {
                try (ResultSet rs = md.getTables(null, schema, "%", types)) {
                    List<String> names = new ArrayList<>();
                    while (rs.next()) {
                        names.add(rs.getString("TABLE_NAME"));
                        assertEquals(schema, rs.getString("TABLE_SCHEM"));
                        assertEquals("TABLE", rs.getString("TABLE_TYPE"));
                        assertNull(rs.getString("REMARKS"));
                    }
                    tables.put(schema, names);
                }
            }
            assertEquals(Map.of("default", TABLES, "metadata", List.of()), tables);
            // have-select-privilege?: the probe, prepared, with a 15 s timeout, run with execute()
            for (String schema : List.of("default")) {
                for (String table : tables.get(schema)) {
                    try (PreparedStatement probe = c.prepareStatement("SELECT TRUE AS \"_\" FROM \"" + schema + "\".\"" + table
                            + "\" WHERE 1 <> 1 LIMIT 0")) {
                        probe.setQueryTimeout(15);
                        assertTrue(probe.execute());
                        assertFalse(probe.getResultSet().next());
                    }
                }
            }
            // describe-table: columns (names escaped for metadata), primary keys, then foreign keys
            assertEquals(EVENT_COLUMNS, columns(md, "default", "events"));
            assertEquals(List.of("1 group_type 12 VARCHAR NO", "2 group_value 12 VARCHAR NO",
                    "3 properties 1111 MAP(VARCHAR, VARCHAR) NO", "4 first_seen 93 TIMESTAMP YES", "5 last_seen 93 TIMESTAMP YES",
                    "6 active_users_30d -5 BIGINT NO"),
                    columns(md, "default", "group\\_profiles"), "an escaped _ matches only itself");
            assertEquals(List.of(), column(md.getPrimaryKeys(null, "default", "events"), "COLUMN_NAME"));
            assertEquals(List.of(), column(md.getImportedKeys(null, "default", "events"), "PKTABLE_NAME"));
            // the fallback when a column has no type: SELECT * ... WHERE 1 <> 1 LIMIT 0 and its result metadata
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"default\".\"events\" WHERE 1 <> 1 LIMIT 0")) {
                ResultSetMetaData rmd = rs.getMetaData();
                assertEquals(9, rmd.getColumnCount());
                assertEquals("event_time", rmd.getColumnName(1));
                assertEquals("TIMESTAMP", rmd.getColumnTypeName(1));
                assertFalse(rmd.isAutoIncrement(1));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void theProbeOfTheIssueRunsOnAnUnquotedSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url().replace("/default", "/shop"), TestServer.USER, TestServer.PASSWORD);
             Statement s = c.createStatement()) {
            assertEquals(List.of("metadata", "shop"), column(c.getMetaData().getSchemas(), "TABLE_SCHEM"));
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT TRUE FROM shop." + table + " WHERE 1 <> 1 LIMIT 0")) {
                    assertEquals(1, rs.getMetaData().getColumnCount());
                    assertEquals(Types.BOOLEAN, rs.getMetaData().getColumnType(1));
                    assertFalse(rs.next());
                }
            }
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            // "default" is a reserved word: quoted, as tools write it
            try (ResultSet rs = s.executeQuery("SELECT TRUE FROM \"default\".events WHERE 1 <> 1 LIMIT 0")) {
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void dbeaverGenericConnect() throws SQLException {
        try (Connection c = server.connect()) {
            // GenericDataSource: connection state and database info
            assertTrue(c.getAutoCommit());
            c.setAutoCommit(true);
            assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
            assertFalse(c.isReadOnly());
            assertNull(c.getCatalog());
            assertEquals("default", c.getSchema());
            DatabaseMetaData md = c.getMetaData();
            assertEquals("Troupe JDBC driver", md.getDriverName());
            assertEquals(DriverInfo.VERSION, md.getDriverVersion());
            assertEquals(4, md.getJDBCMajorVersion());
            assertEquals("\"", md.getIdentifierQuoteString());
            assertTrue(md.getSQLKeywords().contains("FUNNEL"));
            assertTrue(md.getSQLKeywords().contains("MICROSCOPE"));
            assertTrue(md.getNumericFunctions().contains("ABS"));
            assertTrue(md.getStringFunctions().contains("SUBSTRING"));
            assertTrue(md.getTimeDateFunctions().contains("TIMESTAMPADD"));
            assertEquals("\\", md.getSearchStringEscape());
            assertEquals(".", md.getCatalogSeparator());
            assertEquals("schema", md.getSchemaTerm());
            assertFalse(md.supportsCatalogsInDataManipulation());
            assertTrue(md.supportsSchemasInDataManipulation());
            assertFalse(md.supportsTransactions());
            assertTrue(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
            assertFalse(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
            assertTrue(md.storesMixedCaseIdentifiers());
            assertTrue(md.nullsAreSortedHigh());
            assertEquals("jdbc:troupe://" + server.address().getHostString() + ":" + server.address().getPort() + "/default", md.getURL());
            // GenericMetaModel: table types, catalogs (none), schemas, tables of every type, columns, keys, indexes
            assertEquals(List.of("SYSTEM TABLE", "TABLE", "VIEW"), column(md.getTableTypes(), "TABLE_TYPE"));
            assertEmptyWithColumns(md.getCatalogs(), "TABLE_CAT");
            try (ResultSet rs = md.getSchemas(null, null)) {
                assertEquals(List.of("TABLE_SCHEM", "TABLE_CATALOG"), labels(rs));
                assertEquals(List.of("default", "metadata"), column(rs, "TABLE_SCHEM"));
            }
            try (ResultSet rs = md.getTables(null, null, "%", null)) {
                assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM",
                        "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION"), labels(rs));
                List<String> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(rs.getString("TABLE_TYPE") + " " + rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
                }
                assertEquals(List.of("SYSTEM TABLE metadata.COLUMNS", "SYSTEM TABLE metadata.TABLES",
                        "TABLE default.cohort_members", "TABLE default.cohorts", "TABLE default.dynamic_group_properties",
                        "TABLE default.events", "TABLE default.group_profiles", "TABLE default.group_property_history",
                        "TABLE default.group_types", "TABLE default.users"), all,
                        "ordered by type, schema and name");
            }
            assertEquals(List.of("COLUMNS", "TABLES"), column(md.getTables(null, "metadata", null, new String[] {"SYSTEM TABLE"}), "TABLE_NAME"));
            assertEquals(List.of(), column(md.getTables(null, "default", "%", new String[] {"VIEW"}), "TABLE_NAME"));
            assertEquals(List.of(), column(md.getTables("somecatalog", null, "%", null), "TABLE_NAME"), "no catalog has tables");
            try (ResultSet rs = md.getColumns(null, "default", "events", "%")) {
                assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE",
                        "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
                        "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA",
                        "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"), labels(rs));
                assertTrue(rs.next());
                assertEquals("event_time", rs.getString("COLUMN_NAME"));
                assertEquals(23, rs.getInt("COLUMN_SIZE"), "yyyy-MM-dd HH:mm:ss.SSS");
                assertEquals(3, rs.getInt("DECIMAL_DIGITS"), "milliseconds");
                assertTrue(rs.next());
                assertEquals("event_type", rs.getString("COLUMN_NAME"));
                assertEquals(Integer.MAX_VALUE, rs.getInt("COLUMN_SIZE"), "text of any length");
                assertEquals(Integer.MAX_VALUE, rs.getInt("CHAR_OCTET_LENGTH"));
            }
            assertEquals(List.of("user_id", "device_id", "insert_id", "org_id"), column(md.getColumns(null, "default", "events", "%\\_id"), "COLUMN_NAME"));
            assertEquals(List.of("event_time", "event_type"), column(md.getColumns(null, "default", "events", "event_t___"), "COLUMN_NAME"));
            assertEmptyWithColumns(md.getPrimaryKeys(null, "default", "events"), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
                    "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
            assertEmptyWithColumns(md.getIndexInfo(null, "default", "events", false, true), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
                    "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC",
                    "CARDINALITY", "PAGES", "FILTER_CONDITION");
            String[] keys = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM",
                    "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"};
            assertEmptyWithColumns(md.getImportedKeys(null, "default", "events"), keys);
            assertEmptyWithColumns(md.getExportedKeys(null, "default", "events"), keys);
            // JDBCBasicDataTypeCache: getTypeInfo
            try (ResultSet rs = md.getTypeInfo()) {
                assertEquals(18, labels(rs).size());
                Map<String, Integer> typesByName = new LinkedHashMap<>();
                int previous = Integer.MIN_VALUE;
                while (rs.next()) {
                    typesByName.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
                    assertTrue(rs.getInt("DATA_TYPE") >= previous, "ordered by DATA_TYPE");
                    previous = rs.getInt("DATA_TYPE");
                    assertEquals(DatabaseMetaData.typeNullable, rs.getShort("NULLABLE"));
                }
                assertEquals(Types.TIMESTAMP, typesByName.get("TIMESTAMP"));
                assertEquals(Types.VARCHAR, typesByName.get("VARCHAR"));
                assertEquals(Types.BIGINT, typesByName.get("BIGINT"));
                assertEquals(Types.OTHER, typesByName.get("MAP"));
            }
            // procedures (none) and functions (the dialect's and the standard ones)
            assertEmptyWithColumns(md.getProcedures(null, "default", null), "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME",
                    "RESERVED1", "RESERVED2", "RESERVED3", "REMARKS", "PROCEDURE_TYPE", "SPECIFIC_NAME");
            List<String> functions = column(md.getFunctions(null, null, "%"), "FUNCTION_NAME");
            for (String f : List.of("FUNNEL", "RETENTION", "UNIQUES", "MICROSCOPE", "GROUP_PROPERTY", "CURRENT_GROUP_PROPERTY",
                    "FUNNEL_LEVEL", "RETENTION_FLAGS", "DATE_TRUNC", "COUNT", "SUBSTRING", "ABS")) {
                assertTrue(functions.contains(f), f + " in " + functions);
            }
            try (ResultSet rs = md.getFunctions(null, null, "FUNNEL%")) {
                assertEquals(List.of("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME"), labels(rs));
                assertTrue(rs.next());
                assertEquals("FUNNEL", rs.getString("FUNCTION_NAME"));
                assertEquals(DatabaseMetaData.functionReturnsTable, rs.getShort("FUNCTION_TYPE"));
                assertTrue(rs.getString("REMARKS").contains("GROUP BY GROUP TYPE"));
                assertTrue(rs.next());
                assertEquals("FUNNEL_LEVEL", rs.getString("FUNCTION_NAME"));
                assertFalse(rs.next());
            }
            // the data tab: the first rows of a table, with its result metadata
            try (Statement s = c.createStatement()) {
                s.setMaxRows(200);
                s.setFetchSize(200);
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"default\".\"events\"")) {
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                    }
                    assertEquals(200, rows);
                }
            }
        }
    }

    @Test
    void tableauJdbcConnect() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals("Troupe", md.getDatabaseProductName());
            assertEquals("\"", md.getIdentifierQuoteString());
            assertFalse(md.supportsCatalogsInTableDefinitions());
            assertFalse(md.storesUpperCaseIdentifiers());
            assertEquals(List.of(), column(md.getCatalogs(), "TABLE_CAT"));
            assertEquals(List.of("default", "metadata"), column(md.getSchemas(), "TABLE_SCHEM"));
            assertEquals(List.of("metadata"), column(md.getSchemas(null, "met%"), "TABLE_SCHEM"));
            assertEquals(TABLES, column(md.getTables(null, "default", "%", new String[] {"TABLE", "VIEW"}), "TABLE_NAME"));
            // the selected table's columns: a prepared SELECT * described without running it
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM \"default\".\"events\"")) {
                ResultSetMetaData rmd = p.getMetaData();
                assertNotNull(rmd);
                List<String> described = new ArrayList<>();
                for (int i = 1; i <= rmd.getColumnCount(); i++) {
                    described.add(i + " " + rmd.getColumnName(i) + " " + rmd.getColumnType(i) + " " + rmd.getColumnTypeName(i));
                }
                assertEquals(EVENT_COLUMNS.stream().map(s -> s.substring(0, s.lastIndexOf(' '))).toList(), described);
            }
            assertEquals(EVENT_COLUMNS, columns(md, "default", "events"));
            assertEquals(List.of(), column(md.getPrimaryKeys(null, "default", "events"), "COLUMN_NAME"));
            assertEquals(List.of(), column(md.getImportedKeys(null, "default", "events"), "FKCOLUMN_NAME"));
            // capability probes
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                }
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"default\".\"events\" WHERE 1=0")) {
                    assertEquals(9, rs.getMetaData().getColumnCount());
                    assertFalse(rs.next());
                }
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"default\".\"events\" LIMIT 0")) {
                    assertFalse(rs.next());
                }
            }
        }
    }
}
