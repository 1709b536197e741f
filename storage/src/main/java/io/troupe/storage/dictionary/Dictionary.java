package io.troupe.storage.dictionary;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.backup.FileCopier;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Dense integer ids for the strings of one domain (event types, user ids, one group type's values,
 * property keys, property values). Ids start at 0 and never change, so segments store small integers
 * and queries compare integers.
 *
 * <p>The mapping lives in two persisted Chronicle Maps (string to id, id to string), off the Java heap,
 * so a domain of 100M user ids does not need 100M heap objects. A heap cache in front serves the ingest
 * path (a Chronicle Map put costs about 3 us; a cache hit about 50 ns) and the reverse look-ups of query
 * results; it holds the first {@code heapCacheEntries} ids of the domain.
 *
 * <p>Crash safety: an id is assigned by writing id to string first, then string to id; the forward map is
 * the authority and its size is the next id, so a crash between the two writes leaves an unused reverse
 * entry that the next assignment overwrites. Assignments are also replayed from the WAL, which holds
 * strings, never ids.
 */
public final class Dictionary implements Closeable {
    private final String domain;
    private final Path forwardFile;
    private final Path reverseFile;
    private final ChronicleMap<String, Integer> forward;
    private final ChronicleMap<Integer, String> reverse;
    private final int heapCacheEntries;
    private final Map<String, Integer> forwardCache;
    private volatile String[] reverseCache;
    private volatile int size;

    private Dictionary(String domain, Path forwardFile, Path reverseFile, ChronicleMap<String, Integer> forward,
                       ChronicleMap<Integer, String> reverse, int heapCacheEntries) {
        this.domain = domain;
        this.forwardFile = forwardFile;
        this.reverseFile = reverseFile;
        this.forward = forward;
        this.reverse = reverse;
        this.heapCacheEntries = heapCacheEntries;
        int n = forward.size();
        this.forwardCache = new ConcurrentHashMap<>(Math.min(n, heapCacheEntries) * 2 + 16);
        String[] cache = new String[Math.max(16, Math.min(n, heapCacheEntries))];
        for (int id = 0; id < Math.min(n, heapCacheEntries); id++) {
            String s = reverse.get(id);
            if (s == null) {
                throw new TroupeException(ErrorCode.STORAGE_CORRUPT, domain, "dictionary id " + id + " has no string");
            }
            cache[id] = s;
            forwardCache.put(s, id);
        }
        this.reverseCache = cache;
        this.size = n;
    }

    /**
     * Opens (or creates) the dictionary of {@code domain} in {@code dir}.
     *
     * @param expectedEntries sizing hint; the maps grow past it (up to 1000 times) at some cost in speed
     * @param averageLength   average string length in bytes, a sizing hint
     * @param recover         true after an unclean shutdown: Chronicle Map then checks and repairs its segments
     */
    public static Dictionary open(String domain, Path dir, long expectedEntries, int averageLength,
                                  int heapCacheEntries, boolean recover) {
        String sample = "x".repeat(Math.max(1, averageLength));
        File forwardFile = dir.resolve(domain + ".fwd").toFile();
        File reverseFile = dir.resolve(domain + ".rev").toFile();
        try {
            ChronicleMapBuilder<String, Integer> fb = ChronicleMap.of(String.class, Integer.class)
                    .name(domain + "-fwd").entries(expectedEntries).averageKey(sample).maxBloatFactor(1000);
            ChronicleMapBuilder<Integer, String> rb = ChronicleMap.of(Integer.class, String.class)
                    .name(domain + "-rev").entries(expectedEntries).averageValue(sample).maxBloatFactor(1000);
            ChronicleMap<String, Integer> forward = recover && forwardFile.exists()
                    ? fb.recoverPersistedTo(forwardFile, true) : fb.createPersistedTo(forwardFile);
            ChronicleMap<Integer, String> reverse;
            try {
                reverse = recover && reverseFile.exists()
                        ? rb.recoverPersistedTo(reverseFile, true) : rb.createPersistedTo(reverseFile);
            } catch (IOException | RuntimeException e) {
                forward.close();
                throw e;
            }
            return new Dictionary(domain, forwardFile.toPath(), reverseFile.toPath(), forward, reverse, heapCacheEntries);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "opening dictionary " + domain + ": " + e.getMessage());
        }
    }

    public String domain() {
        return domain;
    }

    /** Number of ids assigned; ids are {@code 0 .. size()-1}. */
    public int size() {
        return size;
    }

    /** The id of {@code value}, or -1 when the domain has never seen it. */
    public int idOf(String value) {
        Integer id = forwardCache.get(value);
        if (id != null) {
            return id;
        }
        if (size <= heapCacheEntries) {
            return -1; // the cache holds the whole domain
        }
        id = forward.get(value);
        return id == null ? -1 : id;
    }

    /** The id of {@code value}, assigning the next id when it is new. Writers are serialised by the store. */
    public int getOrAdd(String value) {
        Integer cached = forwardCache.get(value);
        return cached != null ? cached : add(value);
    }

    /**
     * {@link #getOrAdd} of {@code values[0 .. count-1]} into {@code ids}. The cache look-ups run first, in a loop
     * of their own: each is a few dependent cache misses, and with nothing else between them the CPU overlaps
     * the misses of successive look-ups instead of waiting for each in turn; misses are then added in order.
     */
    public void getOrAddAll(String[] values, int count, int[] ids) {
        Map<String, Integer> cache = forwardCache;
        boolean missed = false;
        for (int i = 0; i < count; i++) {
            Integer cached = cache.get(values[i]);
            ids[i] = cached != null ? cached : -1;
            missed |= cached == null;
        }
        if (missed) {
            for (int i = 0; i < count; i++) {
                if (ids[i] < 0) {
                    ids[i] = add(values[i]);
                }
            }
        }
    }

    private synchronized int add(String value) {
        int id = idOf(value);
        if (id >= 0) {
            return id;
        }
        id = size;
        reverse.put(id, value);
        forward.put(value, id);
        if (id < heapCacheEntries) {
            String[] cache = reverseCache;
            if (id >= cache.length) {
                cache = Arrays.copyOf(cache, Math.min(heapCacheEntries, Math.max(cache.length * 2, id + 1)));
            }
            cache[id] = value;
            reverseCache = cache;
            forwardCache.put(value, id);
        }
        size = id + 1; // publishes the entries written above to readers
        return id;
    }

    /**
     * Copies both map files into {@code dir} while no id is being assigned ({@link #add} holds the same
     * monitor), so the copy holds every id assigned before the call and no half-written one. Readers may
     * hold Chronicle Map read locks meanwhile: the copy must be opened with recovery, which resets them.
     */
    public synchronized void copyTo(Path dir, FileCopier copier) throws IOException {
        copier.copy(forwardFile, dir.resolve(forwardFile.getFileName()));
        copier.copy(reverseFile, dir.resolve(reverseFile.getFileName()));
    }

    /** The string of {@code id}; throws for an id this domain never assigned. */
    public String valueOf(int id) {
        int n = size;
        if (id < 0 || id >= n) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, domain, "unknown dictionary id " + id);
        }
        if (id < heapCacheEntries) {
            return reverseCache[id];
        }
        String s = reverse.get(id);
        if (s == null) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, domain, "dictionary id " + id + " has no string");
        }
        return s;
    }

    @Override
    public void close() {
        forward.close();
        reverse.close();
    }
}
