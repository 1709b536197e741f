package io.troupe.storage.cohort;

import java.util.Locale;

/**
 * How a cohort gets its members. Persisted by {@link #label()}, which never changes.
 */
public enum CohortKind {
    /** The SQL text is stored; the members are computed again by every statement that uses the cohort. */
    BEHAVIORAL,
    /** The members the query returned at creation are stored. */
    STATIC,
    /** The members read from a file of the import folder are stored. */
    IMPORTED;

    /** The lowercase name shown in the {@code cohorts} table and written in {@code cohorts.json}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the members are stored (static and imported cohorts). */
    public boolean storesMembers() {
        return this != BEHAVIORAL;
    }

    public static CohortKind ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
