package io.troupe.server.protocol;

import io.troupe.common.wire.Parameter;
import java.util.List;

/**
 * Wire parameters as the values {@code PreparedStatement.setObject} takes. Temporal values are built from
 * their milliseconds, never through the JVM's time zone: the SQL connection's zone is UTC, so a TIMESTAMP
 * parameter of {@code n} ms compares equal to an {@code event_time} of {@code n} ms.
 */
final class JdbcParameters {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private JdbcParameters() {
    }

    static Object[] values(List<Parameter> parameters) {
        Object[] values = new Object[parameters.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(parameters.get(i));
        }
        return values;
    }

    static Object value(Parameter p) {
        return switch (p.type()) {
            case DATE -> new java.sql.Date((Integer) p.value() * MILLIS_PER_DAY);
            case TIME -> new java.sql.Time((Integer) p.value());
            case TIMESTAMP -> new java.sql.Timestamp((Long) p.value());
            case VARBINARY -> ((byte[]) p.value()).clone();
            default -> p.value(); // null, Boolean, Integer, Long, Double, BigDecimal, String
        };
    }
}
