package io.troupe.storage;

import io.troupe.storage.event.Event;
import io.troupe.storage.read.Snapshot;
import io.troupe.storage.segment.SegmentSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers shared by the store's tests: small events and reading everything back as strings. */
public final class StoreTestSupport {
    private StoreTestSupport() {
    }

    public static StoreConfig config(Path dir) {
        return StoreConfig.defaults("test", dir).withExpectedEntries(10_000);
    }

    public static Event event(long time, String type, String user, String insertId, Map<String, List<String>> groups) {
        return new Event(time, type, user, null, insertId, groups, null, null);
    }

    /** Every visible event as "time type user [group=value ...]" sorted, decoded through the dictionaries. */
    public static List<String> rows(EventStore store, String... groupTypes) {
        List<String> out = new ArrayList<>();
        try (Snapshot s = store.snapshot(Long.MIN_VALUE, Long.MAX_VALUE)) {
            List<String> columns = new ArrayList<>(List.of(SegmentSchema.EVENT_TYPE, SegmentSchema.USER_ID));
            List<String> groupColumns = new ArrayList<>();
            for (String g : groupTypes) {
                String c = s.groupColumn(g);
                groupColumns.add(c);
                columns.add(c);
            }
            s.scan(columns, batch -> {
                int n = batch.rowCount();
                long[] times = new long[n];
                int[] types = new int[n];
                int[] users = new int[n];
                batch.times(times);
                batch.ids(SegmentSchema.EVENT_TYPE, types);
                batch.ids(SegmentSchema.USER_ID, users);
                List<int[]> groups = new ArrayList<>();
                for (String c : groupColumns) {
                    int[] ids = new int[n];
                    batch.ids(c, ids);
                    groups.add(ids);
                }
                for (int i = 0; i < n; i++) {
                    StringBuilder row = new StringBuilder();
                    row.append(times[i]).append(' ').append(store.dictionaries().eventTypes().valueOf(types[i]))
                            .append(' ').append(users[i] < 0 ? "-" : store.dictionaries().users().valueOf(users[i]));
                    for (int g = 0; g < groupColumns.size(); g++) {
                        int id = groups.get(g)[i];
                        int typeId = SegmentSchema.groupTypeIdOf(groupColumns.get(g));
                        row.append(' ').append(groupTypes[g]).append('=')
                                .append(id < 0 ? "-" : store.dictionaries().groupValues(typeId).valueOf(id));
                    }
                    out.add(row.toString());
                }
            });
        }
        out.sort(null);
        return out;
    }
}
