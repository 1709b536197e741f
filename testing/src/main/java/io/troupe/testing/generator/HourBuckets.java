package io.troupe.testing.generator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Holds generated commands by the hour they fall in, until the stream reaches that hour.
 *
 * <p>Why: a workflow started now schedules its later steps hours or days ahead; keeping them in per-hour
 * buckets lets the stream emit one hour at a time, sorted, while only the pending future steps (not the
 * whole data set) stay in memory. Events per bucket are counted so each hour can be filled to its budget.
 */
final class HourBuckets {
    private final long start;
    private final long end;
    private final List<List<GeneratedCommand>> buckets;
    private final int[] eventCounts;

    HourBuckets(long start, long end, int hours) {
        this.start = start;
        this.end = end;
        this.buckets = new ArrayList<>(Collections.nCopies(hours, null));
        this.eventCounts = new int[hours];
    }

    /** Whether a command at that time would be kept: inside the generated period. */
    boolean accepts(long time) {
        return time >= start && time < end;
    }

    /** Adds a command to its hour; commands outside the period are dropped. Returns whether it was kept. */
    boolean add(GeneratedCommand command) {
        long time = command.time();
        if (!accepts(time)) {
            return false;
        }
        int hour = (int) ((time - start) / ActivityCalendar.HOUR);
        List<GeneratedCommand> bucket = buckets.get(hour);
        if (bucket == null) {
            bucket = new ArrayList<>();
            buckets.set(hour, bucket);
        }
        bucket.add(command);
        if (command instanceof GeneratedEvent) {
            eventCounts[hour]++;
        }
        return true;
    }

    int eventCount(int hour) {
        return eventCounts[hour];
    }

    /** Removes and returns the commands of that hour, in insertion order (never null). */
    List<GeneratedCommand> take(int hour) {
        List<GeneratedCommand> bucket = buckets.set(hour, null);
        return bucket == null ? new ArrayList<>(0) : bucket;
    }
}
