package io.troupe.storage.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.storage.dedup.DedupIndex;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.encoding.ByteWriter;
import io.troupe.storage.encoding.PropertyCodec;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
                    scratch = new Scratch(batch.size());
                }
                scratch.gather(e);
            }
        }
        if (scratch != null) {
            scratch.lookUp(dictionaries);
        }
        for (Command command : batch) {
            prepared.add(command instanceof Event e ? prepare(e, scratch) : null);
        }
        return prepared;
    }

    /**
     * The strings of one dictionary domain that a batch's events name, in the order the events are walked,
     * then their ids, handed out in the same order by the second walk (so a property encoder can take it
     * as its id function).
     */
    private static final class Domain implements ToIntFunction<String> {
        private String[] values;
        private int count;
        private int[] ids;
        private int next;

        Domain(int capacity) {
            values = new String[Math.max(16, capacity)];
        }

        void add(String value) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = value;
        }

        void lookUp(Dictionary dictionary) {
            ids = new int[count];
            dictionary.getOrAddAll(values, count, ids);
        }

        /** The id of the next string in walk order (the argument is that string). */
        @Override
        public int applyAsInt(String value) {
            return next();
        }

        int next() {
            return ids[next++];
        }
    }

    /**
     * Buffers reused across the events of one batch, and the batch's strings by domain: the events are walked
     * once to gather them, each domain's ids are looked up in one loop ({@link Dictionary#getOrAddAll}), and the
     * second walk, over events now in the CPU caches, encodes them.
     */
    private static final class Scratch {
        final ByteWriter out = new ByteWriter(1024);
        final ByteWriter eventIds = new ByteWriter(1024);
        final ByteWriter userIds = new ByteWriter(256);
        final ByteWriter key = new ByteWriter(64);
        final Domain eventTypes;
        final Domain users;
        final Domain devices;
        final Domain keys;
        final Domain values;

        Scratch(int commands) {
            eventTypes = new Domain(commands);
            users = new Domain(commands);
            devices = new Domain(commands);
            keys = new Domain(commands * 4);
            values = new Domain(commands * 2);
        }

        /** Records the strings of {@code e} that get dictionary ids, in the order {@link #prepare} asks for them. */
        void gather(Event e) {
            gather(e.eventProperties());
            gather(e.userProperties());
            if (!e.eventType().isEmpty()) {
                eventTypes.add(e.eventType());
            }
            if (!Resolver.isBlank(e.userId())) {
                users.add(e.userId());
            }
            if (!Resolver.isBlank(e.deviceId())) {
                devices.add(e.deviceId());
            }
        }

        /** Top-level keys and string values, as {@link PropertyCodec#encodeBoth} asks for their ids. */
        private void gather(ObjectNode properties) {
            if (properties.isEmpty()) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                keys.add(field.getKey());
                if (field.getValue().isTextual()) {
                    values.add(field.getValue().textValue());
                }
            }
        }

        void lookUp(Dictionaries dictionaries) {
            eventTypes.lookUp(dictionaries.eventTypes());
            users.lookUp(dictionaries.users());
            devices.lookUp(dictionaries.devices());
            keys.lookUp(dictionaries.propertyKeys());
            values.lookUp(dictionaries.propertyValues());
        }
    }

    private Resolved.Prepared prepare(Event e, Scratch s) {
        String userId = Resolver.blankToNull(e.userId());
        String deviceId = Resolver.blankToNull(e.deviceId());
        String insertId = Resolver.blankToNull(e.insertId());
        ByteWriter out = s.out;
        out.reset();
        BatchCodec.writeEventHead(e.time(), e.eventType(), userId, deviceId, insertId, out);
        int headEnd = out.size();
        encodeBoth(e.eventProperties(), out, s.eventIds, s);
        encodeBoth(e.userProperties(), out, s.userIds, s);
        int walEnd = out.size();
        out.writeBytes(s.eventIds.array(), 0, s.eventIds.size());
        int eventIdsEnd = out.size();
        out.writeBytes(s.userIds.array(), 0, s.userIds.size());
        int userIdsEnd = out.size();

        long hash1 = 0;
        long hash2 = 0;
        int insertIdStart = DedupIndex.keyBytes(deviceId, insertId, s.key);
        if (insertIdStart >= 0) {
            hash1 = DedupIndex.firstHash(s.key.array(), s.key.size());
            hash2 = DedupIndex.secondHash(s.key.array(), s.key.size());
            out.writeBytes(s.key.array(), 0, s.key.size());
            insertIdStart += userIdsEnd;
        }
        int type = e.eventType().isEmpty() ? -1 : s.eventTypes.next();
        int user = userId == null ? -1 : s.users.next();
        int device = deviceId == null ? -1 : s.devices.next();
        return new Resolved.Prepared(out.toByteArray(), headEnd, walEnd, eventIdsEnd, userIdsEnd, insertIdStart,
                hash1, hash2, type, user, device);
    }

    /**
     * Writes {@code properties} inline to {@code inline} (an empty object as its count, 0) and in dictionary mode
     * to {@code withIds} (reset first; nothing for an empty object).
     */
    private static void encodeBoth(ObjectNode properties, ByteWriter inline, ByteWriter withIds, Scratch s) {
        withIds.reset();
        if (properties.isEmpty()) {
            inline.writeVarInt(0);
        } else {
            PropertyCodec.encodeBoth(properties, inline, withIds, s.keys, s.values);
        }
    }
}
