package io.troupe.sql.lookup;

import io.troupe.sql.exec.LongHashSet;
import io.troupe.sql.exec.QueryScope;
import io.troupe.storage.EventStore;
import io.troupe.storage.read.EventBatch;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.util.Arrays;
import java.util.List;

/**
 * What the events say about each group of one type, from one scan of its group column, {@code user_id} and the
 * times: the first and last event times and the number of distinct users with an event in the 30 days up to "now"
 * (the engine's clock). Flat arrays indexed by the group's dictionary id; the distinct (group, user) pairs of the
 * window go through one hash set of packed longs. {@code group_profiles} and {@code GROUP_SEARCH} read it.
 */
public final class GroupActivityStats {
    /** The window of {@code active_users_30d}: the 30 days up to and including now. */
    public static final long ACTIVE_USERS_WINDOW_MILLIS = 30L * 86_400_000L;

    private final long[] first;
    private final long[] last;
    private final int[] activeUsers;

    private GroupActivityStats(long[] first, long[] last, int[] activeUsers) {
        this.first = first;
        this.last = last;
        this.activeUsers = activeUsers;
    }

    /**
     * Scans the snapshot for the groups {@code 0..groups-1} of a type.
     *
     * @param scope the statement's scope (cancel flag, deadline, memory budget), or null outside a statement
     * @param now   the engine clock's now, in ms
     */
    public static GroupActivityStats compute(QueryScope scope, EventStore store, Snapshot snapshot, int groupTypeId,
                                             int groups, long now) {
        QueryScope own = scope == null ? new QueryScope(store, null, 0, Long.MAX_VALUE) : null;
        QueryScope budget = scope == null ? own : scope;
        long[] first = new long[groups];
        long[] last = new long[groups];
        int[] activeUsers = new int[groups];
        Arrays.fill(first, Long.MAX_VALUE);
        Arrays.fill(last, Long.MIN_VALUE);
        long windowStart = now - ACTIVE_USERS_WINDOW_MILLIS;
        String column = SegmentSchema.groupColumn(groupTypeId);
        LongHashSet pairs = new LongHashSet(budget, 1024);
        try (Snapshot.Batches batches = snapshot.batches(List.of(column, SegmentSchema.USER_ID))) {
            int[] ids = new int[0];
            int[] users = new int[0];
            long[] times = new long[0];
            while (batches.hasNext()) {
                budget.check();
                EventBatch b = batches.next();
                int n = b.rowCount();
                if (ids.length < n) {
                    ids = new int[n];
                    users = new int[n];
                    times = new long[n];
                }
                b.ids(column, ids);
                b.times(times);
                boolean usersRead = false;
                for (int i = 0; i < n; i++) {
                    int id = ids[i];
                    if (id < 0 || id >= groups) {
                        continue;
                    }
                    long t = times[i];
                    if (t < first[id]) {
                        first[id] = t;
                    }
                    if (t > last[id]) {
                        last[id] = t;
                    }
                    if (t >= windowStart && t <= now) {
                        if (!usersRead) {
                            b.ids(SegmentSchema.USER_ID, users); // only batches with rows in the window need it
                            usersRead = true;
                        }
                        if (users[i] >= 0) {
                            pairs.add(((long) id << 32) | users[i]);
                        }
                    }
                }
            }
            pairs.forEach(pair -> activeUsers[(int) (pair >>> 32)]++);
        } finally {
            pairs.release();
            if (own != null) {
                own.close();
            }
        }
        return new GroupActivityStats(first, last, activeUsers);
    }

    /** The number of groups (dictionary ids) covered. */
    public int size() {
        return first.length;
    }

    /** Whether the group has any event. */
    public boolean seen(int id) {
        return first[id] != Long.MAX_VALUE;
    }

    /** The group's first event time (ms); only when {@link #seen}. */
    public long firstSeen(int id) {
        return first[id];
    }

    /** The group's last event time (ms); only when {@link #seen}. */
    public long lastSeen(int id) {
        return last[id];
    }

    /** Distinct non-null {@code user_id}s with an event of the group in {@code [now - 30 days, now]}. */
    public int activeUsers30d(int id) {
        return activeUsers[id];
    }
}
