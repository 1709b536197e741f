package io.troupe.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.values.JsonText;
import io.troupe.sql.SqlSession;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every type of the protocol's mapping through the driver's getters, compared with what the engine itself returns
 * for the same statement ({@code SqlSession.rows}: Calcite's JDBC result set in-process).
 */
class TypesTest extends ServerTest {
    /** One row of values and one of NULLs, of every type the protocol maps. */
    static final String EVERY_TYPE = """
            SELECT CASE WHEN k = 1 THEN TRUE END AS b,
                   CASE WHEN k = 1 THEN CAST(-7 AS TINYINT) END AS ti,
                   CASE WHEN k = 1 THEN CAST(300 AS SMALLINT) END AS si,
                   CASE WHEN k = 1 THEN 2147483647 END AS i,
                   CASE WHEN k = 1 THEN CAST(9007199254740993 AS BIGINT) END AS bi,
                   CASE WHEN k = 1 THEN CAST(1.1 AS REAL) END AS r,
                   CASE WHEN k = 1 THEN CAST(2.5 AS FLOAT) END AS f,
                   CASE WHEN k = 1 THEN CAST(3.141592653589793 AS DOUBLE) END AS d,
                   CASE WHEN k = 1 THEN CAST(12345678.91 AS DECIMAL(10, 2)) END AS num,
                   CASE WHEN k = 1 THEN CAST(-123456789012345.6789 AS DECIMAL(19, 4)) END AS wide,
                   CASE WHEN k = 1 THEN DATE '1969-12-31' END AS dt,
                   CASE WHEN k = 1 THEN TIME '23:59:59.999' END AS tm,
                   CASE WHEN k = 1 THEN TIMESTAMP '1969-12-31 23:59:59.123' END AS ts,
                   CASE WHEN k = 1 THEN TIMESTAMP '2024-02-29 12:00:00' END AS leap,
                   CASE WHEN k = 1 THEN X'00ff10' END AS bin,
                   CASE WHEN k = 1 THEN 'héllo' END AS v,
                   CASE WHEN k = 1 THEN CAST('x' AS CHAR(3)) END AS c,
                   CASE WHEN k = 1 THEN ARRAY[CAST(1 AS INTEGER), NULL, 3] END AS arr,
                   CASE WHEN k = 1 THEN ARRAY['a', CAST(NULL AS VARCHAR)] END AS sarr,
                   CASE WHEN k = 1 THEN MAP['k', 'v', 'k2', 'w'] END AS m
            FROM (VALUES (1), (2)) AS t(k) ORDER BY k""";

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    private static final Calendar NEW_YORK = Calendar.getInstance(TimeZone.getTimeZone("America/New_York"), Locale.ROOT);

    @Test
    void everyTypeReadsAsTheEngineReturnsIt() throws SQLException {
        assertSameAsEngine(EVERY_TYPE);
    }

    @Test
    void rowsAreJsonArraysOfTypeOther() throws SQLException {
        assertSameAsEngine("SELECT ROW(1, 'x', TRUE) AS r");
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT ROW(1, 'x', TRUE) AS r")) {
            assertTrue(rs.next());
            assertEquals(Types.OTHER, rs.getMetaData().getColumnType(1));
            assertEquals("[1,\"x\",true]", rs.getObject(1));
        }
    }

    @Test
    void eventColumnsReadAsTheEngineReturnsThem() throws SQLException {
        assertSameAsEngine("SELECT * FROM events ORDER BY event_time LIMIT 20");
        assertSameAsEngine("SELECT event_type, COUNT(*) AS n, AVG(CAST(event_properties['n'] AS INTEGER)) AS mean, "
                + "MIN(event_time) AS first_seen, COUNT(DISTINCT user_id) AS users FROM events GROUP BY event_type ORDER BY 1");
        assertSameAsEngine("SELECT * FROM group_profiles ORDER BY group_value");
    }

    /** Each column of each row: the driver's getObject equals the engine's, and the metadata agrees. */
    private static void assertSameAsEngine(String sql) throws SQLException {
        List<List<Object>> expected = server.engineRows(sql);
        List<Integer> engineTypes = new ArrayList<>();
        try (SqlSession s = server.project.sql().open(); ResultSet rs = s.query(sql)) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                engineTypes.add(rs.getMetaData().getColumnType(i));
            }
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(engineTypes.size(), md.getColumnCount());
            for (int c = 1; c <= md.getColumnCount(); c++) {
                int engine = engineTypes.get(c - 1);
                assertEquals(engine == Types.STRUCT ? Types.OTHER : engine, md.getColumnType(c), md.getColumnLabel(c));
            }
            int row = 0;
            while (rs.next()) {
                assertTrue(row < expected.size(), "more rows than the engine's");
                for (int c = 1; c <= md.getColumnCount(); c++) {
                    Object engine = expected.get(row).get(c - 1);
                    Object driver = driverValue(rs, md, c);
                    String where = sql.lines().findFirst().orElse("") + ": row " + row + ", column " + md.getColumnLabel(c);
                    assertEquals(normalize(engine, md.getColumnType(c)), normalize(driver, md.getColumnType(c)), where);
                    if (driver != null && !(driver instanceof Long && md.getColumnType(c) != Types.BIGINT)) {
                        Object plain = rs.getObject(c);
                        assertTrue(Class.forName(md.getColumnClassName(c)).isInstance(plain), where + ": getObject gives a "
                                + plain.getClass().getName() + ", the metadata says " + md.getColumnClassName(c));
                    }
                }
                row++;
            }
            assertEquals(expected.size(), row);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** The driver's value of a column in the engine's terms: instants of UTC wall-clock times, parsed JSON. */
    private static Object driverValue(ResultSet rs, ResultSetMetaData md, int c) throws SQLException {
        return switch (md.getColumnType(c)) {
            case Types.TIMESTAMP -> rs.getTimestamp(c, UTC);
            case Types.DATE -> rs.getDate(c, UTC);
            case Types.TIME -> rs.getTime(c, UTC);
            case Types.OTHER -> rs.getString(c) == null ? null : JsonText.parse(rs.getString(c));
            default -> rs.getObject(c);
        };
    }

    /** A value both sides can be compared by: numbers as plain decimals, times as UTC text, arrays and maps as lists and maps. */
    private static Object normalize(Object v, int type) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            String s = n instanceof Float f ? Float.toString(f) : n.toString();
            return new BigDecimal(s).stripTrailingZeros().toPlainString();
        }
        if (v instanceof java.util.Date d) { // Timestamp, Date and Time of a UTC wall-clock time
            String s = Instant.ofEpochMilli(d.getTime()).toString();
            return type == Types.TIME ? s.substring(s.indexOf('T')) : type == Types.DATE ? s.substring(0, 10) : s;
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof Array a) {
            return normalize(a.getArray(), type);
        }
        if (v instanceof Struct s) {
            return normalize(s.getAttributes(), type);
        }
        if (v instanceof Object[] a) {
            List<Object> list = new ArrayList<>();
            for (Object o : a) {
                list.add(normalize(o, Types.OTHER));
            }
            return list;
        }
        if (v instanceof List<?> l) {
            return normalize(l.toArray(), type);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> map = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                map.put(String.valueOf(e.getKey()), normalize(e.getValue(), Types.OTHER));
            }
            return map;
        }
        return v;
    }

    private static ResultSet everyType(Statement s) throws SQLException {
        ResultSet rs = s.executeQuery(EVERY_TYPE);
        assertTrue(rs.next());
        return rs;
    }

    @Test
    void getStringGivesEveryTypeItsSqlText() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = everyType(s)) {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("b", "true");
            expected.put("ti", "-7");
            expected.put("si", "300");
            expected.put("i", "2147483647");
            expected.put("bi", "9007199254740993");
            expected.put("r", "1.1");
            expected.put("f", "2.5");
            expected.put("d", "3.141592653589793");
            expected.put("num", "12345678.91");
            expected.put("wide", "-123456789012345.6789");
            expected.put("dt", "1969-12-31");
            expected.put("tm", "23:59:59.999");
            expected.put("ts", "1969-12-31 23:59:59.123");
            expected.put("leap", "2024-02-29 12:00:00");
            expected.put("bin", "00ff10");
            expected.put("v", "héllo");
            expected.put("c", "x  ");
            expected.put("arr", "[1,null,3]");
            expected.put("sarr", "[\"a\",null]");
            expected.put("m", "{\"k\":\"v\",\"k2\":\"w\"}");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertEquals(e.getValue(), rs.getString(e.getKey()), e.getKey());
                assertFalse(rs.wasNull(), e.getKey());
            }
            assertTrue(rs.next(), "the row of NULLs");
            for (String column : expected.keySet()) {
                assertNull(rs.getString(column), column);
                assertTrue(rs.wasNull(), column);
                assertNull(rs.getObject(column), column);
                assertEquals(0, rs.getInt("i"));
                assertTrue(rs.wasNull());
                assertFalse(rs.getBoolean("b"));
                assertNull(rs.getTimestamp("ts"));
                assertNull(rs.getArray("arr"));
            }
            assertFalse(rs.next());
        }
    }

    @Test
    @SuppressWarnings("deprecation") // getBigDecimal(int, int) is still called by old clients
    void numbersConvertBetweenGettersAndFailWhenTheyDoNotFit() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = everyType(s)) {
            assertEquals(9007199254740993L, rs.getLong("bi"));
            assertEquals(300, rs.getInt("si"));
            assertEquals((short) 300, rs.getShort("si"));
            assertEquals((byte) -7, rs.getByte("ti"));
            assertEquals(2147483647L, rs.getLong("i"));
            assertEquals(new BigDecimal("2147483647"), rs.getBigDecimal("i"));
            assertEquals(12345678.91, rs.getDouble("num"), 1e-9);
            assertEquals(12345678, rs.getInt("num"), "a fraction is cut");
            assertEquals(-123456789012345L, rs.getLong("wide"));
            assertEquals(new BigDecimal("3.141592653589793"), rs.getBigDecimal("d"));
            assertEquals(new BigDecimal("3.14"), rs.getBigDecimal(8, 2));
            assertEquals(1.1f, rs.getFloat("r"));
            assertEquals(3, rs.getInt("d"));
            assertTrue(rs.getBoolean("i"));
            assertEquals(1, rs.getInt("b"));
            assertEquals(new BigInteger("9007199254740993"), rs.getObject("bi", BigInteger.class));
            assertEquals(300, rs.getObject("si", Integer.class));
            assertEquals(2.5, rs.getObject("f", Double.class));
            SQLException tooBig = assertThrows(SQLException.class, () -> rs.getInt("bi"));
            assertEquals("22003", tooBig.getSQLState());
            assertEquals(ErrorCode.VALUE_OUT_OF_RANGE.code(), tooBig.getErrorCode());
            assertThrows(SQLException.class, () -> rs.getByte("si"));
            SQLException text = assertThrows(SQLException.class, () -> rs.getInt("v"));
            assertEquals("22018", text.getSQLState());
            assertEquals(ErrorCode.INVALID_CONVERSION.code(), text.getErrorCode());
            SQLException date = assertThrows(SQLException.class, () -> rs.getDate("b"));
            assertEquals("22018", date.getSQLState());
        }
    }

    @Test
    void textConvertsToNumbersBooleansAndTimesWhenItHoldsThem() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT '42' AS n, ' 2.5 ' AS x, 'yes' AS y, '2024-01-31 12:00:00.250' AS t, '2024-01-31' AS d, '08:30:00' AS tm")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt("n"));
            assertEquals(2.5, rs.getDouble("x"));
            assertEquals(2, rs.getLong("x"));
            assertTrue(rs.getBoolean("y"));
            assertEquals(LocalDateTime.of(2024, 1, 31, 12, 0, 0, 250_000_000), rs.getObject("t", LocalDateTime.class));
            assertEquals(LocalDate.of(2024, 1, 31), rs.getObject("d", LocalDate.class));
            assertEquals(LocalDate.of(2024, 1, 31), rs.getObject("t", LocalDate.class));
            assertEquals(LocalTime.of(8, 30), rs.getObject("tm", LocalTime.class));
            assertArrayEquals("42".getBytes(StandardCharsets.UTF_8), rs.getBytes("n"));
        }
    }

    @Test
    void timestampsAreUtcInstantsAndDatesAndTimesShowTheirValueInAnyZone() throws SQLException {
        TimeZone before = TimeZone.getDefault();
        try (Statement s = connection.createStatement(); ResultSet rs = everyType(s)) {
            LocalDateTime wall = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_000_000);
            Instant instant = wall.toInstant(ZoneOffset.UTC);
            assertEquals(wall, rs.getObject("ts", LocalDateTime.class));
            assertEquals(instant, rs.getObject("ts", Instant.class));
            assertEquals(wall.atOffset(ZoneOffset.UTC), rs.getObject("ts", OffsetDateTime.class));
            assertEquals(instant.toEpochMilli(), rs.getTimestamp("ts", UTC).getTime());
            // read in New York's zone, the same date and time is 5 hours later as an instant
            assertEquals(wall.toInstant(ZoneOffset.ofHours(-5)).toEpochMilli(), rs.getTimestamp("ts", NEW_YORK).getTime());
            assertEquals(LocalDate.of(1969, 12, 31), rs.getObject("dt", LocalDate.class));
            assertEquals(LocalTime.of(23, 59, 59, 999_000_000), rs.getObject("tm", LocalTime.class));
            assertEquals(LocalDate.of(1969, 12, 31), rs.getObject("ts", LocalDate.class));
            assertEquals(-86_400_000L, rs.getDate("dt", UTC).getTime());
            assertEquals(LocalTime.of(23, 59, 59, 999_000_000).toNanoOfDay() / 1_000_000, rs.getTime("tm", UTC).getTime());
            // without a calendar, in any JVM zone: a TIMESTAMP is its instant, a DATE and a TIME show their value
            for (String zone : List.of("Asia/Kolkata", "America/Los_Angeles")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                Timestamp ts = rs.getTimestamp("ts");
                assertEquals(instant, ts.toInstant(), zone);
                assertEquals(instant.toEpochMilli(), ts.getTime(), zone);
                assertEquals(ts, rs.getObject("ts"), zone);
                assertEquals("1969-12-31", rs.getDate("dt").toString(), zone);
                assertEquals(LocalDate.of(1969, 12, 31), rs.getDate("dt").toLocalDate(), zone);
                assertEquals("23:59:59", rs.getTime("tm").toString(), zone);
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void arraysAreJavaSqlArraysAndMapsAreJsonText() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = everyType(s)) {
            Array arr = rs.getArray("arr");
            assertEquals("INTEGER", arr.getBaseTypeName());
            assertEquals(Types.INTEGER, arr.getBaseType());
            assertArrayEquals(new Object[] {1, null, 3}, (Object[]) arr.getArray());
            assertArrayEquals(new Object[] {null, 3}, (Object[]) arr.getArray(2, 2));
            assertInstanceOf(Array.class, rs.getObject("arr"));
            assertArrayEquals(new Object[] {"a", null}, (Object[]) rs.getArray("sarr").getArray());
            assertEquals(Map.of("k", "v", "k2", "w"), JsonText.parse(rs.getString("m")));
            assertEquals("{\"k\":\"v\",\"k2\":\"w\"}", rs.getObject("m"));
            SQLException notAnArray = assertThrows(SQLException.class, () -> rs.getArray("i"));
            assertEquals("22018", notAnArray.getSQLState());
        }
    }

    @Test
    void metadataDescribesEveryColumn() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = everyType(s)) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(20, md.getColumnCount());
            List<String> names = new ArrayList<>();
            List<String> typeNames = new ArrayList<>();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                names.add(md.getColumnLabel(c));
                typeNames.add(md.getColumnTypeName(c));
                assertEquals(md.getColumnLabel(c), md.getColumnName(c));
                assertEquals(ResultSetMetaData.columnNullable, md.isNullable(c));
                assertTrue(md.isReadOnly(c));
                assertFalse(md.isWritable(c));
                assertTrue(md.getColumnDisplaySize(c) > 0);
            }
            assertEquals(List.of("b", "ti", "si", "i", "bi", "r", "f", "d", "num", "wide", "dt", "tm", "ts", "leap", "bin", "v",
                    "c", "arr", "sarr", "m"), names);
            assertEquals(List.of("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "REAL", "FLOAT", "DOUBLE", "DECIMAL",
                    "DECIMAL", "DATE", "TIME", "TIMESTAMP", "TIMESTAMP", "BINARY", "CHAR", "CHAR", "INTEGER ARRAY", "VARCHAR ARRAY",
                    "MAP(VARCHAR, CHAR)"), typeNames);
            assertEquals(10, md.getPrecision(9));
            assertEquals(2, md.getScale(9));
            assertEquals(19, md.getPrecision(10));
            assertEquals(4, md.getScale(10));
            assertEquals(3, md.getScale(13), "TIMESTAMP has milliseconds");
            assertEquals(23, md.getPrecision(13));
            assertEquals("java.lang.Integer", md.getColumnClassName(2), "TINYINT reads as Integer (JDBC 4.2 table B-3)");
            assertEquals("java.math.BigDecimal", md.getColumnClassName(9));
            assertEquals("java.sql.Timestamp", md.getColumnClassName(13));
            assertEquals("java.sql.Array", md.getColumnClassName(18));
            assertEquals("java.lang.String", md.getColumnClassName(20));
            assertTrue(md.isSigned(4));
            assertFalse(md.isSigned(16));
            assertTrue(md.isCaseSensitive(16));
            SQLException e = assertThrows(SQLException.class, () -> md.getColumnType(21));
            assertEquals("07009", e.getSQLState());
        }
    }

    @Test
    void columnsAreFoundByLabelWhateverTheCaseAndTheFirstDuplicateWins() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 AS \"Amount\", 2 AS \"amount\", 3 AS z")) {
            assertTrue(rs.next());
            assertEquals(1, rs.findColumn("AMOUNT"));
            assertEquals(1, rs.getInt("amount"));
            assertEquals(3, rs.getInt("Z"));
            SQLException e = assertThrows(SQLException.class, () -> rs.findColumn("nope"));
            assertEquals("07009", e.getSQLState());
            assertTrue(e.getMessage().contains("[Amount, amount, z]"), e.getMessage());
            assertEquals("07009", assertThrows(SQLException.class, () -> rs.getInt(4)).getSQLState());
        }
    }

    @Test
    void gettersNeedACurrentRow() throws SQLException {
        Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1");
        {
            assertTrue(rs.isBeforeFirst());
            assertEquals("24000", assertThrows(SQLException.class, () -> rs.getInt(1)).getSQLState());
            assertTrue(rs.next());
            assertTrue(rs.isFirst());
            assertEquals(1, rs.getRow());
            assertFalse(rs.next());
            assertTrue(rs.isAfterLast());
            assertEquals("24000", assertThrows(SQLException.class, () -> rs.getInt(1)).getSQLState());
            assertEquals("24000", assertThrows(SQLException.class, rs::previous).getSQLState());
            assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
            s.close(); // closes its result set
            assertTrue(rs.isClosed());
            assertEquals("55000", assertThrows(SQLException.class, rs::next).getSQLState());
        }
    }

    @Test
    void decimalsPastALongUseTheHighWordOfArrowsDecimal() throws SQLException {
        // DECIMAL(19, 0) holds 10^19 - 1, past Long.MAX_VALUE: the 128-bit value's high word is not only the sign
        String sql = "SELECT CAST(9999999999999999999 AS DECIMAL(19, 0)) AS big, CAST(-9999999999999999999 AS DECIMAL(19, 0)) AS small, "
                + "CAST(-1 AS DECIMAL(19, 0)) AS minus_one";
        List<List<Object>> engine = server.engineRows(sql);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            assertEquals(new BigDecimal("9999999999999999999"), rs.getBigDecimal(1));
            assertEquals(new BigDecimal(engine.get(0).get(0).toString()), rs.getBigDecimal(1));
            assertEquals(new BigDecimal("-9999999999999999999"), rs.getBigDecimal(2));
            assertEquals(-1, rs.getLong(3));
            assertEquals("22003", assertThrows(SQLException.class, () -> rs.getLong(1)).getSQLState());
            assertEquals(9.999999999999999999e18, rs.getDouble(1));
        }
    }

    @Test
    void textIsUtf8WhateverTheCharacters() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT event_properties['label'] FROM events WHERE insert_id = 'e0'")) {
            assertTrue(rs.next());
            assertEquals(TestServer.UNICODE, rs.getString(1));
            assertArrayEquals(TestServer.UNICODE.getBytes(StandardCharsets.UTF_8), rs.getBytes(1));
        }
    }
}
