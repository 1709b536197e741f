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
     * Shared user-level groups, direct-mapped by the user's dictionary id (an entry is used only for the very
     * record it was built from, so a collision or a changed user just rebuilds it). Ingest lock only.
     */
    private final Resolved.UserLevelGroups[] userLevel = new Resolved.UserLevelGroups[USER_LEVEL_SLOTS];
    private static final int USER_LEVEL_SLOTS = 1 << 17;

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
        Map<String, UserDirectory.User> usersInBatch = new HashMap<>();
        Map<String, ObjectNode> groupsInBatch = new HashMap<>();
        boolean[] seenBefore = seenInWindow(prepared, now - dedupWindowMillis);
        UserDirectory.User[] storedUsers = storedUsers(batch);
        Resolved.UserLevelGroups[] cachedShared = cachedUserLevelGroups(storedUsers, prepared, activeTypes);
        DedupIndex inBatch = null; // the dedup keys seen earlier in this batch
        for (int index = 0; index < batch.size(); index++) {
            Command command = batch.get(index);
            if (command == null) {
                throw new TroupeException(ErrorCode.INVALID_EVENT, "command " + index + " is null");
            }
            checkTime(command.time(), index);
            if (command instanceof Event e) {
                Resolved.Prepared p = prepared.get(index);
                Resolved.Event r = resolveEvent(e, index, typeIds, activeTypes, usersInBatch, storedUsers[index],
                        cachedShared[index], p);
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

    /** For each command, the stored record of its event's user (null for none); all looked up in one loop. */
    private UserDirectory.User[] storedUsers(List<? extends Command> batch) {
        String[] userIds = new String[batch.size()];
        for (int i = 0; i < userIds.length; i++) {
            if (batch.get(i) instanceof Event e && !isBlank(e.userId())) {
                userIds[i] = e.userId();
            }
        }
        UserDirectory.User[] stored = new UserDirectory.User[userIds.length];
        users.getAll(userIds, userIds.length, stored);
        return stored;
    }

    /**
     * For each command, the cached shared user-level groups of its stored user's record when they apply (built
     * from that very record, every type active), else null; one loop over the cache, as for the users.
     */
    private Resolved.UserLevelGroups[] cachedUserLevelGroups(UserDirectory.User[] storedUsers,
                                                             List<Resolved.Prepared> prepared, BitSet activeTypes) {
        Resolved.UserLevelGroups[] cached = new Resolved.UserLevelGroups[storedUsers.length];
        for (int i = 0; i < storedUsers.length; i++) {
            if (storedUsers[i] != null) {
                Resolved.UserLevelGroups shared = userLevel[slotOf(prepared.get(i).userDictId())];
                if (shared != null && shared.builtFrom(storedUsers[i]) && shared.typesActive(activeTypes)) {
                    cached[i] = shared;
                }
            }
        }
        return cached;
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
                                        BitSet activeTypes, Map<String, UserDirectory.User> usersInBatch,
                                        UserDirectory.User storedUser, Resolved.UserLevelGroups cachedShared,
                                        Resolved.Prepared prepared) {
        if (e.eventType().isEmpty()) {
            throw new TroupeException(ErrorCode.MISSING_FIELD, "event_type", " in event " + index);
        }
        if (isBlank(e.userId()) && isBlank(e.deviceId())) {
            throw new TroupeException(ErrorCode.MISSING_FIELD, "user_id or device_id", " in event " + index);
        }
        // Most events name no group and their user has one: a small list, sorted by type id, no maps.
        List<Resolved.EventGroup> groups = new ArrayList<>(2);
        for (Map.Entry<String, List<String>> g : e.groups().entrySet()) {
            List<String> values = checkValues(g.getKey(), g.getValue(), index);
            if (!values.isEmpty()) {
                int id = typeIds.get(g.getKey());
                groups.add(new Resolved.EventGroup(id, true, values));
            }
        }
        int eventLevel = groups.size();
        if (!isBlank(e.userId())) {
            UserDirectory.User inBatch = usersInBatch.isEmpty() ? null : usersInBatch.get(e.userId());
            UserDirectory.User user = inBatch != null ? inBatch : storedUser;
            Resolved.UserLevelGroups shared = null;
            if (eventLevel == 0 && user != null) {
                shared = inBatch == null && cachedShared != null ? cachedShared
                        : userLevelGroups(user, prepared.userDictId(), activeTypes);
            }
            if (shared != null) {
                return resolved(e, shared.groups(), prepared, shared);
            }
            if (user != null) {
                for (Map.Entry<Integer, List<String>> g : user.groups().entrySet()) {
                    int type = g.getKey();
                    // a user's record may still name a dropped type: only active ones apply
                    if (activeTypes.get(type) && !hasType(groups, eventLevel, type)) {
                        groups.add(new Resolved.EventGroup(type, false, g.getValue()));
                    }
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

    /**
     * The shared user-level groups of {@code user}'s record, or null when it has none or names a dropped group
     * type (those events filter per event).
     */
    private Resolved.UserLevelGroups userLevelGroups(UserDirectory.User user, int userDictId, BitSet activeTypes) {
        int slot = slotOf(userDictId);
        Resolved.UserLevelGroups shared = userLevel[slot];
        if (shared != null && shared.builtFrom(user)) {
            return shared.typesActive(activeTypes) ? shared : null;
        }
        if (user.groups().isEmpty()) {
            return null;
        }
        List<Resolved.EventGroup> groups = new ArrayList<>(user.groups().size());
        new TreeMap<>(user.groups()).forEach((type, values) -> groups.add(new Resolved.EventGroup(type, false, values)));
        shared = new Resolved.UserLevelGroups(user, groups);
        userLevel[slot] = shared;
        return shared.typesActive(activeTypes) ? shared : null;
    }

    private static int slotOf(int userDictId) {
        return userDictId & (USER_LEVEL_SLOTS - 1);
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
                                              Map<String, UserDirectory.User> usersInBatch) {
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
        usersInBatch.put(i.userId(), new UserDirectory.User(groups, properties));
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

    private UserDirectory.User userOf(String userId, Map<String, UserDirectory.User> usersInBatch) {
        UserDirectory.User user = usersInBatch.get(userId);
        return user != null ? user : users.get(userId);
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
