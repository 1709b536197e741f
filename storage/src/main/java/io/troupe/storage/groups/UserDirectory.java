package io.troupe.storage.groups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.storage.backup.FileCopier;
import io.troupe.common.TroupeException;
import io.troupe.storage.encoding.ByteReader;
import io.troupe.storage.encoding.ByteWriter;
import io.troupe.storage.encoding.PropertyCodec;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Every user's user-level group assignments and current user properties, persisted in a Chronicle Map
 * ({@code users.dat}), with a bounded heap cache in front for the ingest path (each event of a user
 * without an event-level group looks its user up).
 *
 * <p>Writes are after-images (the whole record), so replaying them from the WAL is idempotent. They are written
 * back, not through: {@link #put} keeps the record on the heap ("dirty"), a flush hands the dirty records over at
 * its freeze ({@link #startFlush}) and writes them to the map before its checkpoint ({@link #persistFlushing}).
 * Every record not yet in the map was logged after the last checkpoint, so recovery, which replays the WAL from
 * there, puts it again. A user identified many times between flushes is written to the map once, and the ingest
 * lock no longer waits for a Chronicle Map write (about 3 µs) per identify. Readers see dirty records first.
 */
public final class UserDirectory implements Closeable {
    /** A user's record: group type id -> values, and current user properties. */
    public record User(Map<Integer, List<String>> groups, ObjectNode properties) {
        public static final User EMPTY = new User(Map.of(), io.troupe.storage.event.Json.emptyObject());
    }

    private final Path file;
    private final ChronicleMap<String, byte[]> map;
    private final int cacheLimit;
    private final Map<String, User> cache = new HashMap<>();
    private Map<String, User> dirty = new HashMap<>(); // written since the last freeze
    private Map<String, User> flushing = new HashMap<>(); // handed to the flush, not yet in the map

    private UserDirectory(Path file, ChronicleMap<String, byte[]> map, int cacheLimit) {
        this.file = file;
        this.map = map;
        this.cacheLimit = cacheLimit;
    }

    public static UserDirectory open(Path file, long expectedUsers, int cacheLimit, boolean recover) {
        File f = file.toFile();
        ChronicleMapBuilder<String, byte[]> builder = ChronicleMap.of(String.class, byte[].class)
                .name("users").entries(expectedUsers).averageKey("user-000000000")
                .averageValueSize(48).maxBloatFactor(1000);
        try {
            ChronicleMap<String, byte[]> map = recover && f.exists()
                    ? builder.recoverPersistedTo(f, true) : builder.createPersistedTo(f);
            return new UserDirectory(file, map, cacheLimit);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "opening " + file + ": " + e.getMessage());
        }
    }

    /** The user's record, or null for a user never identified. */
    public synchronized User get(String userId) {
        User user = cache.get(userId);
        if (user != null) {
            return user == User.EMPTY ? null : user;
        }
        user = unpersisted(userId);
        if (user == null) {
            byte[] bytes = map.get(userId);
            user = bytes == null ? null : decode(bytes);
        }
        remember(userId, user == null ? User.EMPTY : user);
        return user;
    }

    private User unpersisted(String userId) {
        User user = dirty.get(userId);
        return user != null ? user : flushing.get(userId);
    }

    /**
     * {@link #get} of {@code userIds[0 .. count-1]} into {@code users} (null entries stay null). The cache
     * look-ups run in one loop, so the CPU overlaps their cache misses (see {@code Dictionary.getOrAddAll}).
     */
    public synchronized void getAll(String[] userIds, int count, User[] users) {
        boolean missed = false;
        for (int i = 0; i < count; i++) {
            User user = userIds[i] == null ? null : cache.get(userIds[i]);
            users[i] = user;
            missed |= user == null && userIds[i] != null;
        }
        if (missed) {
            for (int i = 0; i < count; i++) {
                if (users[i] == null && userIds[i] != null) {
                    users[i] = get(userIds[i]);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (users[i] == User.EMPTY) {
                users[i] = null;
            }
        }
    }

    /** Records the user's new record; it reaches the map at the next flush (see the class comment). */
    public synchronized void put(String userId, User user) {
        dirty.put(userId, user);
        remember(userId, user);
    }

    /**
     * Deletes the user's record. The store's maintenance lock serialises this with flushes, so a flush
     * cannot write the record back after it is gone.
     */
    public synchronized boolean remove(String userId) {
        cache.remove(userId);
        boolean unpersisted = dirty.remove(userId) != null | flushing.remove(userId) != null;
        return map.remove(userId) != null || unpersisted;
    }

    /**
     * Hands the records written so far to the flush that is freezing the tail (called under the store's ingest
     * lock, so they are exactly the records logged before the flush's checkpoint position). Records of a flush
     * that failed stay handed over; newer ones replace them.
     */
    public synchronized void startFlush() {
        if (flushing.isEmpty()) {
            Map<String, User> empty = flushing;
            flushing = dirty;
            dirty = empty;
        } else {
            flushing.putAll(dirty);
            dirty.clear();
        }
    }

    /**
     * Writes the handed-over records to the map; called by the flush before it writes its checkpoint. Runs
     * outside this monitor (ingest keeps reading and writing records meanwhile: the handed-over ones are read
     * from the heap until written); flushes are serialised by the store.
     */
    public void persistFlushing() {
        Map<String, User> records;
        synchronized (this) {
            records = new HashMap<>(flushing);
        }
        for (Map.Entry<String, User> e : records.entrySet()) {
            map.put(e.getKey(), encode(e.getValue()));
        }
        synchronized (this) {
            records.forEach(flushing::remove);
        }
    }

    private void remember(String userId, User user) {
        if (cache.size() >= cacheLimit) {
            cache.clear(); // a crude bound: the map itself is the truth
        }
        cache.put(userId, user);
    }

    /**
     * Copies the map file to {@code target} while no user is written (writers hold this monitor). Readers of
     * the map may hold Chronicle Map read locks meanwhile: the copy must be opened with recovery.
     */
    public synchronized void copyTo(Path target, FileCopier copier) throws IOException {
        copier.copy(file, target);
    }

    public int size() {
        Map<String, User> unpersisted = unpersisted();
        return map.size() + (int) unpersisted.keySet().stream().filter(id -> !map.containsKey(id)).count();
    }

    /** Visits every user (for the {@code users} table); not a consistent snapshot under concurrent writes. */
    public void forEach(BiConsumer<String, User> visitor) {
        Map<String, User> unpersisted = unpersisted();
        map.forEach((id, bytes) -> {
            if (!unpersisted.containsKey(id)) {
                visitor.accept(id, decode(bytes));
            }
        });
        unpersisted.forEach(visitor);
    }

    /** The records not yet in the map, newest first wins. */
    private synchronized Map<String, User> unpersisted() {
        Map<String, User> all = new HashMap<>(flushing);
        all.putAll(dirty);
        return all;
    }

    static byte[] encode(User user) {
        ByteWriter out = new ByteWriter(64);
        out.writeVarInt(user.groups().size());
        for (Map.Entry<Integer, List<String>> e : new TreeMap<>(user.groups()).entrySet()) {
            out.writeVarInt(e.getKey());
            out.writeVarInt(e.getValue().size());
            e.getValue().forEach(out::writeString);
        }
        PropertyCodec.encode(user.properties(), out);
        return out.toByteArray();
    }

    static User decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes);
        int n = in.readVarInt();
        Map<Integer, List<String>> groups = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int type = in.readVarInt();
            int k = in.readVarInt();
            List<String> values = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                values.add(in.readString());
            }
            groups.put(type, List.copyOf(values));
        }
        return new User(groups, PropertyCodec.decode(in));
    }

    /** Forgets every record not yet in the map, as a crash would (for tests of recovery inside one JVM). */
    public synchronized void dropUnpersisted() {
        dirty.clear();
        flushing.clear();
        cache.clear();
    }

    /** Writes every record not yet in the map, then closes it. */
    @Override
    public void close() {
        try {
            startFlush();
            persistFlushing();
        } finally {
            map.close();
        }
    }
}
