package io.troupe.sql.schema;

import io.troupe.storage.catalog.GroupType;
import io.troupe.storage.dictionary.Dictionaries;
import io.troupe.storage.segment.SegmentSchema;

/**
 * One column of the {@code events} table and where its values come from in storage.
 *
 * @param name       the SQL column name
 * @param kind       how the stored column is read
 * @param column     the storage column (Arrow field name in segments and tail)
 * @param domain     the dictionary domain of an {@link Kind#ID} column, else null
 */
public record EventField(String name, Kind kind, String column, String domain) {
    /** How a stored column becomes SQL values. */
    public enum Kind {
        /** {@code event_time}: milliseconds, TIMESTAMP(3). */
        TIME,
        /** a dense dictionary id column: VARCHAR through the dictionary; filters and keys stay integers. */
        ID,
        /** {@code insert_id}: plain text. */
        TEXT,
        /** {@code event_groups}: every group value the event carries, MAP(VARCHAR, VARCHAR ARRAY). */
        GROUPS,
        /** {@code event_properties} and {@code user_properties}: MAP(VARCHAR, VARCHAR). */
        PROPERTIES
    }

    public static EventField time() {
        return new EventField("event_time", Kind.TIME, SegmentSchema.EVENT_TIME, null);
    }

    public static EventField id(String name, String column, String domain) {
        return new EventField(name, Kind.ID, column, domain);
    }

    public static EventField group(GroupType type) {
        return new EventField(type.name(), Kind.ID, SegmentSchema.groupColumn(type.id()), Dictionaries.groupDomain(type.id()));
    }

    public boolean isId() {
        return kind == Kind.ID;
    }

    /** A group type's column (its values are a group type's dictionary ids). */
    public boolean isGroup() {
        return kind == Kind.ID && SegmentSchema.isGroupColumn(column);
    }

    public boolean isTime() {
        return kind == Kind.TIME;
    }
}
