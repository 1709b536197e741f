package io.troupe.sql.exec;

import io.troupe.storage.dictionary.Dictionary;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A cohort's members for one statement: computed once per statement ({@link QueryScope#cohortMembers}), then asked
 * per row by value (the scalar form) or turned once per dictionary into a bitset of ids (the pushed-down form).
 */
public final class CohortMembers {
    private final String cohort;
    private final String[] values;
    private final Set<String> set;
    private final Map<Dictionary, IdSet> ids = new IdentityHashMap<>();

    /** @param values the distinct members (no nulls) */
    public CohortMembers(String cohort, String[] values) {
        this.cohort = cohort;
        this.values = values;
        this.set = new HashSet<>(Math.max(16, values.length * 4 / 3 + 1));
        java.util.Collections.addAll(set, values);
    }

    public String cohort() {
        return cohort;
    }

    public int size() {
        return values.length;
    }

    /** The members (do not modify). */
    public String[] values() {
        return values;
    }

    public boolean contains(String value) {
        return set.contains(value);
    }

    /** The ids the members have in {@code dictionary}; members it never saw are left out (no row can hold them). */
    synchronized IdSet ids(Dictionary dictionary) {
        return ids.computeIfAbsent(dictionary, d -> {
            int[] found = new int[values.length];
            int n = 0;
            for (String v : values) {
                int id = d.idOf(v);
                if (id >= 0) {
                    found[n++] = id;
                }
            }
            return new IdSet(java.util.Arrays.copyOf(found, n));
        });
    }

    /** Computes a cohort's members; the SQL engine's cohort evaluator. */
    public interface Source {
        CohortMembers members(String cohort);
    }
}
