package io.troupe.storage.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.catalog.Catalog;
import io.troupe.storage.dedup.DedupIndex;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.GroupIdentify;
import io.troupe.storage.event.Identify;
import io.troupe.storage.groups.GroupPropertyHistory;
import io.troupe.storage.groups.PropertyOperations;
import io.troupe.storage.groups.UserDirectory;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a batch of commands into what the WAL logs, without changing any state: validates every command,
 * plans new group types and property names against the limits, resolves each event's effective groups
 * (event-level beats user-level, as of this batch's earlier identifies), computes property after-images,
 * and drops events whose insert id was seen in the dedup window (or earlier in the batch).
 *
 * <p>Throws {@link TroupeException} for the first invalid command; then nothing is stored.
 */
public final class Resolver {
    /** What resolving a batch produced; {@link #commit} declares the catalog changes it planned. */
    public static final class Resolution {
        public final List<Resolved> resolved = new ArrayList<>();
        public int duplicates;
        public int events;
        public int identifies;
        public int groupIdentifies;
        final List<String> newGroupTypes = new ArrayList<>();
        final Set<String> propertyNames = new LinkedHashSet<>();

        public void commit(Catalog catalog, long now) {
            catalog.declare(newGroupTypes, propertyNames, now);
        }
    }

    private final Catalog catalog;
    private final UserDirectory users;
    private final GroupPropertyHistory history;
    private final DedupIndex dedup;
    /**
     * Users whose events were resolved recently, direct-mapped by user dictionary id: their stored record and
     * shared user-level groups, so that most events find their user with one array read by the id the preparer
     * looked up, instead of a look-up by string in the directory. The store calls {@link #forgetUser} whenever
     * a record changes; a collision just looks the user up again. Ingest lock only.
     */
    private final KnownUser[] knownUsers = new KnownUser[KNOWN_USER_SLOTS];
    private static final int KNOWN_USER_SLOTS = 1 << 17;

    /**
     * A user's record as resolution sees it (null: never identified) and, built on first use, the user-level
     * groups its events share.
     */
    private static final class KnownUser {
        final int userDictId; // -1 for a record identified earlier in the batch being resolved
        final UserDirectory.User record;
        private Resolved.UserLevelGroups shared;
        private boolean sharedBuilt;

        KnownUser(int userDictId, UserDirectory.User record) {
            this.userDictId = userDictId;
            this.record = record;
        }

        /**
         * The groups every event of this user without event-level groups takes; null when the record has none
         * or names a dropped group type (those events filter per event).
         */
        Resolved.UserLevelGroups shared(BitSet activeTypes) {
            if (!sharedBuilt) {
                sharedBuilt = true;
                if (record != null && !record.groups().isEmpty()) {
                    List<Resolved.EventGroup> groups = new ArrayList<>(record.groups().size());
                    new TreeMap<>(record.groups()).forEach(
                            (type, values) -> groups.add(new Resolved.EventGroup(type, false, values)));
                    shared = new Resolved.UserLevelGroups(groups);
                }
            }
            return shared != null && shared.typesActive(activeTypes) ? shared : null;
        }
    }

    public Resolver(Catalog catalog, UserDirectory users, GroupPropertyHistory history, DedupIndex dedup) {
        this.catalog = catalog;
        this.users = users;
        this.history = history;
        this.dedup = dedup;
    }

    /**
     * Resolves {@code batch}, whose events were prepared by {@link EventPreparer} ({@code prepared} has one
     * entry per command, as {@link EventPreparer#prepare} returns).
     */
    public Resolution resolve(List<? extends Command> batch, List<Resolved.Prepared> prepared, long now,
                              long dedupWindowMillis) {
        Resolution result = new Resolution();
        Map<String, Integer> typeIds = catalog.planGroupTypes(groupTypeNames(batch), result.newGroupTypes);
        BitSet activeTypes = new BitSet();
        catalog.state().groupTypes().forEach(t -> activeTypes.set(t.id()));
        typeIds.values().forEach(activeTypes::set);
        Map<String, KnownUser> usersInBatch = new HashMap<>();
        Map<String, ObjectNode> groupsInBatch = new HashMap<>();
        boolean[] seenBefore = seenInWindow(prepared, now - dedupWindowMillis);
        KnownUser[] storedUsers = storedUsers(batch, prepared);
        DedupIndex inBatch = null; // the dedup keys seen earlier in this batch
        for (int index = 0; index < batch.size(); index++) {
            Command command = batch.get(index);
            if (command == null) {
                throw new TroupeException(ErrorCode.INVALID_EVENT, "command " + index + " is null");
            }
            checkTime(command.time(), index);
            if (command instanceof Event e) {
                Resolved.Prepared p = prepared.get(index);
                Resolved.Event r = resolveEvent(e, index, typeIds, activeTypes, usersInBatch, storedUsers[index], p);
                if (p.hasDedupKey()) {
                    if (inBatch == null) {
                        inBatch = DedupIndex.withCapacity(batch.size());
                    }
                    if (seenBefore[index] || inBatch.contains(p.dedupHash1(), p.dedupHash2(), 0)) {
                        result.duplicates++;
                        continue;
                    }
                    inBatch.add(p.dedupHash1(), p.dedupHash2(), 0);
                }
                result.resolved.add(r);
                result.events++;
            } else if (command instanceof Identify i) {
                result.resolved.add(resolveIdentify(i, index, typeIds, usersInBatch));
                result.identifies++;
            } else if (command instanceof GroupIdentify g) {
                Resolved.GroupChange change = resolveGroupIdentify(g, typeIds, groupsInBatch);
                change.values().forEach(v -> result.propertyNames.add(v.name()));
                result.resolved.add(change);
                result.groupIdentifies++;
            }
        }
        catalog.checkGroupPropertyNames(result.propertyNames);
        return result;
    }

    /** For each command, whether it is an event whose dedup key the index holds; all keys looked up in one loop. */
    private boolean[] seenInWindow(List<Resolved.Prepared> prepared, long notBefore) {
        int n = prepared.size();
        int[] commands = new int[n];
        long[] h1 = new long[n];
        long[] h2 = new long[n];
        int keys = 0;
        for (int i = 0; i < n; i++) {
            Resolved.Prepared p = prepared.get(i);
            if (p != null && p.hasDedupKey()) {
                commands[keys] = i;
                h1[keys] = p.dedupHash1();
                h2[keys] = p.dedupHash2();
                keys++;
            }
        }
        boolean[] found = new boolean[keys];
        dedup.containsAll(h1, h2, keys, notBefore, found);
        boolean[] seen = new boolean[n];
        for (int k = 0; k < keys; k++) {
            seen[commands[k]] = found[k];
        }
        return seen;
    }

    /**
     * For each command, its event's user as stored (null for an event without user id), from the known users
     * where they hold it (one read by dictionary id), else from the directory, all misses in one call.
     */
    private KnownUser[] storedUsers(List<? extends Command> batch, List<Resolved.Prepared> prepared) {
        KnownUser[] known = new KnownUser[batch.size()];
        String[] missed = null;
        for (int i = 0; i < known.length; i++) {
            Resolved.Prepared p = prepared.get(i);
            if (p != null && p.userDictId() >= 0) {
                KnownUser k = knownUser(p.userDictId());
                if (k != null) {
                    known[i] = k;
                } else {
                    if (missed == null) {
                        missed = new String[known.length];
                    }
                    missed[i] = ((Event) batch.get(i)).userId();
                }
            }
        }
        if (missed != null) {
            UserDirectory.User[] records = new UserDirectory.User[missed.length];
            users.getAll(missed, missed.length, records);
            for (int i = 0; i < missed.length; i++) {
                if (missed[i] != null) {
                    int id = prepared.get(i).userDictId();
                    KnownUser k = knownUser(id);
                    if (k == null) { // not installed by an earlier event of the batch
                        k = new KnownUser(id, records[i]);
                        knownUsers[slotOf(id)] = k;
                    }
                    known[i] = k;
                }
            }
        }
        return known;
    }

    /**
     * Drops what resolution knows of the user of dictionary id {@code userDictId}: the store calls it after it
     * changes or removes the user's record (-1, a user without dictionary id, is never known).
     */
    public void forgetUser(int userDictId) {
        if (userDictId >= 0 && knownUser(userDictId) != null) {
            knownUsers[slotOf(userDictId)] = null;
        }
    }

    /** The entry held for the user of dictionary id {@code userDictId} (not another user of its slot), or null. */
    private KnownUser knownUser(int userDictId) {
        KnownUser k = knownUsers[slotOf(userDictId)];
        return k != null && k.userDictId == userDictId ? k : null;
    }

    private static Set<String> groupTypeNames(List<? extends Command> batch) {
        Set<String> names = new LinkedHashSet<>();
        for (Command c : batch) {
            if (c instanceof Event e) {
                if (!e.groups().isEmpty()) { // most events name no group
                    names.addAll(e.groups().keySet());
                }
            } else if (c instanceof Identify i) {
                names.addAll(i.groups().keySet());
            } else if (c instanceof GroupIdentify g) {
                names.add(g.groupType());
            }
        }
        return names;
    }

    private static void checkTime(long time, int index) {
        // Years 1970 to 9999: anything else is a unit mistake (seconds, microseconds) or garbage.
        if (time < 0 || time > 253_402_300_799_999L) {
            throw new TroupeException(ErrorCode.INVALID_TIMESTAMP, time + " (command " + index + ")");
        }
    }

    private Resolved.Event resolveEvent(Event e, int index, Map<String, Integer> typeIds,
                                        BitSet activeTypes, Map<String, KnownUser> usersInBatch,
                                        KnownUser storedUser, Resolved.Prepared prepared) {
        if (e.eventType().isEmpty()) {
            throw new TroupeException(ErrorCode.MISSING_FIELD, "event_type", " in event " + index);
        }
        if (isBlank(e.userId()) && isBlank(e.deviceId())) {
            throw new TroupeException(ErrorCode.MISSING_FIELD, "user_id or device_id", " in event " + index);
        }
        KnownUser user = null;
        if (!isBlank(e.userId())) {
            KnownUser inBatch = usersInBatch.isEmpty() ? null : usersInBatch.get(e.userId());
            user = inBatch != null ? inBatch : storedUser;
        }
        if (e.groups().isEmpty() && user != null) { // most events: no event-level group, a user with groups
            Resolved.UserLevelGroups shared = user.shared(activeTypes);
            if (shared != null) {
                return resolved(e, shared.groups(), prepared, shared);
            }
        }
        // A small list, sorted by type id, no maps.
        List<Resolved.EventGroup> groups = new ArrayList<>(2);
        for (Map.Entry<String, List<String>> g : e.groups().entrySet()) {
            List<String> values = checkValues(g.getKey(), g.getValue(), index);
            if (!values.isEmpty()) {
                int id = typeIds.get(g.getKey());
                groups.add(new Resolved.EventGroup(id, true, values));
            }
        }
        int eventLevel = groups.size();
        if (user != null && user.record != null) {
            for (Map.Entry<Integer, List<String>> g : user.record.groups().entrySet()) {
                int type = g.getKey();
                // a user's record may still name a dropped type: only active ones apply
                if (activeTypes.get(type) && !hasType(groups, eventLevel, type)) {
                    groups.add(new Resolved.EventGroup(type, false, g.getValue()));
                }
            }
        }
        if (groups.size() > 1) {
            groups.sort((a, b) -> Integer.compare(a.groupTypeId(), b.groupTypeId()));
        }
        return resolved(e, groups, prepared, null);
    }

    private static Resolved.Event resolved(Event e, List<Resolved.EventGroup> groups, Resolved.Prepared prepared,
                                           Resolved.UserLevelGroups shared) {
        return new Resolved.Event(e.time(), e.eventType(), blankToNull(e.userId()), blankToNull(e.deviceId()),
                blankToNull(e.insertId()), groups, e.eventProperties(), e.userProperties(), prepared, shared);
    }

    private static int slotOf(int userDictId) {
        return userDictId & (KNOWN_USER_SLOTS - 1);
    }

    private static boolean hasType(List<Resolved.EventGroup> groups, int count, int type) {
        for (int i = 0; i < count; i++) {
            if (groups.get(i).groupTypeId() == type) {
                return true;
            }
        }
        return false;
    }

    private Resolved.Identify resolveIdentify(Identify i, int index, Map<String, Integer> typeIds,
                                              Map<String, KnownUser> usersInBatch) {
        if (isBlank(i.userId())) {
            throw new TroupeException(ErrorCode.MISSING_FIELD, "user_id", " in identify " + index);
        }
        UserDirectory.User current = userOf(i.userId(), usersInBatch);
        Map<Integer, List<String>> groups = new TreeMap<>(current == null ? Map.of() : current.groups());
        for (Map.Entry<String, List<String>> g : i.groups().entrySet()) {
            List<String> values = g.getValue() == null ? List.of() : checkValues(g.getKey(), g.getValue(), index);
            if (values.isEmpty()) {
                throw new TroupeException(ErrorCode.USER_GROUP_UNSET, g.getKey(), i.userId());
            }
            groups.put(typeIds.get(g.getKey()), values);
        }
        ObjectNode properties = PropertyOperations.apply(current == null ? null : current.properties(),
                i.propertyOperations()).after();
        usersInBatch.put(i.userId(), new KnownUser(-1, new UserDirectory.User(groups, properties)));
        List<Resolved.EventGroup> assigned = new ArrayList<>();
        groups.forEach((type, values) -> assigned.add(new Resolved.EventGroup(type, false, values)));
        return new Resolved.Identify(i.userId(), i.time(), assigned, properties);
    }

    private Resolved.GroupChange resolveGroupIdentify(GroupIdentify g, Map<String, Integer> typeIds,
                                                      Map<String, ObjectNode> groupsInBatch) {
        if (isBlank(g.groupValue())) {
            throw new TroupeException(ErrorCode.MISSING_FIELD, "group value", " in group identify of " + g.groupType());
        }
        int typeId = typeIds.get(g.groupType());
        String key = typeId + "\u0000" + g.groupValue();
        ObjectNode current = groupsInBatch.computeIfAbsent(key, k -> history.current(typeId, g.groupValue()));
        PropertyOperations.Result result = PropertyOperations.apply(current, g.propertyOperations());
        groupsInBatch.put(key, result.after());
        return new Resolved.GroupChange(typeId, g.groupValue(), g.time(), result.changes());
    }

    private UserDirectory.User userOf(String userId, Map<String, KnownUser> usersInBatch) {
        KnownUser user = usersInBatch.get(userId);
        return user != null ? user.record : users.get(userId);
    }

    private static List<String> checkValues(String type, List<String> values, int index) {
        if (values == null) {
            return List.of();
        }
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                throw new TroupeException(ErrorCode.INVALID_EVENT,
                        "group '" + type + "' of command " + index + " has an empty or null value");
            }
        }
        return List.copyOf(values);
    }

    /** A null or empty id counts as none (the preparer applies the same rule). */
    static boolean isBlank(String s) {
        return s == null || s.isEmpty();
    }

    static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }
}
