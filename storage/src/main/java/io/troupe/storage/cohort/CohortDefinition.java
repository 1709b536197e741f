package io.troupe.storage.cohort;

import java.util.Objects;

/**
 * One saved cohort.
 *
 * @param name        the cohort's name as written at creation (looked up case-insensitively)
 * @param groupType   the group type its members are values of, or null for a cohort of users
 * @param kind        behavioral, static or imported
 * @param definition  the SQL query (behavioral, static) or the imported file's name
 * @param createdAt   creation time, ms since the epoch
 * @param memberCount the number of stored members, or -1 for a behavioral cohort (computed when used)
 * @param membersFile the file (in the cohorts folder) holding the stored members; null for a behavioral cohort and
 *                    before {@link CohortStore#save} names it
 */
public record CohortDefinition(String name, String groupType, CohortKind kind, String definition, long createdAt,
                               long memberCount, String membersFile) {
    public CohortDefinition {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(definition, "definition is null");
        if (!kind.storesMembers() && membersFile != null) {
            throw new IllegalArgumentException("a behavioral cohort has no members file");
        }
    }

    /** The case-insensitive key of a cohort name, as SQL's unquoted identifiers are. */
    public static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
