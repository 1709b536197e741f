package io.troupe.storage.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Identify;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private int run(RecordingSink sink, String... args) {
        return LoadCommand.run(args, sink, Set.of("org_id"), out);
    }

    @Test
    void loadsACsvWithOptionsAndPrintsASummary() throws IOException {
        Path file = Files.writeString(dir.resolve("events.csv"), """
                event_time,event_type,user_id,org_id,team,zip
                1767607200000,Open,alice,42,red,02134
                1767607200000,Open,bob,43,blue,94105
                1767607200000,Open,carol,,,10001
                """);
        RecordingSink sink = new RecordingSink();
        int status = run(sink, "--file", file.toString(), "--batch-size=2", "--group-column", "team",
                "--column-type", "zip=number");
        assertEquals(LoadCommand.OK, status, printed());
        assertEquals(List.of(2, 1), sink.batchSizes());
        Event first = sink.events().get(0);
        assertEquals(Map.of("org_id", List.of("42"), "team", List.of("red")), first.groups());
        assertEquals(2134, first.eventProperties().get("zip").intValue());
        assertTrue(printed().startsWith(file + ": 3 events stored, 0 duplicates (3 commands in 2 batches) in "),
                printed());
    }

    @Test
    void loadsJsonLinesAndGroupFiles() throws IOException {
        Path events = Files.writeString(dir.resolve("events.ndjson"),
                "{\"event_type\": \"$identify\", \"user_id\": \"al\", \"user_properties\": {\"org_id\": 42}}\n");
        RecordingSink sink = new RecordingSink();
        assertEquals(LoadCommand.OK, run(sink, "--file", events.toString(), "--min-id-length", "2"), printed());
        Identify identify = assertInstanceOf(Identify.class, sink.commands().get(0));
        assertEquals(Map.of("org_id", List.of("42")), identify.groups());
        assertTrue(printed().contains("1 identifies"), printed());

        Path groups = Files.writeString(dir.resolve("orgs.tsv"), "group_value\tproperty\tvalue\n42\tplan\tpro\n");
        RecordingSink groupSink = new RecordingSink();
        assertEquals(LoadCommand.OK, run(groupSink, "--format", "group-tsv", "--file", groups.toString(),
                "--group-type", "org_id"), printed());
        assertEquals("org_id", assertInstanceOf(GroupIdentify.class, groupSink.commands().get(0)).groupType());
    }

    @Test
    void aBadFilePrintsTheErrorAndStoresNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.tsv"), "event_time\tevent_type\tuser_id\nsoon\tOpen\talice\n");
        RecordingSink sink = new RecordingSink();
        assertEquals(LoadCommand.FAILED, run(sink, "--file", file.toString()));
        assertTrue(printed().startsWith("error: Malformed file " + file + ", line 2: bad event_time"), printed());
        assertTrue(printed().contains("Nothing was stored."), printed());
        assertTrue(sink.batches.isEmpty());
    }

    @Test
    void aStoreFailureSaysWhatStayedStored() throws IOException {
        Path file = Files.writeString(dir.resolve("e.csv"),
                "event_time,event_type,user_id\n1767607200000,Open,alice\n1767607200000,Open,bob\n");
        RecordingSink sink = new RecordingSink().failOnBatch(2);
        assertEquals(LoadCommand.FAILED, run(sink, "--file", file.toString(), "--batch-size", "1"));
        assertTrue(printed().contains("disk full"), printed());
        assertTrue(printed().contains("1 batches (1 events) were stored before the error"), printed());
    }

    @Test
    void badArgumentsPrintUsage() {
        RecordingSink sink = new RecordingSink();
        assertEquals(LoadCommand.USAGE, run(sink, "--format", "xml", "--file", "x.xml"));
        assertTrue(printed().startsWith("error: Unknown format 'xml'"), printed());
        assertTrue(printed().contains("usage: troupe load"), printed());
        assertEquals(LoadCommand.USAGE, run(sink));
        assertEquals(LoadCommand.OK, run(sink, "--help"));
    }

    @Test
    void parsesAndChecksArguments() {
        LoadCommand.Options options = LoadCommand.parse(new String[] {"--format", "tsv", "--file", "a.txt",
                "--batch-size", "500", "--column-type", "zip=string", "--column-type=seats=NUMBER"});
        assertEquals(LoadCommand.Format.TSV, options.format());
        assertEquals(500, options.batchSize());
        assertEquals(Map.of("zip", ColumnType.STRING, "seats", ColumnType.NUMBER), options.columnTypes());
        assertEquals(BatchingSink.DEFAULT_BATCH_SIZE, LoadCommand.parse(new String[] {"--file", "a.csv"}).batchSize());

        for (String[] bad : List.of(
                new String[] {"--file", "a.txt"},
                new String[] {"--format", "csv"},
                new String[] {"--file", "a.csv", "--batch-size", "0"},
                new String[] {"--file", "a.csv", "--batch-size", "many"},
                new String[] {"--file", "a.csv", "--column-type", "zip"},
                new String[] {"--file", "a.csv", "--column-type", "zip=date"},
                new String[] {"--file", "a.jsonl", "--column-type", "zip=string"},
                new String[] {"--file", "a.csv", "--group-type", "org_id"},
                new String[] {"--file", "a.csv", "--unknown", "1"},
                new String[] {"--file"})) {
            TroupeException e = assertThrows(TroupeException.class, () -> LoadCommand.parse(bad), List.of(bad).toString());
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        }
    }
}
