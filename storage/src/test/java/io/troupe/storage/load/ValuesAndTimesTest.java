package io.troupe.storage.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cell and time rules every file loader shares. */
class ValuesAndTimesTest {
    @Test
    void plainNumbersFollowJsonGrammar() {
        for (String number : List.of("0", "-0", "7", "0.5", "-3.25", "10", "1e3", "2.5E-4", "123456789012345678901234")) {
            assertTrue(CellValues.isPlainNumber(number), number);
        }
        for (String text : List.of("", "-", "02134", "007", ".5", "1.", "+1", "1e", "0x10", "1,000", " 1", "NaN",
                "Infinity", "1_000")) {
            assertFalse(CellValues.isPlainNumber(text), text);
        }
    }

    @Test
    void inferredCellsBecomeTheSmallestFittingNode() {
        assertTrue(CellValues.inferred("42").isInt());
        assertTrue(CellValues.inferred("1767607200000").isLong());
        assertTrue(CellValues.inferred("123456789012345678901234").isBigInteger());
        assertEquals(0.5, CellValues.inferred("0.5").doubleValue());
        assertTrue(CellValues.inferred("1e400").isBigDecimal());
        assertTrue(CellValues.inferred("True").booleanValue());
        assertTrue(CellValues.inferred("02134").isTextual());
        assertTrue(CellValues.inferred("yes").isTextual());
    }

    @Test
    void declaredNumbersAcceptLeadingZeros() {
        JsonNode zip = CellValues.typed(ColumnType.NUMBER, "02134");
        assertTrue(zip.isInt());
        assertEquals(2134, zip.intValue());
        assertEquals(2.0, CellValues.typed(ColumnType.NUMBER, "+2.0").doubleValue());
        assertTrue(CellValues.typed(ColumnType.NUMBER, "1e999999999").isBigDecimal());
        assertThrows(IllegalArgumentException.class, () -> CellValues.typed(ColumnType.NUMBER, "12 345"));
        assertThrows(IllegalArgumentException.class, () -> CellValues.typed(ColumnType.BOOLEAN, "yes"));
        assertEquals("007", CellValues.typed(ColumnType.STRING, "007").textValue());
    }

    @Test
    void columnInferenceNeedsEveryValue() {
        assertEquals(ColumnType.NUMBER, infer("1", "", "0.5", "0"));
        assertEquals(ColumnType.STRING, infer("94105", "02134"));
        assertEquals(ColumnType.BOOLEAN, infer("true", "", "FALSE"));
        assertEquals(ColumnType.STRING, infer("true", "1"));
        assertEquals(ColumnType.STRING, infer("", ""));
    }

    private static ColumnType infer(String... cells) {
        ColumnTypeInference inference = new ColumnTypeInference();
        for (String cell : cells) {
            inference.accept(cell);
        }
        return inference.result();
    }

    @Test
    void eventTimesAcceptEpochMillisAndIso() {
        long expected = 1_767_607_200_000L; // 2026-01-05T10:00:00Z
        assertEquals(expected, EventTimes.parse("1767607200000"));
        assertEquals(expected, EventTimes.parse("2026-01-05T10:00:00Z"));
        assertEquals(expected, EventTimes.parse("2026-01-05 10:00:00"));
        assertEquals(expected, EventTimes.parse("2026-01-05T10:00"));
        assertEquals(expected, EventTimes.parse("2026-01-05T12:00:00+02:00"));
        assertEquals(expected + 123, EventTimes.parse("2026-01-05 10:00:00.123456"));
        assertEquals(expected - 36_000_000, EventTimes.parse("2026-01-05"));
        assertEquals(0, EventTimes.parse("0"));
        for (String bad : List.of("", "yesterday", "2026-13-01", "2026-01-05T25:00:00", "-1", "1.5",
                "99999999999999999", "10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
            assertThrows(IllegalArgumentException.class, () -> EventTimes.parse(bad), bad);
        }
    }
}
