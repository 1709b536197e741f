package io.troupe.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every setter of PreparedStatement, sent as the protocol's typed parameters: echoed back through a CAST, and used
 * where they matter, in filters on the events (whose answers are known from the data set).
 */
class ParametersTest extends ServerTest {
    private static final Calendar NEW_YORK = Calendar.getInstance(TimeZone.getTimeZone("America/New_York"), Locale.ROOT);
    /** 2024-01-01 00:10 UTC: the 11th event; with the 20-minute window below, 10 events. */
    private static final LocalDateTime FROM = LocalDateTime.of(2024, 1, 1, 0, 10);

    /** The one value {@code SELECT CAST(? AS type)} gives back for a parameter set by {@code setter}. */
    private static Object echo(String type, Setter setter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT CAST(? AS " + type + ") AS v")) {
            try {
                setter.set(s);
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                Object v = rs.getObject(1);
                return type.equals("TIMESTAMP") && v != null ? rs.getObject(1, LocalDateTime.class) : v;
            }
        }
    }

    interface Setter {
        void set(PreparedStatement s) throws Exception;
    }

    @Test
    void everySetterReachesTheServerWithItsValue() throws SQLException {
        assertNull(echo("INTEGER", s -> s.setNull(1, Types.INTEGER)));
        assertNull(echo("VARCHAR", s -> s.setNull(1, Types.VARCHAR, "VARCHAR")));
        assertEquals(true, echo("BOOLEAN", s -> s.setBoolean(1, true)));
        assertEquals(-7, echo("TINYINT", s -> s.setByte(1, (byte) -7)));
        assertEquals(300, echo("SMALLINT", s -> s.setShort(1, (short) 300)));
        assertEquals(Integer.MIN_VALUE, echo("INTEGER", s -> s.setInt(1, Integer.MIN_VALUE)));
        assertEquals(Long.MAX_VALUE, echo("BIGINT", s -> s.setLong(1, Long.MAX_VALUE)));
        assertEquals(0.5, echo("DOUBLE", s -> s.setFloat(1, 0.5f)));
        assertEquals(Math.PI, echo("DOUBLE", s -> s.setDouble(1, Math.PI)));
        assertEquals(new BigDecimal("-12345.6789"), echo("DECIMAL(10, 4)", s -> s.setBigDecimal(1, new BigDecimal("-12345.6789"))));
        assertEquals("x'y \u2713", echo("VARCHAR", s -> s.setString(1, "x'y \u2713")));
        assertEquals("n", echo("VARCHAR", s -> s.setNString(1, "n")));
        assertArrayEquals(new byte[] {0, -1, 16}, (byte[]) echo("VARBINARY", s -> s.setBytes(1, new byte[] {0, -1, 16})));
        assertEquals(Date.valueOf("2024-02-29"), echo("DATE", s -> s.setDate(1, Date.valueOf("2024-02-29"))));
        assertEquals("12:34:56", echo("TIME", s -> s.setTime(1, Time.valueOf("12:34:56"))).toString());
        assertEquals(LocalTime.of(12, 34, 56, 789_000_000), echo("TIME", s -> s.setObject(1, LocalTime.of(12, 34, 56, 789_000_000)))
                instanceof Time t ? t.toLocalTime().withNano(789_000_000) : null);
        Timestamp instant = Timestamp.from(Instant.parse("2024-03-01T10:15:30.250Z"));
        assertEquals(LocalDateTime.of(2024, 3, 1, 10, 15, 30, 250_000_000), echo("TIMESTAMP", s -> s.setTimestamp(1, instant)),
                "a Timestamp is its instant, read in UTC");
        assertEquals(LocalDateTime.of(2024, 3, 1, 5, 15, 30, 250_000_000), echo("TIMESTAMP", s -> s.setTimestamp(1, instant, NEW_YORK)),
                "with a calendar: the date and time in its zone");
        assertEquals("x", echo("VARCHAR", s -> s.setCharacterStream(1, new StringReader("x"))));
        assertEquals("ab", echo("VARCHAR", s -> s.setAsciiStream(1, new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)), 2)));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) echo("VARBINARY", s -> s.setBinaryStream(1, new ByteArrayInputStream(new byte[] {1, 2}))));
        assertEquals("http://example.com", echo("VARCHAR", s -> s.setURL(1, new java.net.URL("http://example.com"))));
    }

    @Test
    void setObjectTakesTheCommonJavaTypes() throws SQLException {
        assertEquals(5, echo("INTEGER", s -> s.setObject(1, 5)));
        assertEquals(5, echo("INTEGER", s -> s.setObject(1, (short) 5)));
        assertEquals(5L, echo("BIGINT", s -> s.setObject(1, 5L)));
        assertEquals(2.5, echo("DOUBLE", s -> s.setObject(1, 2.5f)));
        assertEquals(new BigDecimal("123456789012345678"), echo("DECIMAL(18, 0)", s -> s.setObject(1, new BigInteger("123456789012345678"))));
        assertEquals(true, echo("BOOLEAN", s -> s.setObject(1, Boolean.TRUE)));
        assertEquals("c", echo("VARCHAR", s -> s.setObject(1, 'c')));
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals(id.toString(), echo("VARCHAR", s -> s.setObject(1, id)));
        assertNull(echo("VARCHAR", s -> s.setObject(1, null)));
        assertEquals(Date.valueOf("2024-01-31"), echo("DATE", s -> s.setObject(1, LocalDate.of(2024, 1, 31))));
        LocalDateTime t = LocalDateTime.of(2024, 1, 31, 23, 0, 0, 5_000_000);
        assertEquals(t, echo("TIMESTAMP", s -> s.setObject(1, t)), "a LocalDateTime is the UTC date and time");
        assertEquals(t, echo("TIMESTAMP", s -> s.setObject(1, t.toInstant(ZoneOffset.UTC))));
        assertEquals(t, echo("TIMESTAMP", s -> s.setObject(1, t.atOffset(ZoneOffset.UTC).withOffsetSameInstant(ZoneOffset.ofHours(2)))));
        assertEquals(t, echo("TIMESTAMP", s -> s.setObject(1, t.atZone(ZoneOffset.UTC).withZoneSameInstant(ZoneId.of("Asia/Tokyo")))));
        assertEquals(t, echo("TIMESTAMP", s -> s.setObject(1, new java.util.Date(t.toInstant(ZoneOffset.UTC).toEpochMilli()))));
        assertEquals(t, echo("TIMESTAMP", s -> s.setObject(1, OffsetDateTime.of(t, ZoneOffset.UTC))));
        assertEquals(t, echo("TIMESTAMP", s -> s.setObject(1, ZonedDateTime.of(t, ZoneOffset.UTC))));
    }

    @Test
    void setObjectConvertsToATargetType() throws SQLException {
        assertEquals(42, echo("INTEGER", s -> s.setObject(1, "42", Types.INTEGER)));
        assertEquals(new BigDecimal("12.35"), echo("DECIMAL(10, 2)", s -> s.setObject(1, 12.345, Types.DECIMAL, 2)));
        assertEquals(LocalDateTime.of(2024, 1, 1, 0, 30), echo("TIMESTAMP", s -> s.setObject(1, "2024-01-01 00:30:00", Types.TIMESTAMP)));
        assertEquals(Date.valueOf("2024-01-01"), echo("DATE", s -> s.setObject(1, "2024-01-01", Types.DATE)));
        assertEquals("7", echo("VARCHAR", s -> s.setObject(1, 7, Types.VARCHAR)));
        assertEquals(true, echo("BOOLEAN", s -> s.setObject(1, "yes", Types.BOOLEAN)));
        assertEquals(3.0, echo("DOUBLE", s -> s.setObject(1, "3", Types.DOUBLE)));
        SQLException e = assertThrows(SQLException.class, () -> echo("INTEGER", s -> s.setObject(1, "many", Types.INTEGER)));
        assertEquals("22018", e.getSQLState());
    }

    @Test
    void timeParametersFilterEventTimes() throws SQLException {
        String sql = "SELECT COUNT(*) FROM events WHERE event_time >= ? AND event_time < ?";
        Instant from = FROM.toInstant(ZoneOffset.UTC);
        assertEquals(10, count(sql, FROM, FROM.plusMinutes(10)));
        assertEquals(10, count(sql, from, from.plusSeconds(600)));
        assertEquals(10, count(sql, Timestamp.from(from), Timestamp.from(from.plusSeconds(600))));
        assertEquals(20, count(sql, "2024-01-01 00:10:00", "2024-01-01 00:30:00"));
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
            s.setTimestamp(1, Timestamp.valueOf("2024-01-01 00:10:00"), utc);
            s.setTimestamp(2, Timestamp.valueOf("2024-01-01 00:20:00"), utc);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(10, rs.getLong(1), "Timestamp.valueOf in a UTC calendar is that UTC date and time");
            }
        }
    }

    @Test
    void textParametersFilterDictionaryColumns() throws SQLException {
        assertEquals(500, count("SELECT COUNT(*) FROM events WHERE event_type = ?", "a"));
        assertEquals(60, count("SELECT COUNT(*) FROM events WHERE user_id IN (?, ?)", "user-1", "user-2"));
        assertEquals(0, count("SELECT COUNT(*) FROM events WHERE event_type = ?", "never seen"));
        Object expected = server.engineRows("SELECT COUNT(*) FROM events WHERE org_id = ? AND event_time < ?", "org-3",
                new Timestamp(FROM.plusHours(5).toInstant(ZoneOffset.UTC).toEpochMilli())).get(0).get(0);
        assertEquals(((Number) expected).longValue(), count("SELECT COUNT(*) FROM events WHERE org_id = ? AND event_time < ?",
                "org-3", FROM.plusHours(5)));
    }

    private static long count(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i] instanceof String str && str.startsWith("2024-")
                        ? Timestamp.from(java.time.LocalDateTime.parse(str.replace(' ', 'T')).toInstant(ZoneOffset.UTC)) : parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    @Test
    void placeholdersInStringsQuotedNamesAndCommentsAreNotParameters() throws SQLException {
        String sql = "SELECT '?' AS \"what?\", CAST(? AS INTEGER) AS p /* ? */ -- ?\n";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            ParameterMetaData pm = s.getParameterMetaData();
            assertEquals(1, pm.getParameterCount());
            assertEquals(ParameterMetaData.parameterModeIn, pm.getParameterMode(1));
            s.setInt(1, 9);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("?", rs.getString("what?"));
                assertEquals(9, rs.getInt("p"));
            }
        }
    }

    @Test
    void everyParameterMustBeSetAndIndexesStayInRange() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT CAST(? AS INTEGER), CAST(? AS INTEGER)")) {
            s.setInt(1, 1);
            SQLException missing = assertThrows(SQLException.class, s::executeQuery);
            assertEquals(ErrorCode.INVALID_PARAMETER.code(), missing.getErrorCode());
            assertTrue(missing.getMessage().contains("parameter 2 of 2 is not set"), missing.getMessage());
            SQLException outside = assertThrows(SQLException.class, () -> s.setInt(3, 1));
            assertEquals("07009", outside.getSQLState());
            s.setInt(2, 2);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(2));
            }
            s.clearParameters();
            assertThrows(SQLException.class, s::executeQuery);
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"), "a PreparedStatement runs its own SQL");
        }
    }

    @Test
    void aPreparedStatementDescribesItsColumnsBeforeItRuns() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT event_type, COUNT(*) AS n FROM events WHERE event_time >= ? GROUP BY event_type")) {
            ResultSetMetaData md = s.getMetaData();
            assertEquals(2, md.getColumnCount());
            assertEquals("event_type", md.getColumnLabel(1));
            assertEquals(Types.BIGINT, md.getColumnType(2));
        }
        try (PreparedStatement s = connection.prepareStatement("CREATE USER x PASSWORD 'y'")) {
            assertNull(s.getMetaData(), "a statement without rows has no columns");
        }
    }
}
