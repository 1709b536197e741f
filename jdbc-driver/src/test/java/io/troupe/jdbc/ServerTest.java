package io.troupe.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class's server ({@link TestServer}, in a temporary folder) and one connection to it, for all its tests. */
abstract class ServerTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Connection connection;

    @BeforeAll
    static void startServer() throws SQLException {
        server = new TestServer(dir);
        connection = server.connect();
    }

    @AfterAll
    static void stopServer() throws SQLException {
        connection.close();
        server.close();
    }
}
