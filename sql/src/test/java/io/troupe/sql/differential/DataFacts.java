package io.troupe.sql.differential;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * What the corpus generator knows about the copied data, so that filters hit real values: the event types,
 * orgs, users and devices present, which orgs and event types are small (selective filters for row-level
 * queries), and every event time (time-range bounds are often exact event times, to test inclusive and
 * exclusive edges).
 */
public record DataFacts(List<String> eventTypes, List<String> rareEventTypes, List<String> orgIds,
                        List<String> smallOrgIds, List<String> userIds, List<String> deviceIds, long[] times) {
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** From the rows of {@link DuckDbMirror#eventsSelect()} (columns 0..5: time, type, user, device, insert id, org). */
    public static DataFacts of(List<List<Object>> events) {
        Map<String, Integer> typeCounts = new HashMap<>();
        Map<String, Integer> orgCounts = new HashMap<>();
        TreeSet<String> users = new TreeSet<>();
        TreeSet<String> devices = new TreeSet<>();
        long[] times = new long[events.size()];
        int i = 0;
        for (List<Object> row : events) {
            times[i++] = ((Timestamp) row.get(0)).getTime();
            typeCounts.merge((String) row.get(1), 1, Integer::sum);
            if (row.get(2) != null) {
                users.add((String) row.get(2));
            }
            if (row.get(3) != null) {
                devices.add((String) row.get(3));
            }
            if (row.get(5) != null) {
                orgCounts.merge((String) row.get(5), 1, Integer::sum);
            }
        }
        Arrays.sort(times);
        List<String> types = new ArrayList<>(new TreeSet<>(typeCounts.keySet()));
        List<String> rare = types.stream().filter(t -> typeCounts.get(t) <= 300).toList();
        List<String> orgs = new ArrayList<>(new TreeSet<>(orgCounts.keySet()));
        List<String> small = orgs.stream().filter(o -> orgCounts.get(o) <= 400).toList();
        return new DataFacts(types, rare.isEmpty() ? types : rare, orgs, small.isEmpty() ? orgs : small,
                new ArrayList<>(users), new ArrayList<>(devices), times);
    }

    public long minTime() {
        return times[0];
    }

    public long maxTime() {
        return times[times.length - 1];
    }

    /** An event time of the data. */
    public long someTime(Random r) {
        return times[r.nextInt(times.length)];
    }

    /** A SQL timestamp literal, e.g. {@code TIMESTAMP '2026-01-05 13:45:12.345'}. */
    public static String literal(long millis) {
        return "TIMESTAMP '" + LITERAL.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)) + "'";
    }
}
