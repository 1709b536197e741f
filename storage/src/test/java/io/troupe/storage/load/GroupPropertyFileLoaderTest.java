package io.troupe.storage.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.GroupIdentify;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupPropertyFileLoaderTest {
    private static final long NOW = 1_767_607_200_000L;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<GroupIdentify> identifies(RecordingSink sink) {
        return sink.commands().stream().map(GroupIdentify.class::cast).toList();
    }

    @Test
    void rowsBecomeSetsAndUnsetsTypedCellByCell() throws IOException {
        Path file = write("orgs.csv", """
                group_type,group_value,property,value,valid_from
                org_id,42,plan,enterprise,2026-01-01T00:00:00Z
                org_id,42,seats,25,2026-01-01T00:00:00Z
                org_id,42,zip,02134,2026-01-01T00:00:00Z
                org_id,42,churned,false,2026-01-01T00:00:00Z
                org_id,42,discount,0.5,2026-01-01T00:00:00Z
                org_id,42,coupon,,2026-01-01T00:00:00Z
                org_id,42,plan,enterprise plus,1767607200000
                org_id,43,plan,starter,
                """);
        RecordingSink sink = new RecordingSink();
        LoadResult result = new GroupPropertyFileLoader(DelimitedFormat.CSV, null, 100).load(file, sink, NOW);
        List<GroupIdentify> identifies = identifies(sink);
        assertEquals(3, identifies.size());
        assertEquals(3, result.groupIdentifiesApplied());

        GroupIdentify first = identifies.get(0);
        assertEquals("org_id", first.groupType());
        assertEquals("42", first.groupValue());
        assertEquals(1_767_225_600_000L, first.time());
        assertEquals(AmplitudeEventsTest.json("{'$set': {'plan': 'enterprise', 'seats': 25, 'zip': '02134',"
                + " 'churned': false, 'discount': 0.5}, '$unset': {'coupon': '-'}}"), first.propertyOperations());

        assertEquals(NOW, identifies.get(1).time());
        assertEquals(AmplitudeEventsTest.json("{'$set': {'plan': 'enterprise plus'}}"),
                identifies.get(1).propertyOperations());
        assertEquals("43", identifies.get(2).groupValue());
        assertEquals(NOW, identifies.get(2).time());
    }

    @Test
    void theSamePropertyTwiceStartsANewCommand() throws IOException {
        Path file = write("twice.csv", """
                group_type,group_value,property,value
                org_id,42,plan,free
                org_id,42,plan,pro
                """);
        RecordingSink sink = new RecordingSink();
        new GroupPropertyFileLoader(DelimitedFormat.CSV, null, 100).load(file, sink, NOW);
        List<GroupIdentify> identifies = identifies(sink);
        assertEquals(2, identifies.size());
        assertEquals("pro", identifies.get(1).propertyOperations().get("$set").get("plan").textValue());
    }

    @Test
    void theGroupTypeMayComeFromTheCaller() throws IOException {
        Path file = write("orgs.tsv", "group_value\tproperty\tvalue\n42\tplan\tpro\n43\tplan\tfree\n");
        RecordingSink sink = new RecordingSink();
        new GroupPropertyFileLoader(DelimitedFormat.TSV, "org_id", 1).load(file, sink, NOW);
        assertEquals(List.of(1, 1), sink.batchSizes());
        assertEquals("org_id", identifies(sink).get(1).groupType());

        TroupeException noType = assertThrows(TroupeException.class,
                () -> new GroupPropertyFileLoader(DelimitedFormat.TSV, null, 10).load(file, new RecordingSink(), NOW));
        assertEquals(ErrorCode.MALFORMED_FILE, noType.errorCode());
        assertTrue(noType.getMessage().contains("line 1: the header has no column 'group_type'"), noType.getMessage());
    }

    @Test
    void aBadRowFailsWithItsLineAndStoresNothing() throws IOException {
        Path file = write("bad.csv", """
                group_type,group_value,property,value,valid_from
                org_id,42,plan,pro,2026-01-01
                org_id,43,plan,pro,next week
                """);
        RecordingSink sink = new RecordingSink();
        TroupeException e = assertThrows(TroupeException.class,
                () -> new GroupPropertyFileLoader(DelimitedFormat.CSV, null, 1).load(file, sink, NOW));
        assertEquals(ErrorCode.MALFORMED_FILE, e.errorCode());
        assertTrue(e.getMessage().contains(", line 3: bad valid_from: 'next week' is not a time"), e.getMessage());
        assertTrue(sink.batches.isEmpty());

        Path noValue = write("novalue.csv", "group_type,group_value,property,value\norg_id,,plan,pro\n");
        assertTrue(assertThrows(TroupeException.class, () -> new GroupPropertyFileLoader(DelimitedFormat.CSV, null, 1)
                .load(noValue, sink, NOW)).getMessage().endsWith("line 2: the group_value is empty"));
        Path unknown = write("unknown.csv", "group_type,group_value,property,value,owner\n");
        assertTrue(assertThrows(TroupeException.class, () -> new GroupPropertyFileLoader(DelimitedFormat.CSV, null, 1)
                .load(unknown, sink, NOW)).getMessage().contains("unknown column 'owner'"));
    }
}
