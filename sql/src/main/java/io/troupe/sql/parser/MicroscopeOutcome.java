package io.troupe.sql.parser;

import org.apache.calcite.sql.Symbolizable;

/** The data point a {@code MICROSCOPE} opens: the units behind one step of a funnel or one period of a retention. */
public enum MicroscopeOutcome implements Symbolizable {
    /** Funnel: the units that reached the step. */
    CONVERTED,
    /** Funnel: the units that reached the previous step but not this one. */
    DROPPED,
    /** Retention: the units held in the period. */
    RETAINED,
    /** Retention: the starting units not held in the period. */
    LOST;

    /** Whether this outcome belongs to a funnel ({@code CONVERTED}, {@code DROPPED}) rather than a retention. */
    public boolean isFunnel() {
        return this == CONVERTED || this == DROPPED;
    }
}
