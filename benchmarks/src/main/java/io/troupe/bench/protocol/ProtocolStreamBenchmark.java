package io.troupe.bench.protocol;

import io.troupe.bench.storage.DataSet;
import io.troupe.bench.storage.Scratch;
import io.troupe.bench.storage.StorageBenchmark;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.security.UserAccounts;
import io.troupe.sql.SqlSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Result streaming over the native protocol: a server in this JVM serves the {@link DataSet}'s store (10M
 * events by default) on loopback, and {@link #protocol} runs {@code sql} through a {@link StreamClient} that
 * decodes every Arrow batch (client and server share the machine's cores, as on a laptop). One operation is
 * one whole result. Read the aux counters: {@code rows} = rows/s, {@code arrowBytes} = bytes/s of the Arrow
 * IPC stream.
 *
 * <p>{@link #jdbcResultSet} is the reference measured in the same run: the same statement in process
 * through the engine's JDBC result set ({@code next()} and the typed getters, as the server reads it), with
 * no Arrow and no network: the rate the server's conversion starts from.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class ProtocolStreamBenchmark extends StorageBenchmark {
    @Param("10000000")
    public long events;

    @Param("30")
    public int days;

    @Param("SELECT event_time, event_type, user_id FROM events")
    public String sql;

    private Path dataDirectory;
    private TroupeServer server;
    private StreamClient client;

    /** Throughput counters reported next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        public long rows;
        public long arrowBytes;

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
            arrowBytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() throws IOException {
        DataSet set = DataSet.prepare(events, days, System.out);
        // The server's data directory holds the data set's store as its project (a link: the store is kept).
        dataDirectory = Scratch.newDirectory("protocol");
        Files.createSymbolicLink(dataDirectory.resolve(DataSet.PROJECT), set.store().toAbsolutePath());
        server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(dataDirectory).withFreePorts());
        client = new StreamClient(server.sqlAddress(), UserAccounts.DEFAULT_USER, UserAccounts.DEFAULT_PASSWORD, DataSet.PROJECT);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (dataDirectory != null) {
                Files.deleteIfExists(dataDirectory.resolve(DataSet.PROJECT)); // the link, not the data set
                Scratch.delete(dataDirectory);
            }
        }
    }

    @Benchmark
    public long protocol(Rates rates) throws IOException {
        StreamClient.Streamed s = client.stream(sql);
        rates.rows += s.rows();
        rates.arrowBytes += s.arrowBytes();
        return s.checksum();
    }

    @Benchmark
    public long jdbcResultSet(Rates rates) {
        try (SqlSession session = server.projects().get(DataSet.PROJECT).sql().open();
             ResultSet rs = session.query(sql)) {
            long[] rowsAndChecksum = read(rs);
            rates.rows += rowsAndChecksum[0];
            return rowsAndChecksum[1];
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows and the {@link StreamClient#checksum} of a result set read with typed getters. */
    static long[] read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        int[] types = new int[n + 1];
        for (int c = 1; c <= n; c++) {
            types[c] = md.getColumnType(c);
        }
        long rows = 0;
        long checksum = 0;
        while (rs.next()) {
            rows++;
            for (int c = 1; c <= n; c++) {
                if (types[c] == Types.TIMESTAMP) {
                    checksum += rs.getLong(c);
                } else {
                    String s = rs.getString(c);
                    checksum += s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                }
            }
        }
        return new long[] {rows, checksum};
    }
}
