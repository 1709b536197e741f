package io.troupe.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;

/** The benchmarks' forks get the parent pom's {@code troupe.jvm.flags}, and so does the {@code jvm.flags} argfile. */
class JvmFlagsTest {
    private static List<String> pomFlags() {
        String flags = System.getProperty("troupe.jvm.flags");
        assertNotNull(flags, "surefire passes troupe.jvm.flags (parent pom)");
        return Arrays.asList(flags.trim().split("\\s+"));
    }

    @Test
    void forkAnnotationHasEveryPomFlag() {
        Fork fork = StorageBenchmark.class.getAnnotation(Fork.class);
        List<String> forked = Arrays.asList(fork.jvmArgsAppend());
        for (String flag : pomFlags()) {
            assertTrue(forked.contains(flag), "StorageBenchmark's @Fork lacks " + flag + " from the parent pom");
        }
        for (String arg : forked) {
            assertTrue(pomFlags().contains(arg) || arg.startsWith("-Xm"),
                    arg + " is in @Fork but not in the parent pom's troupe.jvm.flags");
        }
    }

    @Test
    void argfileIsThePomFlags() throws IOException {
        try (InputStream in = JvmFlagsTest.class.getResourceAsStream("/jvm.flags")) {
            assertNotNull(in, "jvm.flags resource");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(pomFlags(), Arrays.asList(text.trim().split("\\s+")));
        }
    }
}
