package io.troupe.storage.dynamic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.io.FileIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DynamicProperties}: persisted definitions and {@link RefreshWindow}'s periods. */
class DynamicPropertiesTest {
    @TempDir
    Path dir;

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void definitionsAndRefreshStateSurviveAReopen() {
        DynamicProperties defs = DynamicProperties.open(dir, FileIO.local());
        DynamicProperty wau = DynamicProperty.define("weekly_active_users", "org_id", "UNIQUES()",
                "event_type = 'Open App'", RefreshWindow.calendarWeek(), at("2026-01-07T10:00:00Z"));
        defs.put(wau);
        defs.put(DynamicProperty.define("events_30d", "org_id", "COUNT(*)", null, RefreshWindow.lastDays(30), 5));
        defs.markRefreshed(wau, at("2026-01-07T10:00:01Z"), at("2026-01-05T00:00:00Z"));
        assertTrue(defs.remove("events_30d"));
        assertFalse(defs.remove("events_30d"));

        DynamicProperties reopened = DynamicProperties.open(dir, FileIO.local());
        assertEquals(List.of(wau.refreshed(at("2026-01-07T10:00:01Z"), at("2026-01-05T00:00:00Z"))), reopened.list());
        assertTrue(reopened.isOrWasDynamic("events_30d"), "a dropped name stays known as dynamic");
        assertNull(reopened.get("events_30d"));
        assertEquals(at("2026-01-12T00:00:00Z"), reopened.get("weekly_active_users").nextRefreshAt());
    }

    @Test
    void aRefreshOfADefinitionReplacedMeanwhileIsNotRecorded() {
        DynamicProperties defs = DynamicProperties.open(dir, FileIO.local());
        DynamicProperty old = DynamicProperty.define("p", "org_id", "COUNT(*)", null, RefreshWindow.lastDays(7), 1);
        defs.put(old);
        DynamicProperty replaced = DynamicProperty.define("p", "org_id", "UNIQUES()", null, RefreshWindow.lastDays(7), 2);
        defs.put(replaced);
        defs.markRefreshed(old, 10, 0);
        assertEquals(replaced, defs.get("p"));
    }

    @Test
    void aNewerFormatIsRefused() throws Exception {
        Files.writeString(dir.resolve(DynamicProperties.FILE_NAME),
                "{\"formatVersion\": 99, \"properties\": [], \"retiredNames\": []}", StandardCharsets.UTF_8);
        TroupeException e = assertThrows(TroupeException.class, () -> DynamicProperties.open(dir, FileIO.local()));
        assertEquals(ErrorCode.UNSUPPORTED_FORMAT_VERSION, e.errorCode());
    }

    @Test
    void rollingWindowsCountTheCompleteDaysBeforeTheRefreshDay() {
        RefreshWindow w = RefreshWindow.lastDays(7);
        long period = w.periodStart(at("2026-03-04T15:30:00Z"));
        assertEquals(at("2026-03-04T00:00:00Z"), period);
        assertEquals(at("2026-02-25T00:00:00Z"), w.from(period));
        assertEquals(at("2026-03-04T00:00:00Z"), w.to(period));
        assertEquals(at("2026-03-05T00:00:00Z"), w.nextPeriodStart(period));
    }

    @Test
    void calendarWindowsAreTheLastCompleteIsoWeekOrMonth() {
        RefreshWindow week = RefreshWindow.calendarWeek();
        long monday = week.periodStart(at("2026-01-04T23:59:59Z")); // a Sunday
        assertEquals(at("2025-12-29T00:00:00Z"), monday);
        assertEquals(at("2025-12-22T00:00:00Z"), week.from(monday));
        assertEquals(at("2026-01-05T00:00:00Z"), week.nextPeriodStart(monday));

        RefreshWindow month = RefreshWindow.calendarMonth();
        long march = month.periodStart(at("2026-03-31T12:00:00Z"));
        assertEquals(at("2026-03-01T00:00:00Z"), march);
        assertEquals(at("2026-02-01T00:00:00Z"), month.from(march));
        assertEquals(at("2026-04-01T00:00:00Z"), month.nextPeriodStart(march));
    }

    @Test
    void windowsOutsideTheLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RefreshWindow.lastDays(0));
        assertThrows(IllegalArgumentException.class, () -> RefreshWindow.lastDays(RefreshWindow.MAX_DAYS + 1));
        assertEquals("LAST INTERVAL '90' DAY", RefreshWindow.lastDays(90).sql());
    }
}
