package io.troupe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The driver as users get it: the shaded jar (built in the package phase; this runs in integration-test). Its
 * content is the driver and the relocated wire format and flatbuffers, nothing else; and a JVM started with no flag
 * and {@code -Xmx256m}, with only that jar and {@link StreamingClient}, connects and streams the first 10M rows of
 * {@code events x events x events} in constant memory. {@code -Dtroupe.jdbc.streamRows=N} streams N rows instead
 * (up to the pairs of {@code events x events}, else from the triples, cut by maxRows); {@code -Dtroupe.jdbc.childJava=/path/to/bin/java} runs the
 * child on another Java (25: still no flag).
 */
class ShadedJarIT extends ServerTest {
    /** Rows of {@code events x events}. */
    private static final long PAIR_ROWS = (long) TestServer.EVENTS * TestServer.EVENTS;
    /** What the issue asks to stream in constant memory: 10M rows (about 3 s here). */
    private static final long DEFAULT_ROWS = 10_000_000;
    /** What the child JVM's heap may hold after a collection while it streams (one batch is about 2 MiB). */
    private static final int HEAP_LIMIT_MIB = 32;

    private static Path jar() {
        String jar = System.getProperty("troupe.jdbc.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the shaded jar, -Dtroupe.jdbc.jar=" + jar);
        return Path.of(jar);
    }

    @Test
    void theJarHoldsTheDriverAndItsRelocatedDependenciesOnly() throws IOException {
        List<String> outside = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(jar().toFile())) {
            jar.stream().forEach(e -> {
                entries.add(e.getName());
                if (!e.getName().startsWith("io/troupe/jdbc/") && !e.getName().startsWith("META-INF/")
                        && !e.getName().equals("io/") && !e.getName().equals("io/troupe/")) {
                    outside.add(e.getName());
                }
            });
            String services = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
                    StandardCharsets.UTF_8).strip();
            assertEquals("io.troupe.jdbc.TroupeDriver", services);
            assertTrue(jar.getManifest().getMainAttributes().getValue("Implementation-Version") != null);
        }
        assertEquals(List.of(), outside, "nothing outside io/troupe/jdbc (no Netty, no Arrow memory, no Calcite)");
        for (String needed : List.of("io/troupe/jdbc/TroupeDriver.class", "io/troupe/jdbc/driver.properties",
                "io/troupe/jdbc/shaded/common/wire/MessageCodec.class", "io/troupe/jdbc/shaded/common/ErrorCode.class",
                "io/troupe/jdbc/shaded/arrow/flatbuf/RecordBatch.class", "io/troupe/jdbc/shaded/flatbuffers/Table.class")) {
            assertTrue(entries.contains(needed), needed);
        }
        long size = Files.size(jar());
        assertTrue(size < 1 << 20, "a small jar: " + size + " bytes");
    }

    @Test
    void aJvmWithoutFlagsStreamsALargeResultInConstantMemory() throws Exception {
        long rows = Long.getLong("troupe.jdbc.streamRows", DEFAULT_ROWS);
        String sql = rows <= PAIR_ROWS ? "SELECT a.user_id, b.event_type, b.event_time FROM events a, events b" : TestServer.ENDLESS;
        Path classes = Path.of(StreamingClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String javaBinary = System.getProperty("troupe.jdbc.childJava", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(javaBinary, "-Xmx256m", "-cp", jar() + File.pathSeparator + classes,
                StreamingClient.class.getName(), server.url(), TestServer.USER, TestServer.PASSWORD, sql, Long.toString(rows),
                Integer.toString(HEAP_LIMIT_MIB));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS"); // no flag may reach the child, not even from the environment
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the child ends");
        assertEquals(0, p.exitValue(), output);
        Matcher m = Pattern.compile("rows=(\\d+) maxHeapMiB=(\\d+) millis=(\\d+)").matcher(output);
        assertTrue(m.find(), output);
        assertEquals(rows, Long.parseLong(m.group(1)));
        System.out.printf("[shaded jar] %s rows in %s ms (%.1f M rows/s) with at most %s MiB of heap after GC, -Xmx256m%n",
                m.group(1), m.group(3), Long.parseLong(m.group(1)) / 1000.0 / Math.max(1, Long.parseLong(m.group(3))), m.group(2));
    }
}
