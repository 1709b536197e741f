package io.troupe.sql.cohort;

import io.troupe.storage.EventStore;
import io.troupe.storage.catalog.GroupType;

/**
 * What kind of values a column holds, for the checks that a cohort is compared with (or filled from) values of its
 * own kind: a column named after a group type holds that group type's values, {@code user_id} holds user ids; any
 * other column is not checked (its values are compared as text).
 */
final class CohortTypes {
    /** The marker for user ids (a cohort without FOR GROUP TYPE). */
    static final String USERS = "";

    private CohortTypes() {
    }

    /** The group type a column named {@code column} holds, {@link #USERS} for user_id, or null for any other. */
    static String typeOfColumn(String column, EventStore store) {
        if (column.equalsIgnoreCase("user_id")) {
            return USERS;
        }
        for (GroupType type : store.catalog().state().groupTypes()) {
            if (type.name().equalsIgnoreCase(column)) {
                return type.name();
            }
        }
        return null;
    }

    /** Whether a column kind ({@link #typeOfColumn}) matches a cohort's group type (null for users). */
    static boolean sameType(String columnType, String cohortGroupType) {
        return cohortGroupType == null ? columnType.equals(USERS) : columnType.equals(cohortGroupType);
    }

    static String typeOrNull(String columnType) {
        return USERS.equals(columnType) ? null : columnType;
    }

    /** "user ids" or "values of group type org_id". */
    static String describe(String groupType) {
        return groupType == null ? "user ids" : "values of group type " + groupType;
    }
}
