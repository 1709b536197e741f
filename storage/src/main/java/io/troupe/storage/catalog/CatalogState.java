package io.troupe.storage.catalog;

import java.util.List;
import java.util.Set;

/**
 * One immutable version of a project's catalog: readers hold it without locks, writers replace it whole.
 *
 * @param formatVersion      the catalog file's format version
 * @param groupTypes         active group types, in declaration order
 * @param droppedGroupTypes  dropped group types: their ids stay reserved and their stored data stays readable
 * @param groupPropertyNames group property names in first-use order
 * @param nextGroupTypeId    the id the next new group type gets
 */
public record CatalogState(int formatVersion, List<GroupType> groupTypes, List<GroupType> droppedGroupTypes,
                           List<String> groupPropertyNames, int nextGroupTypeId) {
    public static final int FORMAT_VERSION = 1;

    public CatalogState {
        groupTypes = List.copyOf(groupTypes);
        droppedGroupTypes = List.copyOf(droppedGroupTypes);
        groupPropertyNames = List.copyOf(groupPropertyNames);
    }

    static CatalogState empty() {
        return new CatalogState(FORMAT_VERSION, List.of(), List.of(), List.of(), 0);
    }

    public GroupType groupType(String name) {
        for (GroupType type : groupTypes) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    /** Active or dropped, by id: stored files name group types by id. */
    public GroupType groupTypeById(int id) {
        for (GroupType type : groupTypes) {
            if (type.id() == id) {
                return type;
            }
        }
        for (GroupType type : droppedGroupTypes) {
            if (type.id() == id) {
                return type;
            }
        }
        return null;
    }

    public Set<String> groupTypeNames() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        groupTypes.forEach(t -> names.add(t.name()));
        return names;
    }
}
