package io.troupe.jdbc;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * A JDBC client run by {@link ShadedJarIT} in a JVM started with no flag and only the shaded driver jar (and this
 * class) on its class path: it connects through service loading, checks that the driver's dependencies are the
 * relocated copies, reads a few typed values, then streams a large result while measuring the heap the JVM
 * still uses after a collection. Prints {@code rows=N maxHeapMiB=M millis=T} and exits 0 when all went well.
 * Only java.sql is used here: nothing of the driver's own classes.
 *
 * <p>Arguments: url, user, password, the large query, its row count (with maxRows set to it), the heap limit in MiB.
 */
public final class StreamingClient {
    private StreamingClient() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long expectedRows = Long.parseLong(args[4]);
        long heapLimitMiB = Long.parseLong(args[5]);
        requireRelocated();
        try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
            checkTypes(c);
            try (Statement s = c.createStatement()) {
                s.setMaxRows((int) expectedRows);
                long start = System.nanoTime();
                long rows = 0;
                long maxHeap = heapAfterGc();
                long checksum = 0;
                try (ResultSet rs = s.executeQuery(args[3])) {
                    while (rs.next()) {
                        checksum += rs.getString(1).length() + rs.getString(2).length() + (rs.getTimestamp(3).getTime() & 0xFF);
                        if (++rows % 250_000 == 0) {
                            maxHeap = Math.max(maxHeap, heapAfterGc());
                        }
                    }
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                maxHeap = Math.max(maxHeap, heapAfterGc());
                System.out.printf("rows=%d maxHeapMiB=%d millis=%d checksum=%d%n", rows, maxHeap >> 20, millis, checksum);
                check(rows == expectedRows, "read " + rows + " rows, expected " + expectedRows);
                check(maxHeap >> 20 < heapLimitMiB, "the heap held " + (maxHeap >> 20) + " MiB, over " + heapLimitMiB);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
                check(rs.next() && rs.getLong(1) > 0, "the connection is usable after the large result");
            }
        }
    }

    /** The driver's copies of the wire format and flatbuffers are relocated; the originals are not on the path. */
    private static void requireRelocated() throws ClassNotFoundException {
        Class.forName("io.troupe.jdbc.shaded.common.wire.MessageCodec");
        Class.forName("io.troupe.jdbc.shaded.arrow.flatbuf.Message");
        Class.forName("io.troupe.jdbc.shaded.flatbuffers.Table");
        for (String absent : new String[] {"io.troupe.common.ErrorCode", "org.apache.arrow.flatbuf.Message",
                "com.google.flatbuffers.Table", "org.apache.arrow.memory.BufferAllocator", "io.netty.buffer.ByteBuf"}) {
            try {
                Class.forName(absent);
                throw new IllegalStateException(absent + " is on the class path: the jar is not self-contained");
            } catch (ClassNotFoundException expected) {
                // as it should be
            }
        }
    }

    private static void checkTypes(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT CAST(12.5 AS DECIMAL(5, 1)), DATE '2024-01-31', TIMESTAMP '2024-01-31 12:00:00.250', TRUE, "
                        + "CAST(7 AS BIGINT), 'text', ARRAY['a', 'b'], MAP['k', 'v']")) {
            check(rs.next(), "one row");
            check(rs.getBigDecimal(1).toPlainString().equals("12.5"), "DECIMAL " + rs.getBigDecimal(1));
            check(rs.getDate(2).toString().equals("2024-01-31"), "DATE " + rs.getDate(2));
            check(rs.getTimestamp(3).toInstant().toString().equals("2024-01-31T12:00:00.250Z"), "TIMESTAMP " + rs.getTimestamp(3));
            check(rs.getBoolean(4), "BOOLEAN");
            check(rs.getLong(5) == 7 && rs.getMetaData().getColumnType(5) == Types.BIGINT, "BIGINT");
            check(rs.getString(6).equals("text"), "VARCHAR");
            Object[] array = (Object[]) rs.getArray(7).getArray();
            check(array.length == 2 && array[1].equals("b"), "ARRAY");
            check(rs.getString(8).equals("{\"k\":\"v\"}"), "MAP " + rs.getString(8));
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("check failed: " + what);
        }
    }
}
