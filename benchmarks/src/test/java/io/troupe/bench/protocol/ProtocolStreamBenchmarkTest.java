package io.troupe.bench.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.bench.storage.DataSet;
import io.troupe.bench.storage.Scratch;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every event arrives through the protocol, and its decoded values add up to what the engine's result set holds. */
class ProtocolStreamBenchmarkTest {
    private static final long EVENTS = 20_000;
    private static final int DAYS = 3;

    @TempDir
    static Path dir;
    private static String previous;

    @BeforeAll
    static void useTempDir() {
        previous = System.setProperty(Scratch.DIR_PROPERTY, dir.toString());
    }

    @AfterAll
    static void restore() {
        if (previous == null) {
            System.clearProperty(Scratch.DIR_PROPERTY);
        } else {
            System.setProperty(Scratch.DIR_PROPERTY, previous);
        }
    }

    @Test
    void theProtocolDeliversTheResultSetsRowsAndValues() throws Exception {
        DataSet set = DataSet.prepare(EVENTS, DAYS, new PrintStream(PrintStream.nullOutputStream()));
        ProtocolStreamBenchmark b = new ProtocolStreamBenchmark();
        b.events = EVENTS;
        b.days = DAYS;
        b.sql = "SELECT event_time, event_type, user_id FROM events";
        b.columnarResults = true; // the JDBC checksum below checks the columnar path against the rows
        b.start();
        try {
            ProtocolStreamBenchmark.Rates viaProtocol = new ProtocolStreamBenchmark.Rates();
            ProtocolStreamBenchmark.Rates inProcess = new ProtocolStreamBenchmark.Rates();
            ProtocolStreamBenchmark.CpuPerRow cpu = new ProtocolStreamBenchmark.CpuPerRow();
            long protocolChecksum = b.protocol(viaProtocol, cpu);
            assertTrue(cpu.serverNs > 0 && cpu.clientNs > 0, "CPU per row: server " + cpu.serverNs + ", client " + cpu.clientNs);
            ProtocolStreamBenchmark.CpuPerRow inProcessCpu = new ProtocolStreamBenchmark.CpuPerRow();
            long jdbcChecksum = b.jdbcResultSet(inProcess, inProcessCpu);
            assertTrue(inProcessCpu.serverNs > 0 && inProcessCpu.clientNs == 0, "in process, all is the server's");
            assertEquals(set.events(), viaProtocol.rows);
            assertEquals(set.events(), inProcess.rows);
            assertEquals(jdbcChecksum, protocolChecksum);
            assertTrue(protocolChecksum > set.events() * 1_000_000L, "timestamps were summed: " + protocolChecksum);
            assertTrue(viaProtocol.arrowBytes > set.events() * 8, "Arrow bytes: " + viaProtocol.arrowBytes);
            assertEquals(protocolChecksum, b.protocol(viaProtocol, cpu), "the connection runs the next statement");
        } finally {
            b.stop();
        }
        assertTrue(Files.isDirectory(set.store()), "the data set survives the benchmark");
    }
}
