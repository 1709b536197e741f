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
    private final ThreadLocal<ByteWriter> scratch = ThreadLocal.withInitial(() -> new ByteWriter(1024));

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
        return new Resolved.EncodedProperties(inline(e.eventProperties()), inline(e.userProperties()),
                withIds(e.eventProperties()), withIds(e.userProperties()));
    }

    private byte[] inline(ObjectNode properties) {
        ByteWriter out = scratch.get();
        out.reset();
        PropertyCodec.encode(properties, out);
        return out.toByteArray();
    }

    private byte[] withIds(ObjectNode properties) {
        if (properties.isEmpty()) {
            return null;
        }
        ByteWriter out = scratch.get();
        out.reset();
        Dictionary keys = dictionaries.propertyKeys();
        Dictionary values = dictionaries.propertyValues();
        PropertyCodec.encode(properties, out, keys::getOrAdd, values::getOrAdd);
        return out.toByteArray();
    }
}
