package io.troupe.server.protocol;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class whose tests share one {@link ProtocolServer}, started once and closed after the last test. */
abstract class WithProtocolServer {
    @TempDir
    static Path dir;
    static ProtocolServer server;

    @BeforeAll
    static void startServer() {
        server = new ProtocolServer(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
