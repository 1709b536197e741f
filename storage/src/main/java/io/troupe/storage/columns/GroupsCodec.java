package io.troupe.storage.columns;

import io.troupe.storage.encoding.ByteReader;
import io.troupe.storage.encoding.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code event_groups} value of an event: every group the event itself named, with all values, so
 * nothing sent is lost (the group columns hold only the first value). Format:
 * {@code [varint types] then per type [varint groupTypeId][varint count][varint valueId]*}.
 */
public final class GroupsCodec {
    /** One group type's values on an event, as dictionary ids. */
    public record Entry(int groupTypeId, int[] valueIds) {
    }

    private GroupsCodec() {
    }

    public static void encode(List<Entry> entries, ByteWriter out) {
        out.writeVarInt(entries.size());
        for (Entry e : entries) {
            out.writeVarInt(e.groupTypeId());
            out.writeVarInt(e.valueIds().length);
            for (int id : e.valueIds()) {
                out.writeVarInt(id);
            }
        }
    }

    public static List<Entry> decode(byte[] data, int offset, int length) {
        ByteReader in = new ByteReader(data, offset, length);
        int n = in.readVarInt();
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int type = in.readVarInt();
            int[] ids = new int[in.readVarInt()];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = in.readVarInt();
            }
            entries.add(new Entry(type, ids));
        }
        return entries;
    }
}
