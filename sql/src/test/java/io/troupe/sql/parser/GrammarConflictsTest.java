package io.troupe.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javacc.parser.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JavaCC reports no choice conflict in Troupe's grammar, the same count as for Calcite's stock template (0 with
 * calcite-core 1.41.0 and JavaCC 4.0). A conflict is only a warning to the build, and it means JavaCC silently
 * picked one reading of some input: this test makes a new one fail instead. It reruns JavaCC, as the build does,
 * on the grammar the build generated (target/generated-sources/fmpp/javacc/Parser.jj).
 */
class GrammarConflictsTest {
    private static final Pattern CONFLICT = Pattern.compile("Warning: Choice conflict");

    @TempDir
    Path out;

    @Test
    void grammarHasNoChoiceConflicts() throws Exception {
        Path grammar = Path.of("target", "generated-sources", "fmpp", "javacc", "Parser.jj");
        assertTrue(Files.isRegularFile(grammar), "the build generates " + grammar.toAbsolutePath());
        assertTrue(Files.readString(grammar).contains("TroupeGroupingElementList()"), "the grammar patch is applied");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int rc;
        try (PrintStream capture = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            Main.reInitAll();
            rc = Main.mainProgram(new String[] {"-STATIC=false", "-LOOKAHEAD=1", "-OUTPUT_DIRECTORY=" + out,
                    grammar.toString()});
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        Matcher m = CONFLICT.matcher(text);
        int conflicts = 0;
        while (m.find()) {
            conflicts++;
        }
        assertEquals(0, conflicts, text);
        assertTrue(text.contains("Parser generated successfully."), text);
    }
}
