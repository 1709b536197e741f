package io.troupe.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pass runner prints one line per pass and the means of the warm passes, with tiny data. */
class IngestPassesTest extends ScratchDirectoryTest {
    @Test
    void printsEveryPassAndTheWarmMeans() {
        List<String> lines = run("3", "3000");
        assertEquals(4, lines.size(), lines.toString());
        for (int pass = 0; pass < 3; pass++) {
            assertTrue(lines.get(pass).matches("pass " + pass + ": [\\d,]+ events/s, writer CPU [\\d,]+ ns/event, "
                    + "process CPU [\\d,]+ ns/event"), lines.get(pass));
        }
        assertTrue(lines.get(3).matches("passes 2-2, 1 writer: [\\d,]+ events/s, writer CPU [\\d,]+ ns/event, "
                + "process CPU [\\d,]+ ns/event \\([\\d,]+ events/s per core\\)"), lines.get(3));
    }

    @Test
    void severalWritersShareEachPass() {
        List<String> lines = run("3", "3000", "3");
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(3).startsWith("passes 2-2, 3 writers: "), lines.get(3));
    }

    private static List<String> run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            IngestPasses.main(args);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void refusesTooFewPasses() {
        assertThrows(IllegalArgumentException.class, () -> IngestPasses.main(new String[] {"2"}));
        assertThrows(IllegalArgumentException.class, () -> IngestPasses.main(new String[] {"3", "3000", "0"}));
    }
}
