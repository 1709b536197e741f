package io.troupe.storage.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.encoding.ByteWriter;
import io.troupe.storage.encoding.PropertyCodec;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the properties of a batch's events before the batch takes the store's ingest lock: properties
 * are most of an event's bytes and their encoding depends on no store state but the dictionaries (which
 * are thread-safe), so concurrent writers do it in parallel and the locked part of ingest stays short.
 * Dictionary ids given to a batch that is then refused stay unused; they cost a dictionary entry, nothing else.
 */
public final class PropertyEncoder {
    private final Dictionaries dictionaries;
    /** The inline encoding of an empty object: a count of zero. */
    private static final byte[] EMPTY_INLINE = {0};
    private final ThreadLocal<ByteWriter> scratch = ThreadLocal.withInitial(() -> new ByteWriter(1024));
    private final ThreadLocal<ByteWriter> scratchIds = ThreadLocal.withInitial(() -> new ByteWriter(1024));

    public PropertyEncoder(Dictionaries dictionaries) {
        this.dictionaries = dictionaries;
    }

    /** One entry per command: the encoded properties of each event, null for identifies and group identifies. */
    public List<Resolved.EncodedProperties> encode(List<? extends Command> batch) {
        List<Resolved.EncodedProperties> encoded = new ArrayList<>(batch.size());
        for (Command command : batch) {
            encoded.add(command instanceof Event e ? encode(e) : null);
        }
        return encoded;
    }

    private Resolved.EncodedProperties encode(Event e) {
        ByteWriter inline = scratch.get();
        ByteWriter withIds = scratchIds.get();
        byte[][] event = both(e.eventProperties(), inline, withIds);
        byte[][] user = both(e.userProperties(), inline, withIds);
        return new Resolved.EncodedProperties(event[0], user[0], event[1], user[1]);
    }

    /** {inline form, dictionary form (null when empty)}, from one walk of the object. */
    private byte[][] both(ObjectNode properties, ByteWriter inline, ByteWriter withIds) {
        if (properties.isEmpty()) {
            return new byte[][] {EMPTY_INLINE, null};
        }
        inline.reset();
        withIds.reset();
        Dictionary keys = dictionaries.propertyKeys();
        Dictionary values = dictionaries.propertyValues();
        PropertyCodec.encodeBoth(properties, inline, withIds, keys::getOrAdd, values::getOrAdd);
        return new byte[][] {inline.toByteArray(), withIds.toByteArray()};
    }
}
