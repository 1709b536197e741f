package io.troupe.server.ingest;

import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.Identify;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Amplitude's per-user throttle: at most {@code ingest.eventsPerUserPerSecond} events (identifies included)
 * per second for each user id and each device id of a project. A request is admitted whole or refused whole
 * (a refused request counts for nothing), so a client that retries after the second has passed gets in.
 * Counts are kept for the current second of the server's clock only. Thread-safe.
 */
final class UserRateLimit {
    private final int perSecond;
    private final Clock clock;
    private final Map<String, Integer> counts = new HashMap<>();
    private long currentSecond = Long.MIN_VALUE;

    /**
     * Why a request was throttled, as Amplitude's 429 says it.
     *
     * @param users   user id -> the events it would have reached this second
     * @param devices device id -> likewise
     * @param items   indexes of the request's items (events) of those users and devices, ascending
     */
    record Throttled(Map<String, Integer> users, Map<String, Integer> devices, List<Integer> items) {
    }

    UserRateLimit(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Counts the request's commands if every user and device stays within the limit; else counts none of them. */
    synchronized Throttled admit(String project, List<Command> commands, Upload upload) {
        long second = Math.floorDiv(clock.millis(), 1000L);
        if (second != currentSecond) {
            counts.clear();
            currentSecond = second;
        }
        Map<String, Integer> users = new LinkedHashMap<>();
        Map<String, Integer> devices = new LinkedHashMap<>();
        for (Command command : commands) {
            String user = userId(command);
            String device = command instanceof Event e ? e.deviceId() : null;
            if (user != null) {
                users.merge(user, 1, Integer::sum);
            }
            if (device != null) {
                devices.merge(device, 1, Integer::sum);
            }
        }
        Map<String, Integer> throttledUsers = over(project, "u", users);
        Map<String, Integer> throttledDevices = over(project, "d", devices);
        if (throttledUsers.isEmpty() && throttledDevices.isEmpty()) {
            users.forEach((user, n) -> counts.merge(key(project, "u", user), n, Integer::sum));
            devices.forEach((device, n) -> counts.merge(key(project, "d", device), n, Integer::sum));
            return null;
        }
        TreeSet<Integer> items = new TreeSet<>();
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            String user = userId(command);
            String device = command instanceof Event e ? e.deviceId() : null;
            if ((user != null && throttledUsers.containsKey(user)) || (device != null && throttledDevices.containsKey(device))) {
                items.add(upload.itemOf(i));
            }
        }
        return new Throttled(throttledUsers, throttledDevices, List.copyOf(items));
    }

    private Map<String, Integer> over(String project, String kind, Map<String, Integer> requested) {
        Map<String, Integer> over = new TreeMap<>();
        requested.forEach((id, n) -> {
            int total = counts.getOrDefault(key(project, kind, id), 0) + n;
            if (total > perSecond) {
                over.put(id, total);
            }
        });
        return over;
    }

    int perSecond() {
        return perSecond;
    }

    private static String userId(Command command) {
        if (command instanceof Event e) {
            return e.userId();
        }
        return command instanceof Identify i ? i.userId() : null;
    }

    private static String key(String project, String kind, String id) {
        return project + '\n' + kind + '\n' + id;
    }
}
