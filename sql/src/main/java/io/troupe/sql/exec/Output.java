package io.troupe.sql.exec;

/**
 * A column a Troupe scan produces: an {@code events} column as is, {@code event_time} truncated to a unit, or
 * a group's property, current or at the event's time (a dense code, from tables computed once per query).
 */
public sealed interface Output {
    /** The {@code events} column it reads. */
    int field();

    record Field(int field) implements Output {
        @Override
        public String toString() {
            return "$" + field;
        }
    }

    /**
     * A property of the group in a group column ({@code field}), as a dense code per row (see
     * {@code GroupPropertyCodes}): the current value, or the value in force at the event's time.
     */
    sealed interface GroupPropertyKey extends Output permits GroupProperty, GroupPropertyAt {
        String property();
    }

    /** The current value of a group property of the group in a group column ({@code CURRENT_GROUP_PROPERTY}). */
    record GroupProperty(int field, String property) implements GroupPropertyKey {
        @Override
        public String toString() {
            return "CURRENT_GROUP_PROPERTY($" + field + ", '" + property + "')";
        }
    }

    /**
     * The value of a group property of the group in a group column in force at the row's {@code event_time}
     * ({@code GROUP_PROPERTY}).
     */
    record GroupPropertyAt(int field, String property) implements GroupPropertyKey {
        @Override
        public String toString() {
            return "GROUP_PROPERTY($" + field + ", '" + property + "')";
        }
    }

    record Floor(int field, TimeBucket unit) implements Output {
        @Override
        public String toString() {
            return "FLOOR($" + field + " TO " + unit + ")";
        }
    }
}
