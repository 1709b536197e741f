package io.troupe.sql.exec;

import java.sql.Timestamp;
import org.apache.calcite.DataContext;

/** A constant of a pushed-down expression: a literal of the statement, or a {@code ?} bound at execution. */
public sealed interface Operand {
    /** The value at execution: a String, a Long (milliseconds for times) or null. */
    Object resolve(DataContext context);

    record Literal(Object value) implements Operand {
        @Override
        public Object resolve(DataContext context) {
            return value;
        }

        @Override
        public String toString() {
            return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        }
    }

    record Param(int index) implements Operand {
        @Override
        public Object resolve(DataContext context) {
            Object v = context.get("?" + index);
            if (v instanceof Timestamp ts) {
                return ts.getTime();
            }
            if (v instanceof java.util.Date d) {
                return d.getTime();
            }
            if (v instanceof Number n) {
                return n.longValue();
            }
            return v == null ? null : v.toString();
        }

        @Override
        public String toString() {
            return "?" + index;
        }
    }

    /** {@code CURRENT_TIMESTAMP}: the statement's start, as Calcite gives it to generated code (UTC milliseconds). */
    record Now() implements Operand {
        @Override
        public Object resolve(DataContext context) {
            Object v = context.get(DataContext.Variable.CURRENT_TIMESTAMP.camelName);
            return v instanceof Number n ? n.longValue() : System.currentTimeMillis();
        }

        @Override
        public String toString() {
            return "CURRENT_TIMESTAMP";
        }
    }

    /** A time constant plus a day-time interval: {@code CURRENT_TIMESTAMP - INTERVAL '30' DAY}, {@code ? + INTERVAL ...}. */
    record Shifted(Operand time, long millis) implements Operand {
        @Override
        public Object resolve(DataContext context) {
            Object v = time.resolve(context);
            return v instanceof Long t ? (Object) (t + millis) : null;
        }

        @Override
        public String toString() {
            return time + (millis < 0 ? " - " : " + ") + Math.abs(millis) + " ms";
        }
    }

    static String text(Object v) {
        return v == null ? null : v.toString();
    }
}
