package io.troupe.storage.ingest;

import io.troupe.storage.columns.BytesColumn;
import io.troupe.storage.columns.EventColumns;
import io.troupe.storage.columns.GroupsCodec;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.encoding.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends resolved events to columns: strings become dictionary ids. Every id is looked up (the step
 * that can fail) before the first column is touched, so a failure never leaves the columns of different
 * lengths. One instance per writer (it reuses its buffers); the store's ingest lock serialises it.
 */
public final class EventEncoder {
    private final Dictionaries dictionaries;
    private final ByteWriter eventGroups = new ByteWriter(64);
    private int[] groupTypes = new int[8];
    private int[] groupValues = new int[8];

    public EventEncoder(Dictionaries dictionaries) {
        this.dictionaries = dictionaries;
    }

    /**
     * Opens every dictionary the batch's events will use. Called before the batch is logged, so that a
     * failure to open one (an I/O error) refuses the batch cleanly instead of failing after it is in the WAL.
     */
    public void prepare(List<Resolved> batch) {
        boolean events = false;
        for (Resolved r : batch) {
            if (r instanceof Resolved.Event e) {
                events = true;
                if (e.sharedGroups() != null && e.sharedGroups().valueIdsKnown()) {
                    continue; // their dictionaries were opened when the ids were looked up
                }
                for (Resolved.EventGroup g : e.groups()) {
                    dictionaries.groupValues(g.groupTypeId());
                }
            }
        }
        if (events) {
            dictionaries.eventTypes();
            dictionaries.users();
            dictionaries.devices();
            dictionaries.propertyKeys();
            dictionaries.propertyValues();
        }
    }

    /** Appends a prepared event (live ones are prepared before the lock, replayed ones before they are applied). */
    public void append(Resolved.Event e, EventColumns out) {
        Resolved.Prepared p = e.prepared();
        int groups = groupColumns(e);
        out.time.add(e.time());
        out.eventType.add(p.eventTypeDictId());
        out.user.add(p.userDictId());
        out.device.add(p.deviceDictId());
        byte[] bytes = p.bytes();
        if (p.hasDedupKey()) {
            out.insertId.add(bytes, p.insertIdStart(), bytes.length - p.insertIdStart());
        } else {
            out.insertId.addNull(); // an event without insert id has no key, and a key needs an insert id
        }
        for (int i = 0; i < groups; i++) {
            out.setGroup(groupTypes[i], groupValues[i]);
        }
        if (eventGroups.size() > 0) {
            out.eventGroups.add(eventGroups.array(), 0, eventGroups.size());
        } else {
            out.eventGroups.addNull();
        }
        add(out.eventProperties, bytes, p.walEnd(), p.eventIdsEnd());
        add(out.userProperties, bytes, p.eventIdsEnd(), p.userIdsEnd());
        out.endRow();
    }

    /** Looks up the event's group column values into the scratch arrays; returns how many groups it has. */
    private int groupColumns(Resolved.Event e) {
        return e.sharedGroups() != null ? sharedGroups(e.sharedGroups()) : encodeGroups(e.groups());
    }

    /** The group columns' values of an event with only its user's user-level groups: ids looked up once per user record. */
    private int sharedGroups(Resolved.UserLevelGroups shared) {
        int[] pairs = shared.columnValues();
        int groups = pairs.length / 2;
        ensureGroupCapacity(groups);
        eventGroups.reset(); // no event-level groups
        if (!shared.valueIdsKnown()) {
            for (int g = 0; g < groups; g++) {
                Resolved.EventGroup group = shared.groups().get(g);
                pairs[2 * g + 1] = dictionaries.groupValues(group.groupTypeId()).getOrAdd(group.values().get(0));
            }
        }
        for (int g = 0; g < groups; g++) {
            groupTypes[g] = pairs[2 * g];
            groupValues[g] = pairs[2 * g + 1];
        }
        return groups;
    }

    private void ensureGroupCapacity(int groups) {
        if (groups > groupTypes.length) {
            groupTypes = new int[groups];
            groupValues = new int[groups];
        }
    }

    /** Looks up the first value of each group (for the group columns) and encodes the event-level groups. */
    private int encodeGroups(List<Resolved.EventGroup> groups) {
        ensureGroupCapacity(groups.size());
        eventGroups.reset();
        List<GroupsCodec.Entry> sent = null;
        for (int g = 0; g < groups.size(); g++) {
            Resolved.EventGroup group = groups.get(g);
            Dictionary values = dictionaries.groupValues(group.groupTypeId());
            groupTypes[g] = group.groupTypeId();
            groupValues[g] = values.getOrAdd(group.values().get(0));
            if (group.fromEvent()) {
                int[] ids = new int[group.values().size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = values.getOrAdd(group.values().get(i));
                }
                if (sent == null) {
                    sent = new ArrayList<>(2);
                }
                sent.add(new GroupsCodec.Entry(group.groupTypeId(), ids));
            }
        }
        if (sent != null) {
            GroupsCodec.encode(sent, eventGroups);
        }
        return groups.size();
    }

    private static void add(BytesColumn column, byte[] bytes, int from, int to) {
        if (to > from) {
            column.add(bytes, from, to - from);
        } else {
            column.addNull();
        }
    }
}
