package io.troupe.bench.protocol;

import io.troupe.bench.storage.DataSet;
import io.troupe.bench.storage.Scratch;
import io.troupe.bench.storage.StorageBenchmark;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.security.UserAccounts;
import io.troupe.sql.SqlSession;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * <p>{@link #columnarResults} chooses the server's result path (a plain scan's columns, or JDBC rows), so one run
 * can measure both ({@code -p columnarResults=true,false}).
 *
 * <p>{@link #jdbcResultSet} is the reference measured in the same run: the same statement in process
 * through the engine's JDBC result set ({@code next()} and the typed getters, as the server reads it), with
 * no Arrow and no network: the rate the server's conversion starts from.
 *
 * <p>On a machine shared with other work the rates vary with the load; the CPU time per row does much less.
 * {@link CpuPerRow} reports it per side: {@code serverNs} (the server's query threads: engine, JDBC getters,
 * Arrow conversion and serialization), {@code ioNs} (Netty's threads: socket writes), {@code clientNs} (the
 * client: socket reads, Arrow decode, checksum). Server and client run in parallel, so on two idle cores
 * the rate is about {@code 1e9 / max(serverNs, clientNs + ioNs)} rows/s.
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

    /**
     * The server's {@code query.columnarResults}: true lets a plain scan's rows go from the scan's columns to the
     * Arrow batches; false sends every result through the JDBC row path (what the server did before).
     */
    @Param("true")
    public boolean columnarResults;

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

    /** CPU nanoseconds per row of each side (averages over the iteration's operations). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuPerRow {
        public double serverNs;
        public double ioNs;
        public double clientNs;
        private long rows;
        private long server;
        private long io;
        private long client;

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
            server = 0;
            io = 0;
            client = 0;
        }

        void add(long operationRows, long[] before, long[] after) {
            rows += operationRows;
            server += after[0] - before[0];
            io += after[1] - before[1];
            client += after[2] - before[2];
            serverNs = (double) server / rows;
            ioNs = (double) io / rows;
            clientNs = (double) client / rows;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds so far of the server's query threads, of its Netty threads, and of the calling thread. */
    static long[] cpuTimes() {
        long query = 0;
        long io = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long nanos = t.getName().startsWith("troupe-query") || t.getName().startsWith("troupe-io")
                    ? Math.max(0, THREADS.getThreadCpuTime(t.getId())) : 0;
            if (t.getName().startsWith("troupe-query")) {
                query += nanos;
            } else {
                io += nanos;
            }
        }
        return new long[] {query, io, THREADS.getCurrentThreadCpuTime()};
    }

    @Setup(Level.Trial)
    public void start() throws IOException {
        DataSet set = DataSet.prepare(events, days, System.out);
        // The server's data directory holds the data set's store as its project (a link: the store is kept).
        dataDirectory = Scratch.newDirectory("protocol");
        Files.createSymbolicLink(dataDirectory.resolve(DataSet.PROJECT), set.store().toAbsolutePath());
        server = TroupeServer.start(ServerConfig.defaults().withDataDirectory(dataDirectory).withFreePorts()
                .with(java.util.Map.of("query.columnarResults", Boolean.toString(columnarResults))));
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
    public long protocol(Rates rates, CpuPerRow cpu) throws IOException {
        long[] before = cpuTimes();
        StreamClient.Streamed s = client.stream(sql);
        cpu.add(s.rows(), before, cpuTimes());
        rates.rows += s.rows();
        rates.arrowBytes += s.arrowBytes();
        return s.checksum();
    }

    @Benchmark
    public long jdbcResultSet(Rates rates, CpuPerRow cpu) {
        long[] before = cpuTimes();
        try (SqlSession session = server.projects().get(DataSet.PROJECT).sql().open();
             ResultSet rs = session.query(sql)) {
            long[] rowsAndChecksum = read(rs);
            long[] after = cpuTimes();
            // In process, the calling thread is the "server": count its time there.
            cpu.add(rowsAndChecksum[0], before, new long[] {after[0] + after[2] - before[2], after[1], before[2]});
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
