package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritersTest {
    private static final B2bGenerator.Config CONFIG = B2bGenerator.Config.builder()
            .seed(5).orgs(60).days(7).targetEvents(20_000).accountGroupType("account_id").build();

    @Test
    void jsonLinesHoldOneCommandPerLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<GeneratedCommand> commands = new B2bGenerator(CONFIG).stream().collect(Collectors.toList());
        try (AmplitudeJsonLinesWriter writer = new AmplitudeJsonLinesWriter(bytes)) {
            assertEquals(commands.size(), writer.writeAll(commands));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"));
        String[] lines = text.split("\n");
        assertEquals(commands.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals(commands.get(i).toAmplitudeJson().toString(), lines[i]);
            assertEquals(commands.get(i).toAmplitudeJson(), AmplitudeJson.MAPPER.readTree(lines[i]));
        }
    }

    @Test
    void csvHasTheHeaderAndOneRowPerEventWithEffectiveGroups() throws IOException {
        StringWriter text = new StringWriter();
        try (CsvWriter writer = CsvWriter.forConfig(text, CONFIG)) {
            assertEquals(20_000, writer.writeAll(new B2bGenerator(CONFIG)));
        }
        Set<String> consultants = new B2bGenerator(CONFIG).stream()
                .filter(command -> command instanceof GeneratedIdentify identify
                        && "consultant".equals(identify.userPropertiesSet().get("role")))
                .map(command -> ((GeneratedIdentify) command).userId()).collect(Collectors.toSet());
        String[] lines = text.toString().split("\n");
        assertEquals("event_time,event_type,user_id,org_id,account_id,platform,is_trial,zip,amount,currency,"
                + "invoice_id,report_id,project_id,tags,context,insert_id", lines[0]);
        assertEquals(20_001, lines.length);
        assertTrue(lines[1].matches("2026-01-01T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z,.*"), lines[1]);
        long withoutOrg = 0;
        for (int i = 1; i < lines.length; i++) {
            List<String> cells = cells(lines[i]);
            assertEquals(16, cells.size(), lines[i]);
            withoutOrg += cells.get(3).isEmpty() ? 1 : 0;
            // a consultant acting for a client names the client's org only; their account stays their own
            assertTrue(consultants.contains(cells.get(2))
                            || cells.get(4).startsWith("acct-" + cells.get(3).substring(4) + "-"),
                    "account of another org: " + lines[i]);
        }
        assertEquals(0, withoutOrg);
        assertTrue(text.toString().contains(",\"{\"\"app_version\"\""), "nested objects are quoted JSON");
    }

    @Test
    void csvCanWriteEpochMillis() throws IOException {
        StringWriter text = new StringWriter();
        B2bGenerator.Config config = CONFIG.toBuilder().targetEvents(10).build();
        try (CsvWriter writer = new CsvWriter(text, List.of("org_id"), List.of("platform"),
                CsvWriter.TimeFormat.EPOCH_MILLIS)) {
            writer.writeAll(new B2bGenerator(config));
        }
        String[] lines = text.toString().split("\n");
        assertEquals("event_time,event_type,user_id,org_id,platform,insert_id", lines[0]);
        GeneratedEvent first = new B2bGenerator(config).events().findFirst().orElseThrow();
        assertTrue(lines[1].startsWith(first.time() + "," + first.eventType() + "," + first.userId() + ","), lines[1]);
    }

    @Test
    void mainWritesAGzippedCsvOrJsonLinesFile(@TempDir Path dir) throws IOException {
        Path jsonl = dir.resolve("events.jsonl");
        GeneratorMain.main(new String[] {"--out", jsonl.toString(), "--events", "5000", "--orgs", "30", "--days", "3"});
        long events = Files.readAllLines(jsonl).stream().filter(line -> !line.contains("\"$")).count();
        assertEquals(5000, events);
        Path csv = dir.resolve("events.csv.gz");
        GeneratorMain.main(new String[] {"--out", csv.toString(), "--events", "5000", "--orgs", "30"});
        assertTrue(Files.size(csv) > 1000);
    }

    /** Splits one RFC 4180 line into cells. */
    private static List<String> cells(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
