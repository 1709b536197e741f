package io.troupe.storage.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.storage.dedup.DedupIndex;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.encoding.ByteWriter;
import io.troupe.storage.encoding.PropertyCodec;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Does, before a batch takes the store's ingest lock, every part of ingesting its events that depends on
 * the event alone: the WAL bytes of its fixed fields and of its properties, the dictionary-mode bytes of
 * its properties, the dictionary ids of its event type, user and device, and the two hashes of its dedup
 * key. Concurrent writers thus do most of the work in parallel, and the locked part of ingest (resolution
 * of user-level groups, the dedup decision, the WAL append and the tail append) only copies bytes and ids.
 *
 * <p>The dictionaries are thread-safe; ids given to a batch that is then refused stay unused: they cost a
 * dictionary entry, nothing else. Values that resolution will refuse (an empty event type, blank ids) get
 * no id.
 */
public final class EventPreparer {
    /** The inline encoding of an empty object: a count of zero. */
    private static final byte[] EMPTY_INLINE = {0};

    private final Dictionaries dictionaries;

    public EventPreparer(Dictionaries dictionaries) {
        this.dictionaries = dictionaries;
    }

    /** One entry per command: each event's prepared form, null for identifies and group identifies. */
    public List<Resolved.Prepared> prepare(List<? extends Command> batch) {
        List<Resolved.Prepared> prepared = new ArrayList<>(batch.size());
        Scratch scratch = null;
        for (Command command : batch) {
            if (command instanceof Event e) {
                if (scratch == null) {
                    scratch = new Scratch(dictionaries);
                }
                prepared.add(prepare(e, scratch));
            } else {
                prepared.add(null);
            }
        }
        return prepared;
    }

    /** Buffers and dictionaries reused across the events of one batch (the dictionaries looked up once). */
    private static final class Scratch {
        final ByteWriter inline = new ByteWriter(1024);
        final ByteWriter withIds = new ByteWriter(1024);
        final ByteWriter head = new ByteWriter(128);
        final ByteWriter key = new ByteWriter(64);
        final Dictionary eventTypes;
        final Dictionary users;
        final Dictionary devices;
        final ToIntFunction<String> keyIds;
        final ToIntFunction<String> valueIds;

        Scratch(Dictionaries dictionaries) {
            eventTypes = dictionaries.eventTypes();
            users = dictionaries.users();
            devices = dictionaries.devices();
            keyIds = dictionaries.propertyKeys()::getOrAdd;
            valueIds = dictionaries.propertyValues()::getOrAdd;
        }
    }

    private Resolved.Prepared prepare(Event e, Scratch s) {
        boolean hasEventProperties = encodeBoth(e.eventProperties(), s);
        byte[] eventInline = hasEventProperties ? s.inline.toByteArray() : EMPTY_INLINE;
        byte[] eventIds = hasEventProperties ? s.withIds.toByteArray() : null;
        boolean hasUserProperties = encodeBoth(e.userProperties(), s);
        byte[] userInline = hasUserProperties ? s.inline.toByteArray() : EMPTY_INLINE;
        byte[] userIds = hasUserProperties ? s.withIds.toByteArray() : null;
        String userId = blankToNull(e.userId());
        String deviceId = blankToNull(e.deviceId());
        String insertId = blankToNull(e.insertId());
        ByteWriter head = s.head;
        head.reset();
        BatchCodec.writeEventHead(e.time(), e.eventType(), userId, deviceId, insertId, head);

        byte[] key = null;
        long hash1 = 0;
        long hash2 = 0;
        int insertIdStart = DedupIndex.keyBytes(deviceId, insertId, s.key);
        if (insertIdStart >= 0) {
            key = s.key.toByteArray();
            hash1 = DedupIndex.firstHash(key, key.length);
            hash2 = DedupIndex.secondHash(key, key.length);
        }
        int type = e.eventType().isEmpty() ? -1 : s.eventTypes.getOrAdd(e.eventType());
        int user = userId == null ? -1 : s.users.getOrAdd(userId);
        int device = deviceId == null ? -1 : s.devices.getOrAdd(deviceId);
        return new Resolved.Prepared(head.toByteArray(), eventInline, userInline, eventIds, userIds,
                key, Math.max(0, insertIdStart), hash1, hash2, type, user, device);
    }

    /** Encodes {@code properties} in both modes into the scratch buffers; false, writing nothing, when empty. */
    private boolean encodeBoth(ObjectNode properties, Scratch s) {
        if (properties.isEmpty()) {
            return false;
        }
        s.inline.reset();
        s.withIds.reset();
        PropertyCodec.encodeBoth(properties, s.inline, s.withIds, s.keyIds, s.valueIds);
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
