package io.troupe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code troupe server} as a real process: it prints how to reach it, and SIGTERM shuts it down gracefully
 * (stores flushed and closed, the data directory lock released, exit status 143 as for any JVM that ends on
 * SIGTERM).
 */
class ServerProcessTest {
    @TempDir
    Path data;

    @Test
    void sigtermShutsTheServerDownCleanly() throws Exception {
        Process server = start(data);
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("Projects:")) {
                    break;
                }
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("jdbc:troupe://127.0.0.1:")), String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.contains("created on this first start")), String.join("\n", lines));
            assertTrue(hasRunningMarker(data.resolve("default")), "an open store has its RUNNING marker");
            server.toHandle().destroy(); // SIGTERM (Process.destroy would also close the pipes)
            StringBuilder rest = new StringBuilder();
            while ((line = out.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops within its grace period");
            assertEquals(143, server.exitValue(), rest.toString());
            assertTrue(rest.toString().contains("Troupe stopped"), rest.toString());
        } finally {
            server.destroyForcibly();
        }
        assertFalse(hasRunningMarker(data.resolve("default")), "the store was closed cleanly");
        try (DataDirectoryLock lock = DataDirectoryLock.tryAcquire(data)) {
            assertTrue(lock != null, "the lock is released");
        }
    }

    /** EventStore's marker of an open store: removed by a clean close, left by a crash. */
    private static boolean hasRunningMarker(Path store) {
        return Files.exists(store.resolve("RUNNING"));
    }

    /** Starts {@code troupe server} on free ports in a child JVM with the test JVM's classpath and flags. */
    static Process start(Path data) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("troupe.jvm.flags", "").trim().split("\\s+")) {
            if (!flag.isEmpty()) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
                "--data", data.toString(), "--sql-port", "0", "--http-port", "0", "--admin-port", "0"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
