package io.troupe.storage.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedEventLoaderTest {
    private static final long JAN_5_10H = 1_767_607_200_000L; // 2026-01-05T10:00:00Z

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static DelimitedEventLoader csv(Set<String> groups) {
        return new DelimitedEventLoader(DelimitedFormat.CSV, groups);
    }

    private static TroupeException malformed(Runnable load, long line) {
        TroupeException e = assertThrows(TroupeException.class, load::run);
        assertEquals(ErrorCode.MALFORMED_FILE, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains(", line " + line + ": "), e.getMessage());
        return e;
    }

    @Test
    void loadsEventsWithGroupsAndInferredProperties() throws IOException {
        Path file = write("events.csv", """
                event_time,event_type,user_id,device_id,insert_id,org_id,zip,seats,score,trial,plan
                1767607200000,Create Report,alice,dev-1,i-1,42,02134,10,0.5,true,pro
                2026-01-05T10:00:00Z,Share Report,bob,,,,94105,0,-3.25,false,
                2026-01-05 10:00:00,Invite User,,dev-3,i-3,43,,7,1e3,TRUE,free
                """);
        RecordingSink sink = new RecordingSink();
        LoadResult result = csv(Set.of("org_id", "account")).load(file, sink);

        assertEquals(3, result.eventsStored());
        assertEquals(3, result.commands());
        assertEquals(1, result.batches());
        List<Event> events = sink.events();
        Event first = events.get(0);
        assertEquals(JAN_5_10H, first.time());
        assertEquals("Create Report", first.eventType());
        assertEquals("alice", first.userId());
        assertEquals("dev-1", first.deviceId());
        assertEquals("i-1", first.insertId());
        assertEquals(Map.of("org_id", List.of("42")), first.groups());
        assertEquals(AmplitudeEventsTest.json(
                "{'zip': '02134', 'seats': 10, 'score': 0.5, 'trial': true, 'plan': 'pro'}"), first.eventProperties());
        assertTrue(first.userProperties().isEmpty());

        Event second = events.get(1);
        assertEquals(JAN_5_10H, second.time());
        assertNull(second.deviceId());
        assertNull(second.insertId());
        assertEquals(Map.of(), second.groups());
        assertEquals(AmplitudeEventsTest.json("{'zip': '94105', 'seats': 0, 'score': -3.25, 'trial': false}"),
                second.eventProperties());

        Event third = events.get(2);
        assertEquals(JAN_5_10H, third.time());
        assertNull(third.userId());
        assertEquals(AmplitudeEventsTest.json("{'seats': 7, 'score': 1000.0, 'trial': true, 'plan': 'free'}"),
                third.eventProperties());
        assertTrue(third.eventProperties().get("seats").isInt());
    }

    @Test
    void zipCodesWithALeadingZeroKeepTheWholeColumnText() throws IOException {
        Path file = write("zips.csv", """
                event_time,event_type,user_id,zip,count
                1767607200000,Visit,alice,94105,1
                1767607200000,Visit,alice,02134,2
                """);
        Map<String, ColumnType> types = csv(Set.of()).check(file);
        assertEquals(Map.of("zip", ColumnType.STRING, "count", ColumnType.NUMBER), types);
        RecordingSink sink = new RecordingSink();
        csv(Set.of()).load(file, sink);
        assertTrue(sink.events().get(0).eventProperties().get("zip").isTextual());
        assertEquals("94105", sink.events().get(0).eventProperties().get("zip").textValue());
    }

    @Test
    void declaredColumnTypesOverrideInference() throws IOException {
        Path file = write("typed.csv", """
                event_time,event_type,user_id,zip,code,flag
                1767607200000,Visit,alice,02134,12,true
                1767607200000,Visit,alice,94105,13,false
                """);
        Map<String, ColumnType> declared = new LinkedHashMap<>();
        declared.put("zip", ColumnType.NUMBER);
        declared.put("code", ColumnType.STRING);
        declared.put("flag", ColumnType.STRING);
        DelimitedEventLoader loader = new DelimitedEventLoader(DelimitedFormat.CSV, Set.of(), declared, 100);
        RecordingSink sink = new RecordingSink();
        loader.load(file, sink);
        assertEquals(AmplitudeEventsTest.json("{'zip': 2134, 'code': '12', 'flag': 'true'}"),
                sink.events().get(0).eventProperties());
    }

    @Test
    void aDeclaredTypeThatDoesNotFitFailsWithTheLine() throws IOException {
        Path file = write("typed.csv", """
                event_time,event_type,user_id,seats
                1767607200000,Visit,alice,3
                1767607200000,Visit,alice,three
                """);
        DelimitedEventLoader loader = new DelimitedEventLoader(DelimitedFormat.CSV, Set.of(),
                Map.of("seats", ColumnType.NUMBER), 100);
        RecordingSink sink = new RecordingSink();
        TroupeException e = malformed(() -> loader.load(file, sink), 3);
        assertTrue(e.getMessage().contains("column 'seats' is declared number, but 'three' is not a number"),
                e.getMessage());
        assertTrue(sink.batches.isEmpty());
    }

    @Test
    void aColumnTypeForAMissingOrNonPropertyColumnIsRefused() throws IOException {
        Path file = write("e.csv", "event_time,event_type,user_id,plan\n1767607200000,Visit,alice,pro\n");
        TroupeException missing = assertThrows(TroupeException.class, () -> new DelimitedEventLoader(
                DelimitedFormat.CSV, Set.of(), Map.of("plna", ColumnType.STRING), 10).load(file, new RecordingSink()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, missing.errorCode());
        assertTrue(missing.getMessage().contains("has no such column"), missing.getMessage());
        TroupeException fixed = assertThrows(TroupeException.class, () -> new DelimitedEventLoader(
                DelimitedFormat.CSV, Set.of(), Map.of("user_id", ColumnType.NUMBER), 10).load(file, new RecordingSink()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, fixed.errorCode());
    }

    @Test
    void tsvWorksTheSameAndHasNoQuoting() throws IOException {
        Path file = write("events.tsv", "event_time\tevent_type\tuser_id\torg_id\tnote\tn\n"
                + "2026-01-05T11:00:00+01:00\tCreate Report\talice\t42\tsays \"hi\", twice\t5\n"
                + "\n"
                + "1767607200000\tShare Report\tbob\t\t\t6\n");
        RecordingSink sink = new RecordingSink();
        LoadResult result = new DelimitedEventLoader(DelimitedFormat.TSV, Set.of("org_id")).load(file, sink);
        assertEquals(2, result.eventsStored());
        Event first = sink.events().get(0);
        assertEquals(JAN_5_10H, first.time());
        assertEquals(Map.of("org_id", List.of("42")), first.groups());
        assertEquals(5, first.eventProperties().get("n").intValue());
        assertEquals("says \"hi\", twice", first.eventProperties().get("note").textValue());
        assertFalse(sink.events().get(1).eventProperties().has("note"));
    }

    @Test
    void csvQuotedValuesMaySpanLinesAndLineNumbersStayRight() throws IOException {
        Path file = write("multi.csv", "event_time,event_type,user_id,comment\n"
                + "1767607200000,Comment,alice,\"first line\nsecond line, with comma\"\n"
                + "1767607200000,Comment,bob,plain\n"
                + "not-a-time,Comment,carol,x\n");
        TroupeException e = malformed(() -> csv(Set.of()).load(file, new RecordingSink()), 5);
        assertTrue(e.getMessage().contains("bad event_time: 'not-a-time' is not a time"), e.getMessage());

        Path good = write("multi-good.csv", "event_time,event_type,user_id,comment\n"
                + "1767607200000,Comment,alice,\"first line\nsecond line, with comma\"\n");
        RecordingSink sink = new RecordingSink();
        csv(Set.of()).load(good, sink);
        assertEquals("first line\nsecond line, with comma",
                sink.events().get(0).eventProperties().get("comment").textValue());
    }

    @Test
    void aBadLineFailsTheLoadWithItsLineNumberAndStoresNothing() throws IOException {
        StringBuilder content = new StringBuilder("event_time,event_type,user_id\n");
        for (int i = 0; i < 25; i++) {
            content.append("1767607200000,Open App,user-").append(i).append('\n');
        }
        content.append("1767607200000,Open App\n"); // line 27: a column short
        Path file = write("bad.csv", content.toString());
        RecordingSink sink = new RecordingSink();
        DelimitedEventLoader loader = new DelimitedEventLoader(DelimitedFormat.CSV, Set.of(), Map.of(), 10);
        TroupeException e = malformed(() -> loader.load(file, sink), 27);
        assertEquals("Malformed file " + file + ", line 27: expected 3 columns as in the header, found 2",
                e.getMessage());
        assertTrue(sink.batches.isEmpty(), "nothing may be stored when a line is bad");
    }

    @Test
    void missingEventTypeIdsOrTimeAreMalformedLines() throws IOException {
        Path noType = write("a.csv", "event_time,event_type,user_id\n1767607200000,,alice\n");
        assertTrue(malformed(() -> csv(Set.of()).load(noType, new RecordingSink()), 2).getMessage()
                .endsWith("the event_type is empty"));
        Path noIds = write("b.csv", "event_time,event_type,user_id,device_id\n1767607200000,Open,,\n");
        malformed(() -> csv(Set.of()).load(noIds, new RecordingSink()), 2);
        Path noTime = write("c.csv", "event_time,event_type,user_id\n,Open,alice\n");
        malformed(() -> csv(Set.of()).load(noTime, new RecordingSink()), 2);
        Path seconds = write("d.csv", "event_time,event_type,user_id\n-1767607200,Open,alice\n");
        malformed(() -> csv(Set.of()).load(seconds, new RecordingSink()), 2);
        Path badDate = write("e.csv", "event_time,event_type,user_id\n2026-02-30 10:00:00,Open,alice\n");
        malformed(() -> csv(Set.of()).load(badDate, new RecordingSink()), 2);
    }

    @Test
    void headerProblemsAreReportedOnTheHeaderLine() throws IOException {
        Path noType = write("a.csv", "event_time,user_id\n1767607200000,alice\n");
        assertTrue(malformed(() -> csv(Set.of()).load(noType, new RecordingSink()), 1).getMessage()
                .contains("no column 'event_type'"));
        Path noIds = write("b.csv", "event_time,event_type\n1767607200000,Open\n");
        malformed(() -> csv(Set.of()).load(noIds, new RecordingSink()), 1);
        Path twice = write("c.csv", "event_time,event_type,user_id,plan,plan\n");
        assertTrue(malformed(() -> csv(Set.of()).load(twice, new RecordingSink()), 1).getMessage()
                .contains("names column 'plan' twice"));
        Path empty = write("d.csv", "");
        assertTrue(malformed(() -> csv(Set.of()).load(empty, new RecordingSink()), 1).getMessage()
                .contains("the file is empty"));
    }

    @Test
    void anUnterminatedQuoteNamesTheLineItStartsOn() throws IOException {
        Path file = write("q.csv", "event_time,event_type,user_id,note\n"
                + "1767607200000,Open,alice,ok\n"
                + "1767607200000,Open,alice,\"never closed\n"
                + "1767607200000,Open,alice,ok\n");
        RecordingSink sink = new RecordingSink();
        malformed(() -> csv(Set.of()).load(file, sink), 3);
        assertTrue(sink.batches.isEmpty());
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsAreAccepted() throws IOException {
        Path file = write("excel.csv", "\uFEFFevent_time,event_type,user_id\r\n1767607200000,Open,alice\r\n");
        RecordingSink sink = new RecordingSink();
        csv(Set.of()).load(file, sink);
        assertEquals("alice", sink.events().get(0).userId());
        assertEquals(JAN_5_10H, sink.events().get(0).time());
    }

    @Test
    void notUtf8IsMalformed() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "event_time,event_type,user_id,city\n1767607200000,Open,alice,K\u00f6ln\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        TroupeException e = assertThrows(TroupeException.class, () -> csv(Set.of()).load(file, new RecordingSink()));
        assertEquals(ErrorCode.MALFORMED_FILE, e.errorCode());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aMissingFileIsNotReadable() {
        TroupeException e = assertThrows(TroupeException.class,
                () -> csv(Set.of()).load(dir.resolve("nope.csv"), new RecordingSink()));
        assertEquals(ErrorCode.FILE_NOT_READABLE, e.errorCode());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void batchesRespectTheBatchSizeAndResultsAddUp() throws IOException {
        StringBuilder content = new StringBuilder("event_time,event_type,user_id,insert_id\n");
        for (int i = 0; i < 23; i++) {
            content.append(JAN_5_10H + i).append(",Open App,user-").append(i % 4).append(",ins-").append(i % 20)
                    .append('\n');
        }
        Path file = write("many.csv", content.toString());
        RecordingSink sink = new RecordingSink();
        LoadResult result = new DelimitedEventLoader(DelimitedFormat.CSV, Set.of(), Map.of(), 5).load(file, sink);
        assertEquals(List.of(5, 5, 5, 5, 3), sink.batchSizes());
        assertEquals(23, result.commands());
        assertEquals(5, result.batches());
        assertEquals(20, result.eventsStored());
        assertEquals(3, result.duplicates());
        assertEquals(JAN_5_10H + 22, sink.events().get(22).time());
        assertTrue(result.summary().startsWith(file + ": 20 events stored, 3 duplicates (23 commands in 5 batches)"),
                result.summary());
    }

    @Test
    void theDefaultBatchSizeIsTenThousand() throws IOException {
        StringBuilder content = new StringBuilder("event_time,event_type,user_id\n");
        for (int i = 0; i < 10_001; i++) {
            content.append("1767607200000,Open,user-").append(i).append('\n');
        }
        RecordingSink sink = new RecordingSink();
        csv(Set.of()).load(write("big.csv", content.toString()), sink);
        assertEquals(List.of(10_000, 1), sink.batchSizes());
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        TroupeException e = assertThrows(TroupeException.class,
                () -> new DelimitedEventLoader(DelimitedFormat.CSV, Set.of(), Map.of(), 0));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
    }

    @Test
    void aSinkFailureKeepsEarlierBatchesAndPropagates() throws IOException {
        StringBuilder content = new StringBuilder("event_time,event_type,user_id\n");
        for (int i = 0; i < 10; i++) {
            content.append("1767607200000,Open,user-").append(i).append('\n');
        }
        Path file = write("ten.csv", content.toString());
        RecordingSink sink = new RecordingSink().failOnBatch(2);
        TroupeException e = assertThrows(TroupeException.class,
                () -> new DelimitedEventLoader(DelimitedFormat.CSV, Set.of(), Map.of(), 4).load(file, sink));
        assertEquals(ErrorCode.STORAGE_IO, e.errorCode());
        assertEquals(List.of(4), sink.batchSizes());
    }

    @Test
    void loadsTheSampleResource() throws IOException {
        Path file = dir.resolve("sample.csv");
        try (InputStream in = getClass().getResourceAsStream("/load/sample-events.csv")) {
            Files.copy(in, file);
        }
        RecordingSink sink = new RecordingSink();
        DelimitedEventLoader loader = new DelimitedEventLoader(DelimitedFormat.CSV, Set.of("org_id"));
        assertEquals(Map.of("plan", ColumnType.STRING, "zip", ColumnType.STRING, "seats", ColumnType.NUMBER,
                "trial", ColumnType.BOOLEAN), loader.check(file));
        LoadResult result = loader.load(file, sink);
        assertEquals(6, result.commands());
        ObjectNode properties = sink.events().get(0).eventProperties();
        assertEquals("01002", properties.get("zip").textValue());
        assertEquals(List.of("org-1"), sink.events().get(0).groups().get("org_id"));
    }
}
