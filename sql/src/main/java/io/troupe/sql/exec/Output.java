package io.troupe.sql.exec;

/** A column a Troupe scan produces: an {@code events} column as is, or {@code event_time} truncated to a unit. */
public sealed interface Output {
    /** The {@code events} column it reads. */
    int field();

    record Field(int field) implements Output {
        @Override
        public String toString() {
            return "$" + field;
        }
    }

    record Floor(int field, TimeBucket unit) implements Output {
        @Override
        public String toString() {
            return "FLOOR($" + field + " TO " + unit + ")";
        }
    }
}
