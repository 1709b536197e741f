package io.troupe.storage.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Column names and types of an event segment (format version 1). Id columns use the narrowest signed
 * integer width that holds the segment's largest id (8, 16 or 32 bits), which is standard Arrow and keeps
 * small domains small on disk and in memory; readers widen as they read.
 */
public final class SegmentSchema {
    public static final int FORMAT_VERSION = 1;

    public static final String EVENT_TIME = "event_time";
    public static final String EVENT_TYPE = "event_type";
    public static final String USER_ID = "user_id";
    public static final String DEVICE_ID = "device_id";
    public static final String INSERT_ID = "insert_id";
    public static final String EVENT_GROUPS = "event_groups";
    public static final String EVENT_PROPERTIES = "event_properties";
    public static final String USER_PROPERTIES = "user_properties";
    private static final String GROUP_PREFIX = "group_";

    /** Schema metadata keys. */
    public static final String META_FORMAT_VERSION = "troupe.format_version";
    public static final String META_TIME_BASE = "troupe.time_base";
    public static final String META_PARTITION = "troupe.partition";
    public static final String META_GROUP_TYPE_ID = "troupe.group_type_id";

    private SegmentSchema() {
    }

    /** The column of one group type's values, named by the type's id (names of types can be dropped). */
    public static String groupColumn(int groupTypeId) {
        return GROUP_PREFIX + groupTypeId;
    }

    public static boolean isGroupColumn(String name) {
        return name.startsWith(GROUP_PREFIX);
    }

    public static int groupTypeIdOf(String column) {
        return Integer.parseInt(column.substring(GROUP_PREFIX.length()));
    }

    /** The Arrow integer type with room for {@code maxValue}. */
    static ArrowType.Int idType(int maxValue) {
        if (maxValue <= Byte.MAX_VALUE) {
            return new ArrowType.Int(8, true);
        }
        if (maxValue <= Short.MAX_VALUE) {
            return new ArrowType.Int(16, true);
        }
        return new ArrowType.Int(32, true);
    }

    static Field idField(String name, int maxValue, boolean nullable, Map<String, String> metadata) {
        return new Field(name, new FieldType(nullable, idType(maxValue), null, metadata), null);
    }

    static Field timeField(boolean wide) {
        return new Field(EVENT_TIME, new FieldType(false, new ArrowType.Int(wide ? 64 : 32, true), null), null);
    }

    static List<Field> bytesFields() {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(INSERT_ID, FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
        fields.add(new Field(EVENT_GROUPS, FieldType.nullable(ArrowType.Binary.INSTANCE), null));
        fields.add(new Field(EVENT_PROPERTIES, FieldType.nullable(ArrowType.Binary.INSTANCE), null));
        fields.add(new Field(USER_PROPERTIES, FieldType.nullable(ArrowType.Binary.INSTANCE), null));
        return fields;
    }
}
