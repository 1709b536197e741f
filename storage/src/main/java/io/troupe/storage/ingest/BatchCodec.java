package io.troupe.storage.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.encoding.ByteReader;
import io.troupe.storage.encoding.ByteWriter;
import io.troupe.storage.encoding.PropertyCodec;
import io.troupe.storage.event.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The WAL record of one ingest batch: the resolved commands in order, strings inline (a WAL record
 * never depends on dictionary state). Format version 1:
 * {@code [byte version][long ingest time][varint count] then per command [byte kind] fields...}.
 */
public final class BatchCodec {
    static final int VERSION = 1;
    static final int EVENT = 1;
    static final int IDENTIFY = 2;
    static final int GROUP_CHANGE = 3;

    private BatchCodec() {
    }

    /** A decoded record: when it was ingested (server clock, for dedup) and its commands. */
    public record Decoded(long ingestTime, List<Resolved> commands) {
    }

    /** Encodes a resolved batch; its events are prepared ({@link EventPreparer}): their bytes are copied. */
    public static void encode(List<Resolved> batch, long ingestTime, ByteWriter out) {
        out.writeByte(VERSION);
        out.writeLong(ingestTime);
        out.writeVarInt(batch.size());
        for (Resolved r : batch) {
            if (r instanceof Resolved.Event e) {
                    out.writeByte(EVENT);
                    Resolved.Prepared p = e.prepared();
                    out.writeBytes(p.bytes(), 0, p.headEnd());
                    if (e.sharedGroups() != null) {
                        out.writeBytes(e.sharedGroups().walBytes(), 0, e.sharedGroups().walBytes().length);
                    } else {
                        writeGroups(e.groups(), out);
                    }
                    out.writeBytes(p.bytes(), p.headEnd(), p.walEnd() - p.headEnd()); // event, user properties
            } else if (r instanceof Resolved.Identify i) {
                    out.writeByte(IDENTIFY);
                    out.writeString(i.userId());
                    out.writeLong(i.time());
                    writeGroups(i.groups(), out);
                    out.writeByte(i.userPropertiesAfter() == null ? 0 : 1);
                    if (i.userPropertiesAfter() != null) {
                        PropertyCodec.encode(i.userPropertiesAfter(), out);
                    }
            } else if (r instanceof Resolved.GroupChange g) {
                    out.writeByte(GROUP_CHANGE);
                    out.writeVarInt(g.groupTypeId());
                    out.writeString(g.groupValue());
                    out.writeLong(g.time());
                    out.writeVarInt(g.values().size());
                    ObjectNode holder = Json.emptyObject();
                    for (Resolved.PropertyValue v : g.values()) {
                        out.writeString(v.name());
                        out.writeByte(v.value() == null ? 0 : 1);
                        if (v.value() != null) {
                            holder.removeAll();
                            holder.set("v", v.value());
                            PropertyCodec.encode(holder, out);
                    }
                }
            }
        }
    }

    /** The fields of an event's record before its groups; {@link EventPreparer} writes them before the lock. */
    static void writeEventHead(long time, String eventType, String userId, String deviceId, String insertId,
                               ByteWriter out) {
        out.writeLong(time);
        out.writeString(eventType);
        out.writeNullableString(userId);
        out.writeNullableString(deviceId);
        out.writeNullableString(insertId);
    }

    public static Decoded decode(byte[] payload) {
        ByteReader in = new ByteReader(payload);
        int version = in.readByte();
        if (version != VERSION) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, "(WAL record)", "unknown batch version " + version);
        }
        long ingestTime = in.readLong();
        int count = in.readVarInt();
        List<Resolved> batch = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int kind = in.readByte();
            switch (kind) {
                case EVENT -> batch.add(new Resolved.Event(in.readLong(), in.readString(), in.readNullableString(),
                        in.readNullableString(), in.readNullableString(), readGroups(in),
                        PropertyCodec.decode(in), PropertyCodec.decode(in)));
                case IDENTIFY -> {
                    String user = in.readString();
                    long time = in.readLong();
                    List<Resolved.EventGroup> groups = readGroups(in);
                    ObjectNode after = in.readByte() == 1 ? PropertyCodec.decode(in) : null;
                    batch.add(new Resolved.Identify(user, time, groups, after));
                }
                case GROUP_CHANGE -> {
                    int type = in.readVarInt();
                    String value = in.readString();
                    long time = in.readLong();
                    int k = in.readVarInt();
                    List<Resolved.PropertyValue> values = new ArrayList<>(k);
                    for (int i = 0; i < k; i++) {
                        String name = in.readString();
                        JsonNode v = in.readByte() == 1 ? PropertyCodec.decode(in).get("v") : null;
                        values.add(new Resolved.PropertyValue(name, v));
                    }
                    batch.add(new Resolved.GroupChange(type, value, time, values));
                }
                default -> throw new TroupeException(ErrorCode.STORAGE_CORRUPT, "(WAL record)", "unknown command kind " + kind);
            }
        }
        return new Decoded(ingestTime, batch);
    }

    static void writeGroups(List<Resolved.EventGroup> groups, ByteWriter out) {
        out.writeVarInt(groups.size());
        for (Resolved.EventGroup g : groups) {
            out.writeVarInt(g.groupTypeId());
            out.writeByte(g.fromEvent() ? 1 : 0);
            out.writeVarInt(g.values().size());
            for (String v : g.values()) {
                out.writeString(v);
            }
        }
    }

    private static List<Resolved.EventGroup> readGroups(ByteReader in) {
        int n = in.readVarInt();
        List<Resolved.EventGroup> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int type = in.readVarInt();
            boolean fromEvent = in.readByte() == 1;
            int k = in.readVarInt();
            List<String> values = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                values.add(in.readString());
            }
            groups.add(new Resolved.EventGroup(type, fromEvent, values));
        }
        return groups;
    }
}
