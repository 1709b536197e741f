package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuplicatesTest {
    @Test
    void duplicatesAppearAtTheRequestedRateRightAfterTheirOriginal() {
        B2bGenerator.Config config = B2bGenerator.Config.builder()
                .seed(3).orgs(200).days(14).targetEvents(200_000).duplicateRate(0.02).build();
        Map<String, GeneratedEvent> byInsertId = new HashMap<>();
        long distinct = 0;
        long duplicates = 0;
        GeneratedCommand previous = null;
        for (GeneratedCommand command : new B2bGenerator(config)) {
            if (command instanceof GeneratedEvent event) {
                GeneratedEvent original = byInsertId.putIfAbsent(event.insertId(), event);
                if (original == null) {
                    distinct++;
                } else {
                    duplicates++;
                    assertSame(previous, original, "a retry follows its original");
                    assertEquals(original, event);
                }
            }
            previous = command;
        }
        assertEquals(200_000, distinct);
        double rate = (double) duplicates / distinct;
        assertTrue(rate > 0.017 && rate < 0.023, "duplicate rate " + rate);
    }

    @Test
    void noDuplicatesByDefault() {
        B2bGenerator.Config config = B2bGenerator.Config.builder().orgs(50).days(5).targetEvents(20_000).build();
        assertEquals(20_000, new B2bGenerator(config).events().map(GeneratedEvent::insertId).distinct().count());
        assertEquals(20_000, new B2bGenerator(config).events().count());
    }
}
