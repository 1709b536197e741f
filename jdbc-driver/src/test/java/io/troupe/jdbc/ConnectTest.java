package io.troupe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.client.ConnectionSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Connecting: the URL and its properties, service loading, and the SQLSTATEs of every way connecting fails. */
class ConnectTest extends ServerTest {
    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void theDriverIsFoundByServiceLoadingAndTakesOnlyItsUrls() throws SQLException {
        boolean found = false;
        for (Driver d : ServiceLoader.load(Driver.class)) {
            found |= d instanceof TroupeDriver;
        }
        assertTrue(found, "META-INF/services/java.sql.Driver names TroupeDriver");
        Driver d = DriverManager.getDriver(server.url());
        assertInstanceOf(TroupeDriver.class, d);
        assertTrue(d.acceptsURL("jdbc:troupe://h/p"));
        assertTrue(d.acceptsURL("JDBC:TROUPE://h"));
        assertFalse(d.acceptsURL("jdbc:postgresql://h/p"));
        assertNull(d.connect("jdbc:postgresql://h/p", new Properties()), "another driver's URL is not ours: null, as JDBC asks");
        assertEquals(DriverInfo.MAJOR, d.getMajorVersion());
        DriverPropertyInfo[] info = d.getPropertyInfo(server.url() + "?fetchSize=100", new Properties());
        assertEquals(5, info.length);
        assertEquals("fetchSize", info[4].name);
        assertEquals("100", info[4].value);
    }

    @Test
    void userAndPasswordComeAsPropertiesOrUrlParameters() throws SQLException {
        try (Connection c = server.connect()) {
            assertEquals(TestServer.EVENTS, count(c));
            assertEquals("default", c.getSchema());
            assertEquals("troupe", c.getMetaData().getUserName());
        }
        try (Connection c = DriverManager.getConnection(server.url() + "?user=troupe&password=troupe&fetchSize=10&socketTimeout=60")) {
            assertEquals(TestServer.EVENTS, count(c));
            try (Statement s = c.createStatement()) {
                assertEquals(10, s.getFetchSize(), "the URL's fetchSize is the statements' default");
            }
        }
        // a property wins over the URL's parameter; an empty property (sqlline's blank prompt) does not
        Properties p = new Properties();
        p.setProperty("user", "troupe");
        p.setProperty("password", "");
        try (Connection c = DriverManager.getConnection(server.url() + "?user=nobody&password=troupe", p)) {
            assertEquals(TestServer.EVENTS, count(c));
        }
    }

    @Test
    void theDefaultsArePort7430AndProjectDefault() throws SQLException {
        ConnectionSettings s = ConnectionSettings.parse("jdbc:troupe://db.example", new Properties());
        assertEquals("db.example", s.host());
        assertEquals(7430, s.port());
        assertEquals("default", s.project());
        assertEquals(10, s.connectTimeoutSeconds());
        ConnectionSettings v6 = ConnectionSettings.parse("jdbc:troupe://[::1]:7000/sales?connectTimeout=3&password=a%26b", null);
        assertEquals("::1", v6.host());
        assertEquals(7000, v6.port());
        assertEquals("sales", v6.project());
        assertEquals(3, v6.connectTimeoutSeconds());
        assertEquals("a&b", v6.password(), "parameters are percent-decoded");
        assertFalse(v6.toString().contains("a&b"), "settings never print the password");
    }

    @Test
    void aWrongPasswordIs28000WithTheServersCode() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(server.url(), "troupe", "wrong"));
        assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
        assertEquals("28000", e.getSQLState());
        assertEquals(ErrorCode.AUTHENTICATION_FAILED.code(), e.getErrorCode());
        assertFalse(e.getMessage().contains("wrong"), e.getMessage());
        SQLException noUser = assertThrows(SQLException.class, () -> DriverManager.getConnection(server.url()));
        assertEquals("28000", noUser.getSQLState(), "no user at all is a failed authentication too");
    }

    @Test
    void anUnknownProjectIsTheServersUnknownProject() {
        String url = server.url().replace("/default", "/nowhere");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "troupe", "troupe"));
        assertEquals(ErrorCode.UNKNOWN_PROJECT.sqlState(), e.getSQLState());
        assertEquals(ErrorCode.UNKNOWN_PROJECT.code(), e.getErrorCode());
    }

    @Test
    void nothingListeningIs08001() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:troupe://127.0.0.1:" + port + "/default", "troupe", "troupe"));
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        assertEquals("08001", e.getSQLState());
        assertEquals(ErrorCode.CONNECTION_FAILED.code(), e.getErrorCode());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        SQLException unknownHost = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:troupe://no-such-host.invalid/default", "troupe", "troupe"));
        assertEquals("08001", unknownHost.getSQLState());
    }

    @Test
    void aPortThatIsNotTheSqlPortIs08001() {
        var admin = server.server.adminAddress();
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:troupe://127.0.0.1:" + admin.getPort() + "/default?connectTimeout=5", "troupe", "troupe"));
        assertEquals("08001", e.getSQLState(), e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOutAs08001() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:troupe://127.0.0.1:" + silent.getLocalPort() + "/default?connectTimeout=1", "troupe", "troupe"));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("SocketTimeoutException"), e.getMessage());
        }
    }

    @Test
    void malformedUrlsAndPropertiesAre08001() {
        for (String url : new String[] {"jdbc:troupe://", "jdbc:troupe://h:notaport/p", "jdbc:troupe://h:99999/p",
                "jdbc:troupe://h/p?connectTimeout=soon", "jdbc:troupe://h/p?fetchSize=-1", "jdbc:troupe://[::1/p"}) {
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "troupe", "troupe"), url);
            assertEquals("08001", e.getSQLState(), url);
            assertEquals(ErrorCode.CONNECTION_FAILED.code(), e.getErrorCode(), url);
        }
    }

    @Test
    void aClosedConnectionRefusesCallsWith08003() throws SQLException {
        Connection c = server.connect();
        Statement s = c.createStatement();
        assertTrue(c.isValid(5));
        c.close();
        assertTrue(c.isClosed());
        assertTrue(s.isClosed(), "a closed connection's statements are closed");
        assertFalse(c.isValid(5));
        SQLException e = assertThrows(SQLException.class, c::createStatement);
        assertEquals("08003", e.getSQLState());
        c.close(); // closing twice is fine
    }

    @Test
    void aConnectionWhoseServerWentAwayReports08006() throws Exception {
        Path other = dir.resolve("other");
        java.nio.file.Files.createDirectories(other);
        TestServer second = new TestServer(other);
        Connection c = second.connect();
        try {
            assertEquals(TestServer.EVENTS, count(c));
            second.close();
            SQLException e = assertThrows(SQLException.class, () -> count(c));
            assertTrue(e.getSQLState().startsWith("08") || e.getSQLState().equals("57P01"), e.getSQLState() + " " + e.getMessage());
            assertTrue(c.isClosed(), "a broken connection reports itself closed");
        } finally {
            c.close();
            second.close();
        }
    }
}
