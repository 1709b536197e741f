package io.troupe.storage.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.event.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertyCodecTest {
    private static ObjectNode sample() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("""
                {"platform":"iOS","amount":12.5,"count":42,"big":123456789012345678901234567890,
                 "zip":"02134","trial":true,"off":false,"none":null,"tags":["a",1,{"x":[true]}],
                 "nested":{"k":"v","n":-7},"unicode":"été ✓","negative":-9223372036854775808}""");
    }

    @Test
    void inlineModeRoundTripsEveryJsonValue() throws Exception {
        ObjectNode properties = sample();
        ByteWriter out = new ByteWriter(8);
        PropertyCodec.encode(properties, out);
        ObjectNode back = PropertyCodec.decode(new ByteReader(out.toByteArray()));
        assertEquals(properties, back);
    }

    @Test
    void dictionaryModeStoresTopLevelStringsAsIdsAndRoundTrips() throws Exception {
        ObjectNode properties = sample();
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Map<String, Integer> keyIds = new HashMap<>();
        Map<String, Integer> valueIds = new HashMap<>();
        ByteWriter out = new ByteWriter(8);
        PropertyCodec.encode(properties, out,
                k -> keyIds.computeIfAbsent(k, x -> { keys.add(x); return keys.size() - 1; }),
                v -> valueIds.computeIfAbsent(v, x -> { values.add(x); return values.size() - 1; }));
        assertTrue(values.contains("iOS") && values.contains("02134"));
        assertTrue(!values.contains("v"), "nested strings stay inline");
        ObjectNode back = PropertyCodec.decode(new ByteReader(out.toByteArray()), keys::get, values::get);
        assertEquals(properties, back);

        ByteWriter inline = new ByteWriter(8);
        PropertyCodec.encode(properties, inline);
        assertTrue(out.size() < inline.size(), "ids are smaller than the strings they replace");
    }

    @Test
    void bothModesInOneWalkGiveTheSameBytesAsEachModeAlone() throws Exception {
        ObjectNode properties = sample();
        Map<String, Integer> keyIds = new HashMap<>();
        Map<String, Integer> valueIds = new HashMap<>();
        java.util.function.ToIntFunction<String> keys = k -> keyIds.computeIfAbsent(k, x -> keyIds.size());
        java.util.function.ToIntFunction<String> values = v -> valueIds.computeIfAbsent(v, x -> valueIds.size());
        ByteWriter inline = new ByteWriter(8);
        ByteWriter withIds = new ByteWriter(8);
        PropertyCodec.encodeBoth(properties, inline, withIds, keys, values);
        ByteWriter inlineAlone = new ByteWriter(8);
        PropertyCodec.encode(properties, inlineAlone);
        ByteWriter idsAlone = new ByteWriter(8);
        PropertyCodec.encode(properties, idsAlone, keys, values);
        org.junit.jupiter.api.Assertions.assertArrayEquals(inlineAlone.toByteArray(), inline.toByteArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(idsAlone.toByteArray(), withIds.toByteArray());
    }

    @Test
    void truncatedDataIsACorruptionErrorNotGarbage() throws Exception {
        ByteWriter out = new ByteWriter(8);
        PropertyCodec.encode(sample(), out);
        byte[] bytes = out.toByteArray();
        for (int length = 0; length < bytes.length; length++) {
            ByteReader in = new ByteReader(bytes, 0, length);
            TroupeException e = assertThrows(TroupeException.class, () -> PropertyCodec.decode(in), "length " + length);
            assertEquals(ErrorCode.STORAGE_CORRUPT, e.errorCode());
        }
    }

    @Test
    void varintsAndZigZagCoverTheirRanges() {
        long[] samples = {0, 1, -1, 127, 128, -64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        ByteWriter out = new ByteWriter(8);
        for (long v : samples) {
            out.writeZigZag(v);
            out.writeVarLong(v);
        }
        ByteReader in = new ByteReader(out.toByteArray());
        for (long v : samples) {
            assertEquals(v, in.readZigZag());
            assertEquals(v, in.readVarLong());
        }
    }
}
