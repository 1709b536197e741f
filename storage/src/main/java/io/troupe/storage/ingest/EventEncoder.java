package io.troupe.storage.ingest;

import io.troupe.storage.columns.EventColumns;
import io.troupe.storage.columns.GroupsCodec;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.encoding.ByteWriter;
import io.troupe.storage.encoding.PropertyCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Appends resolved events to columns: strings become dictionary ids. One instance per writer thread. */
public final class EventEncoder {
    private final Dictionaries dictionaries;
    private final ByteWriter scratch = new ByteWriter(1024);

    public EventEncoder(Dictionaries dictionaries) {
        this.dictionaries = dictionaries;
    }

    public void append(Resolved.Event e, EventColumns out) {
        out.time.add(e.time());
        out.eventType.add(dictionaries.eventTypes().getOrAdd(e.eventType()));
        out.user.add(e.userId() == null ? -1 : dictionaries.users().getOrAdd(e.userId()));
        out.device.add(e.deviceId() == null ? -1 : dictionaries.devices().getOrAdd(e.deviceId()));
        if (e.insertId() == null) {
            out.insertId.addNull();
        } else {
            byte[] bytes = e.insertId().getBytes(StandardCharsets.UTF_8);
            out.insertId.add(bytes, 0, bytes.length);
        }
        List<GroupsCodec.Entry> sent = null;
        for (Resolved.EventGroup g : e.groups()) {
            Dictionary values = dictionaries.groupValues(g.groupTypeId());
            out.setGroup(g.groupTypeId(), values.getOrAdd(g.values().get(0)));
            if (g.fromEvent()) {
                int[] ids = new int[g.values().size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = values.getOrAdd(g.values().get(i));
                }
                if (sent == null) {
                    sent = new ArrayList<>(2);
                }
                sent.add(new GroupsCodec.Entry(g.groupTypeId(), ids));
            }
        }
        if (sent == null) {
            out.eventGroups.addNull();
        } else {
            scratch.reset();
            GroupsCodec.encode(sent, scratch);
            out.eventGroups.add(scratch.array(), 0, scratch.size());
        }
        appendProperties(e.eventProperties(), out.eventProperties);
        appendProperties(e.userProperties(), out.userProperties);
        out.endRow();
    }

    private void appendProperties(com.fasterxml.jackson.databind.node.ObjectNode properties,
                                  io.troupe.storage.columns.BytesColumn column) {
        if (properties.isEmpty()) {
            column.addNull();
            return;
        }
        scratch.reset();
        Dictionary keys = dictionaries.propertyKeys();
        Dictionary values = dictionaries.propertyValues();
        PropertyCodec.encode(properties, scratch, keys::getOrAdd, values::getOrAdd);
        column.add(scratch.array(), 0, scratch.size());
    }
}
