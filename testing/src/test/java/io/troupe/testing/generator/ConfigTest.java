package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaults() {
        B2bGenerator.Config config = B2bGenerator.Config.defaults();
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), config.start());
        assertEquals("org_id", config.groupType());
        assertNull(config.accountGroupType());
        assertEquals(30, config.days());
        assertEquals(config, config.toBuilder().build());
        assertEquals(config.startMillis() + 30 * 86_400_000L, config.endMillis());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> B2bGenerator.Config.builder().orgs(0).build());
        assertThrows(IllegalArgumentException.class, () -> B2bGenerator.Config.builder().days(0).build());
        assertThrows(IllegalArgumentException.class, () -> B2bGenerator.Config.builder().duplicateRate(1.5).build());
        assertThrows(IllegalArgumentException.class,
                () -> B2bGenerator.Config.builder().accountGroupType("org_id").build());
    }

    @Test
    void groupTypeNamesAreConfigurable() {
        B2bGenerator.Config config = B2bGenerator.Config.builder().orgs(40).days(7).targetEvents(20_000)
                .groupType("org id").accountGroupType("account_id").build();
        long invoicesWithAccount = new B2bGenerator(config).events()
                .filter(event -> event.eventType().equals(EventTypes.SEND_INVOICE))
                .peek(event -> assertEquals(List.of("org id", "account_id"), List.copyOf(event.groups().keySet())))
                .count();
        assertTrue(invoicesWithAccount > 10);
        assertTrue(new B2bGenerator(config).stream().anyMatch(command -> command instanceof GeneratedGroupChange change
                && change.groupType().equals("account_id")));
        assertTrue(new B2bGenerator(config).stream().anyMatch(command -> command instanceof GeneratedIdentify identify
                && identify.groups().containsKey("org id") && identify.groups().containsKey("account_id")));
    }

    @Test
    void startNeedNotBeOnAnHour() {
        Instant start = Instant.parse("2026-03-10T10:17:00.250Z");
        B2bGenerator.Config config = B2bGenerator.Config.builder().orgs(20).days(2).targetEvents(5_000)
                .start(start).build();
        assertTrue(new B2bGenerator(config).stream().allMatch(command -> command.time() >= start.toEpochMilli()
                && command.time() < config.endMillis()));
        assertEquals(5_000, new B2bGenerator(config).events().count());
    }
}
