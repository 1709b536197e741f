package io.troupe.storage.cohort;

import java.util.List;

/**
 * The content of {@code cohorts/cohorts.json}.
 *
 * @param formatVersion the file's format version
 * @param nextFile      the number the next members file gets ({@code <n>.members}); never reused while listed
 * @param cohorts       every cohort, by name
 */
record CohortsFile(int formatVersion, long nextFile, List<Entry> cohorts) {
    static final int FORMAT_VERSION = 1;

    CohortsFile {
        cohorts = List.copyOf(cohorts);
    }

    /** One cohort as written: the kind by its stable label. */
    record Entry(String name, String groupType, String kind, String definition, long createdAt, long memberCount,
                 String membersFile) {
        static Entry of(CohortDefinition d) {
            return new Entry(d.name(), d.groupType(), d.kind().label(), d.definition(), d.createdAt(), d.memberCount(),
                    d.membersFile());
        }

        CohortDefinition toDefinition() {
            return new CohortDefinition(name, groupType, CohortKind.ofLabel(kind), definition, createdAt, memberCount,
                    membersFile);
        }
    }
}
