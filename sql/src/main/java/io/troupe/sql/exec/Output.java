package io.troupe.sql.exec;

/**
 * A column a Troupe scan produces: an {@code events} column as is, {@code event_time} truncated to a unit, or
 * a group's current property (a dense code per group id, computed once per query).
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

    /** The current value of a group property of the group in a group column ({@code CURRENT_GROUP_PROPERTY}). */
    record GroupProperty(int field, String property) implements Output {
        @Override
        public String toString() {
            return "CURRENT_GROUP_PROPERTY($" + field + ", '" + property + "')";
        }
    }

    record Floor(int field, TimeBucket unit) implements Output {
        @Override
        public String toString() {
            return "FLOOR($" + field + " TO " + unit + ")";
        }
    }
}
