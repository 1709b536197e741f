package io.troupe.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real SDKs from npm ({@code server/src/test/node}: {@code @amplitude/analytics-node} and
 * {@code @segment/analytics-node}, installed by {@code npm ci --prefix server/src/test/node}): Node scripts send
 * to a server started here, then the events, user-level groups and group properties are queried.
 *
 * <p>Without {@code node} or the installed packages the test is skipped with the reason; with
 * {@code -Dtroupe.requireNode=true} or the environment variable {@code TROUPE_REQUIRE_NODE=true} (.ci/run sets it)
 * it fails instead.
 */
class SdkEndToEndTest {
    private static final Path NODE_DIR = Path.of(System.getProperty("basedir", "."), "src", "test", "node");

    @TempDir
    Path data;

    @Test
    void amplitudeNodeSdk() throws Exception {
        requireNode("@amplitude/analytics-node");
        try (IngestTestSupport s = IngestTestSupport.start(data)) {
            run("amplitude.js", s.uri("/2/httpapi").toString(), s.apiKey());
            // setGroup assigned the user's group: the tracked event without groups carries it; the event with its
            // own group keeps that one (event-level beats user-level).
            assertEquals(List.of("sdk-amp-1|Create Report|sdk-amp-user-1|sdk-org-1|3",
                            "sdk-amp-2|Share Report|sdk-amp-user-1|sdk-org-event|null"),
                    s.text("SELECT insert_id, event_type, user_id, org_id, event_properties['size'] FROM events"
                            + " ORDER BY insert_id"));
            assertEquals(List.of("sdk-amp-user-1|sdk-org-1"), s.text("SELECT user_id, org_id FROM users"));
            assertEquals(List.of("org_id|sdk-org-1|{plan=enterprise, seats=12}"),
                    s.text("SELECT group_type, group_value, properties FROM group_profiles WHERE group_value = 'sdk-org-1'"));
        }
    }

    @Test
    void segmentNodeSdk() throws Exception {
        requireNode("@segment/analytics-node");
        try (IngestTestSupport s = IngestTestSupport.start(data)) {
            run("segment.js", s.uri("").toString(), s.apiKey());
            assertEquals(List.of("Invite User|sdk-seg-user-1|null|sdk-org-2|null|2", "Open App|null|sdk-seg-anon-1|null|acct-9|null"),
                    s.text("SELECT event_type, user_id, device_id, org_id, \"groupId\", event_properties['invited'] FROM events"
                            + " ORDER BY event_type"));
            assertEquals(2, s.rows("SELECT DISTINCT insert_id FROM events WHERE insert_id IS NOT NULL").size(),
                    "the SDK's messageId is the insert id");
            assertEquals(List.of("sdk-seg-user-1|sdk-org-2|{plan=pro, role=admin}"),
                    s.text("SELECT user_id, org_id, user_properties FROM users"));
            assertEquals(List.of("org_id|sdk-org-2|{employees=329, name=Initech}"),
                    s.text("SELECT group_type, group_value, properties FROM group_profiles WHERE group_type = 'org_id'"));
        }
    }

    /** Skips (or, when node is required, fails) when node or the package is not installed. */
    private static void requireNode(String npmPackage) {
        String missing = null;
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                missing = "'node --version' failed";
            }
        } catch (IOException | InterruptedException e) {
            missing = "no 'node' on the PATH (" + e.getMessage() + ")";
        }
        if (missing == null && !Files.isDirectory(NODE_DIR.resolve("node_modules").resolve(npmPackage))) {
            missing = npmPackage + " is not installed: run 'npm ci --prefix server/src/test/node'";
        }
        if (missing != null) {
            if (Boolean.getBoolean("troupe.requireNode") || "true".equals(System.getenv("TROUPE_REQUIRE_NODE"))) {
                fail("troupe.requireNode is set but " + missing);
            }
            System.out.println("SdkEndToEndTest skipped: " + missing); // also in the console, not only the report
            Assumptions.assumeTrue(false, "SDK end-to-end test skipped: " + missing);
        }
    }

    private static void run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("troupe-sdk-", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(90, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println("node " + script + ":\n" + output);
            if (!finished || p.exitValue() != 0) {
                fail("node " + script + (finished ? " exited " + p.exitValue() : " did not finish in 90 s") + ":\n" + output);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
