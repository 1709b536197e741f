package io.troupe.storage.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ByteWriterTest {
    /** ASCII is copied char by char, the rest through the JDK's encoder: both must give the JDK's bytes. */
    private static final String[] STRINGS = {"", "a", "user-000123", "x".repeat(300), "é", "naïve café",
        "\uD83D\uDE00 emoji", "unpaired \uD800 high", "unpaired \uDC00 low", "\u0000nul", "\u007F\u0080",
        "\u0141ódź", "A\u0141", "\u00FF\u0100"};

    @Test
    void stringsAreLengthPrefixedUtf8AsTheJdkEncodesThem() {
        ByteWriter out = new ByteWriter(1); // grows on every write
        for (String s : STRINGS) {
            out.writeString(s);
            out.writeNullableString(s);
        }
        out.writeNullableString(null);
        ByteReader in = new ByteReader(out.toByteArray());
        for (String s : STRINGS) {
            String expected = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertEquals(expected, in.readString());
            assertEquals(expected, in.readNullableString());
        }
        assertNull(in.readNullableString());
    }

    @Test
    void rawUtf8HasNoPrefix() {
        for (String s : STRINGS) {
            ByteWriter out = new ByteWriter(2);
            out.writeRawUtf8(s);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), out.toByteArray(), () -> Arrays.toString(s.toCharArray()));
        }
    }
}
