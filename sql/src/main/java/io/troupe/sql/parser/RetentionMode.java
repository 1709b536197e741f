package io.troupe.sql.parser;

import org.apache.calcite.sql.Symbolizable;

/** {@code MODE N_DAY | UNBOUNDED} of a {@code RETENTION}. */
public enum RetentionMode implements Symbolizable {
    /** The default: period k holds a unit with a return event in [start + k*period, start + (k+1)*period). */
    N_DAY,
    /** Period k holds a unit with a return event at or after start + k*period. */
    UNBOUNDED
}
