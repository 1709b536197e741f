package io.troupe.storage.dictionary;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.backup.FileCopier;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/** The dictionaries of one project, one per domain, opened on first use and closed together. */
public final class Dictionaries implements Closeable {
    public static final String EVENT_TYPE = "event_type";
    public static final String USER_ID = "user_id";
    public static final String DEVICE_ID = "device_id";
    public static final String PROPERTY_KEY = "property_key";
    public static final String PROPERTY_VALUE = "property_value";

    private static final String FORWARD_SUFFIX = ".fwd";

    private final Path dir;
    private final long expectedEntries;
    private final int heapCacheEntries;
    private final boolean recover;
    private final ConcurrentMap<String, Dictionary> open = new ConcurrentHashMap<>();
    /** Group value dictionaries by group type id: the ingest path looks one up per event. */
    private volatile Dictionary[] groupValues = new Dictionary[8];

    public Dictionaries(Path dir, long expectedEntries, int heapCacheEntries, boolean recover) {
        this.dir = dir;
        this.expectedEntries = expectedEntries;
        this.heapCacheEntries = heapCacheEntries;
        this.recover = recover;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "creating " + dir + ": " + e.getMessage());
        }
    }

    /** The domain of one group type's values; keyed by id so a dropped and re-created type starts afresh. */
    public static String groupDomain(int groupTypeId) {
        return "group_" + groupTypeId;
    }

    public Dictionary get(String domain) {
        return open.computeIfAbsent(domain, d -> {
            boolean small = d.equals(EVENT_TYPE) || d.equals(PROPERTY_KEY);
            long entries = small ? Math.max(1_000, expectedEntries / 100) : expectedEntries;
            return Dictionary.open(d, dir, entries, small ? 24 : 16, heapCacheEntries, recover);
        });
    }

    public Dictionary eventTypes() {
        return get(EVENT_TYPE);
    }

    public Dictionary users() {
        return get(USER_ID);
    }

    public Dictionary devices() {
        return get(DEVICE_ID);
    }

    public Dictionary propertyKeys() {
        return get(PROPERTY_KEY);
    }

    public Dictionary propertyValues() {
        return get(PROPERTY_VALUE);
    }

    public Dictionary groupValues(int groupTypeId) {
        Dictionary[] cache = groupValues;
        if (groupTypeId < cache.length && cache[groupTypeId] != null) {
            return cache[groupTypeId];
        }
        synchronized (this) {
            Dictionary d = get(groupDomain(groupTypeId));
            cache = groupValues;
            if (groupTypeId >= cache.length) {
                cache = java.util.Arrays.copyOf(cache, Math.max(cache.length * 2, groupTypeId + 1));
            } else {
                cache = cache.clone();
            }
            cache[groupTypeId] = d;
            groupValues = cache;
            return d;
        }
    }

    /**
     * Copies every domain's files into {@code target}, each consistent on its own (see
     * {@link Dictionary#copyTo}); domains not opened since the start are opened first so that their files are
     * not read while a writer might open them. The store holds its writers off, so no id a logged batch
     * needs is missing from the copy.
     */
    public void copyTo(Path target, FileCopier copier) throws IOException {
        List<String> domains;
        try (Stream<Path> files = Files.list(dir)) {
            domains = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(FORWARD_SUFFIX))
                    .map(n -> n.substring(0, n.length() - FORWARD_SUFFIX.length())).sorted().toList();
        }
        for (String domain : domains) {
            get(domain).copyTo(target, copier);
        }
    }

    @Override
    public void close() {
        open.values().forEach(Dictionary::close);
        open.clear();
    }
}
