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
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            IngestPasses.main(new String[] {"3", "3000"});
        } finally {
            System.setOut(out);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        for (int pass = 0; pass < 3; pass++) {
            assertTrue(lines.get(pass).matches("pass " + pass + ": [\\d,]+ events/s, writer CPU [\\d,]+ ns/event"), lines.get(pass));
        }
        assertTrue(lines.get(3).matches("passes 2-2: [\\d,]+ events/s, writer CPU [\\d,]+ ns/event"), lines.get(3));
    }

    @Test
    void refusesTooFewPasses() {
        assertThrows(IllegalArgumentException.class, () -> IngestPasses.main(new String[] {"2"}));
    }
}
