package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Generates a million events without holding them, to show the stream scales (timing is printed, not asserted). */
class ScaleTest {
    @Test
    void generatesAMillionEvents() {
        B2bGenerator generator = new B2bGenerator(B2bGenerator.Config.builder().seed(1).targetEvents(1_000_000).build());
        long started = System.nanoTime();
        long events = 0;
        long checksum = 0;
        for (GeneratedCommand command : generator) {
            if (command instanceof GeneratedEvent event) {
                events++;
                checksum += event.time();
            }
        }
        System.out.printf("generated %,d events in %.2f s (checksum %d)%n", events,
                (System.nanoTime() - started) / 1e9, checksum);
        assertEquals(1_000_000, events);
    }
}
