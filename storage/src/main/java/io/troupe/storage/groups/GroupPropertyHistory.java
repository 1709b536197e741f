package io.troupe.storage.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.storage.ingest.Resolved;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;

/**
 * Every value every group property has had: (group type, group, property, value, valid_from, valid_to).
 * A value is in force from its {@code valid_from} until the next change of that property; an unset is a
 * change to null. A change dated before later ones (a backfill) is inserted in time order; two changes
 * at the same time keep arrival order, so the later one is in force.
 *
 * <p>Held in memory (group properties are few next to events) and persisted as change files at each
 * checkpoint (see {@link GroupHistoryFiles}); changes since the last checkpoint are replayed from the WAL.
 */
public final class GroupPropertyHistory {
    /** One value of one property, in force during {@code [validFrom, validTo)}; validTo is MAX_VALUE while current. */
    public record Entry(String property, JsonNode value, long validFrom, long validTo) {
    }

    private static final class Timeline {
        long[] times = new long[2];
        JsonNode[] values = new JsonNode[2];
        int size;

        void insert(long time, JsonNode value) {
            if (size == times.length) {
                times = java.util.Arrays.copyOf(times, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            int at = size;
            while (at > 0 && times[at - 1] > time) {
                at--;
            }
            System.arraycopy(times, at, times, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
            times[at] = time;
            values[at] = value;
            size++;
        }

        JsonNode at(long time) {
            int lo = 0;
            int hi = size - 1;
            int found = -1;
            while (lo <= hi) { // last entry with times[i] <= time
                int mid = (lo + hi) >>> 1;
                if (times[mid] <= time) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found < 0 ? null : values[found];
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Integer, Map<String, Map<String, Timeline>>> groups = new HashMap<>();
    private final List<Resolved.GroupChange> pending = new ArrayList<>();
    private long changes;

    /** Applies one group's changes; {@code remember} keeps it for the next checkpoint file. */
    public void apply(Resolved.GroupChange change, boolean remember) {
        lock.writeLock().lock();
        try {
            Map<String, Timeline> properties = groups.computeIfAbsent(change.groupTypeId(), t -> new HashMap<>())
                    .computeIfAbsent(change.groupValue(), g -> new TreeMap<>());
            for (Resolved.PropertyValue value : change.values()) {
                properties.computeIfAbsent(value.name(), p -> new Timeline()).insert(change.time(), value.value());
                changes++;
            }
            if (remember) {
                pending.add(change);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The changes applied since the last call: what the next checkpoint writes. */
    public List<Resolved.GroupChange> drainPending() {
        lock.writeLock().lock();
        try {
            List<Resolved.GroupChange> drained = new ArrayList<>(pending);
            pending.clear();
            return drained;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Puts changes back at the front after a failed checkpoint. */
    public void restorePending(List<Resolved.GroupChange> changes) {
        lock.writeLock().lock();
        try {
            pending.addAll(0, changes);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The group's current properties (latest value of each property that is not unset). */
    public ObjectNode current(int groupTypeId, String groupValue) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        lock.readLock().lock();
        try {
            Map<String, Timeline> properties = properties(groupTypeId, groupValue);
            properties.forEach((name, timeline) -> {
                JsonNode value = timeline.values[timeline.size - 1];
                if (value != null) {
                    result.set(name, value);
                }
            });
        } finally {
            lock.readLock().unlock();
        }
        return result;
    }

    /** The value in force at {@code time}, or null (never set by then, or unset). */
    public JsonNode valueAt(int groupTypeId, String groupValue, String property, long time) {
        lock.readLock().lock();
        try {
            Timeline timeline = properties(groupTypeId, groupValue).get(property);
            return timeline == null ? null : timeline.at(time);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The latest value, or null. */
    public JsonNode currentValue(int groupTypeId, String groupValue, String property) {
        return valueAt(groupTypeId, groupValue, property, Long.MAX_VALUE);
    }

    /** Every value the group's properties have had, by property then time. */
    public List<Entry> history(int groupTypeId, String groupValue) {
        List<Entry> entries = new ArrayList<>();
        lock.readLock().lock();
        try {
            properties(groupTypeId, groupValue).forEach((name, t) -> {
                for (int i = 0; i < t.size; i++) {
                    entries.add(new Entry(name, t.values[i], t.times[i], i + 1 < t.size ? t.times[i + 1] : Long.MAX_VALUE));
                }
            });
        } finally {
            lock.readLock().unlock();
        }
        return entries;
    }

    /** Every value one property of the group has had, in time order (empty when never set). */
    public List<Entry> history(int groupTypeId, String groupValue, String property) {
        lock.readLock().lock();
        try {
            Timeline t = properties(groupTypeId, groupValue).get(property);
            if (t == null) {
                return List.of();
            }
            List<Entry> entries = new ArrayList<>(t.size);
            for (int i = 0; i < t.size; i++) {
                entries.add(new Entry(property, t.values[i], t.times[i], i + 1 < t.size ? t.times[i + 1] : Long.MAX_VALUE));
            }
            return entries;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Visits every group of a type that has properties, with its history. */
    public void forEachGroup(int groupTypeId, BiConsumer<String, List<Entry>> visitor) {
        List<String> values;
        lock.readLock().lock();
        try {
            values = new ArrayList<>(groups.getOrDefault(groupTypeId, Map.of()).keySet());
        } finally {
            lock.readLock().unlock();
        }
        Collections.sort(values);
        for (String value : values) {
            visitor.accept(value, history(groupTypeId, value));
        }
    }

    /** Number of property changes held. */
    public long size() {
        lock.readLock().lock();
        try {
            return changes;
        } finally {
            lock.readLock().unlock();
        }
    }

    private Map<String, Timeline> properties(int groupTypeId, String groupValue) {
        return groups.getOrDefault(groupTypeId, Map.of()).getOrDefault(groupValue, Map.of());
    }
}
