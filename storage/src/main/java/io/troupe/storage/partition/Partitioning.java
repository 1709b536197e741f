package io.troupe.storage.partition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How events are split into time partitions (UTC). A partition is the unit of pruning, flush and retention. */
public enum Partitioning {
    HOUR(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")),
    DAY(DateTimeFormatter.ofPattern("yyyy-MM-dd")),
    MONTH(DateTimeFormatter.ofPattern("yyyy-MM"));

    private final DateTimeFormatter keyFormat;

    Partitioning(DateTimeFormatter keyFormat) {
        this.keyFormat = keyFormat.withZone(ZoneOffset.UTC);
    }

    /** The start (ms) of the partition holding {@code time}. */
    public long startOf(long time) {
        return switch (this) {
            case HOUR -> Math.floorDiv(time, 3_600_000L) * 3_600_000L;
            case DAY -> Math.floorDiv(time, 86_400_000L) * 86_400_000L;
            case MONTH -> {
                ZonedDateTime t = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC);
                yield t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant().toEpochMilli();
            }
        };
    }

    /** The start of the partition after the one starting at {@code start}. */
    public long next(long start) {
        return switch (this) {
            case HOUR -> start + 3_600_000L;
            case DAY -> start + 86_400_000L;
            case MONTH -> Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
        };
    }

    /** The partition's folder name, e.g. {@code 2026-01-05}. */
    public String key(long start) {
        return keyFormat.format(Instant.ofEpochMilli(start));
    }

    /** Months do not fit 32-bit millisecond offsets (24.8 days do). */
    public boolean needsWideTime() {
        return this == MONTH;
    }
}
