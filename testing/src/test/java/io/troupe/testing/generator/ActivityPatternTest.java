package io.troupe.testing.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityPatternTest {
    @Test
    void weekdaysAreBusierThanWeekends() {
        long[] byDay = new long[7];
        for (GeneratedEvent event : SampleStream.get().events) {
            DayOfWeek day = Instant.ofEpochMilli(event.time()).atZone(ZoneOffset.UTC).getDayOfWeek();
            byDay[day.getValue() - 1]++;
        }
        long weekday = (byDay[0] + byDay[1] + byDay[2] + byDay[3]) / 4;
        long weekend = (byDay[5] + byDay[6]) / 2;
        assertTrue(weekday > 2.5 * weekend, "weekday " + weekday + " vs weekend " + weekend);
    }

    @Test
    void hoursHaveADailyRhythm() {
        long[] byHour = new long[24];
        List<GeneratedEvent> events = SampleStream.get().events;
        for (GeneratedEvent event : events) {
            ZonedDateTime time = Instant.ofEpochMilli(event.time()).atZone(ZoneOffset.UTC);
            byHour[time.getHour()]++;
        }
        long busiest = 0;
        long quietest = Long.MAX_VALUE;
        for (long count : byHour) {
            busiest = Math.max(busiest, count);
            quietest = Math.min(quietest, count);
        }
        assertTrue(busiest > 3 * quietest, "busiest hour " + busiest + " vs quietest " + quietest);
    }
}
