package io.troupe.sql.exec;

import io.troupe.sql.schema.EventField;
import io.troupe.sql.schema.EventLayout;
import io.troupe.sql.schema.PropertyValues;
import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.CatalogState;
import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.columns.GroupsCodec;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.dictionary.Dictionary;
import io.troupe.storage.encoding.ByteReader;
import io.troupe.storage.encoding.PropertyCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns stored values into the Java values Calcite expects for each SQL type of an {@code events} column. */
public final class ValueDecoder {
    private final EventLayout layout;
    private final Dictionaries dictionaries;
    private final CatalogState catalog;
    private final Dictionary[] byField;
    private final EventStore store;
    private final Map<Output.GroupPropertyKey, GroupPropertyCodes> groupProperties = new java.util.concurrent.ConcurrentHashMap<>();

    ValueDecoder(EventStore store, EventLayout layout, Dictionaries dictionaries, CatalogState catalog) {
        this.store = store;
        this.layout = layout;
        this.dictionaries = dictionaries;
        this.catalog = catalog;
        this.byField = new Dictionary[layout.size()];
        for (int i = 0; i < layout.size(); i++) {
            EventField f = layout.field(i);
            if (f.isId()) {
                byField[i] = dictionaries.get(f.domain());
            }
        }
    }

    /** Row {@code i} of the batch (0-based within the rows in range) of an output. */
    Object value(BatchData d, Output out, int i) {
        int field = out.field();
        if (out instanceof Output.Floor floor) {
            return floor.unit().truncate(d.times()[i]);
        }
        if (out instanceof Output.GroupPropertyKey gp) {
            return codes(gp).value(rowCodes(d, gp)[i]);
        }
        EventField f = layout.field(field);
        switch (f.kind()) {
            case TIME:
                return d.times()[i];
            case ID: {
                int id = d.ids(field)[i];
                return id < 0 ? null : byField[field].valueOf(id);
            }
            default:
                break;
        }
        byte[] bytes = d.batch().bytes(f.column(), d.batch().startRow() + i);
        if (bytes == null) {
            // An event sent without properties or event-level groups has empty maps (the columns are NOT NULL).
            return f.kind() == EventField.Kind.TEXT ? null : Map.of();
        }
        return switch (f.kind()) {
            case TEXT -> new String(bytes, StandardCharsets.UTF_8);
            case GROUPS -> groups(bytes);
            case PROPERTIES -> properties(bytes);
            default -> throw new IllegalStateException(f.kind().toString());
        };
    }

    /** The dense codes of a group property output, computed on first use in this query. */
    GroupPropertyCodes codes(Output.GroupPropertyKey out) {
        return groupProperties.computeIfAbsent(out,
                o -> GroupPropertyCodes.build(store, layout.field(o.field()).column(), o));
    }

    /** The codes of a group property output for the rows of a batch (index them by row, as ids). */
    int[] rowCodes(BatchData d, Output.GroupPropertyKey out) {
        return d.codes(out, codes(out));
    }

    /** The string of a dictionary id of an id column. */
    String idValue(int field, int id) {
        return id < 0 ? null : byField[field].valueOf(id);
    }

    private Map<String, List<String>> groups(byte[] bytes) {
        return groups(dictionaries, catalog, bytes);
    }

    private Map<String, String> properties(byte[] bytes) {
        return properties(dictionaries, bytes);
    }

    /** A stored {@code event_groups} value as its SQL map: group type name to the values the event carries. */
    public static Map<String, List<String>> groups(Dictionaries dictionaries, CatalogState catalog, byte[] bytes) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (GroupsCodec.Entry e : GroupsCodec.decode(bytes, 0, bytes.length)) {
            GroupType type = catalog.groupTypeById(e.groupTypeId());
            if (type == null) {
                continue;
            }
            Dictionary values = dictionaries.groupValues(e.groupTypeId());
            List<String> list = new ArrayList<>(e.valueIds().length);
            for (int id : e.valueIds()) {
                list.add(values.valueOf(id));
            }
            map.put(type.name(), list);
        }
        return map;
    }

    /** A stored {@code event_properties} or {@code user_properties} value as its SQL map of texts. */
    public static Map<String, String> properties(Dictionaries dictionaries, byte[] bytes) {
        Dictionary keys = dictionaries.propertyKeys();
        Dictionary values = dictionaries.propertyValues();
        return PropertyValues.textMap(PropertyCodec.decode(new ByteReader(bytes), keys::valueOf, values::valueOf));
    }

}
