package io.troupe.storage.catalog;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.io.FileIO;
import io.troupe.storage.io.StateFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A project's catalog: its group types and group property names, within the project's limits, persisted
 * as {@code catalog.json} by atomic replace. A change that would pass a limit is refused whole: nothing
 * is declared and nothing stored changes.
 */
public final class Catalog {
    public static final String FILE_NAME = "catalog.json";

    private final String project;
    private final Path file;
    private final FileIO io;
    private final int maxGroupTypes;
    private final int maxGroupPropertyNames;
    private volatile CatalogState state;
    private final Set<String> propertyNameSet = new java.util.HashSet<>();

    private Catalog(String project, Path file, FileIO io, int maxGroupTypes, int maxGroupPropertyNames,
                    CatalogState state) {
        this.project = project;
        this.file = file;
        this.io = io;
        this.maxGroupTypes = maxGroupTypes;
        this.maxGroupPropertyNames = maxGroupPropertyNames;
        this.state = state;
        propertyNameSet.addAll(state.groupPropertyNames());
    }

    /** Opens the catalog in {@code projectDir}, creating an empty one if there is none. */
    public static Catalog open(String project, Path projectDir, FileIO io, int maxGroupTypes,
                               int maxGroupPropertyNames) {
        Path file = projectDir.resolve(FILE_NAME);
        CatalogState state = StateFiles.read(file, CatalogState.class, CatalogState::formatVersion,
                CatalogState.FORMAT_VERSION, CatalogState::empty);
        return new Catalog(project, file, io, maxGroupTypes, maxGroupPropertyNames, state);
    }

    public CatalogState state() {
        return state;
    }

    public int maxGroupTypes() {
        return maxGroupTypes;
    }

    /**
     * Returns the group types named, declaring the missing ones first (all or none: if they do not all fit
     * under the limit, none is declared).
     */
    public synchronized List<GroupType> ensureGroupTypes(Collection<String> names, long now) {
        CatalogState current = state;
        List<GroupType> result = new ArrayList<>(names.size());
        List<GroupType> added = new ArrayList<>();
        int nextId = current.nextGroupTypeId();
        for (String name : new LinkedHashSet<>(names)) {
            GroupType type = current.groupType(name);
            if (type == null) {
                for (GroupType pending : added) {
                    if (pending.name().equals(name)) {
                        type = pending;
                    }
                }
            }
            if (type == null) {
                validateGroupTypeName(name);
                type = new GroupType(nextId++, name, now);
                added.add(type);
            }
            result.add(type);
        }
        if (!added.isEmpty()) {
            if (current.groupTypes().size() + added.size() > maxGroupTypes) {
                throw new TroupeException(ErrorCode.TOO_MANY_GROUP_TYPES, project, current.groupTypes().size());
            }
            List<GroupType> types = new ArrayList<>(current.groupTypes());
            types.addAll(added);
            replace(new CatalogState(CatalogState.FORMAT_VERSION, types, current.droppedGroupTypes(),
                    current.groupPropertyNames(), nextId));
        }
        return result;
    }

    /**
     * The ids the group types named have, or will have once {@link #declare}d, without changing anything;
     * refuses invalid names and a total past the limit. New names are appended to {@code newNames} in the
     * order their ids were planned.
     */
    public synchronized Map<String, Integer> planGroupTypes(Collection<String> names, List<String> newNames) {
        CatalogState current = state;
        Map<String, Integer> ids = new java.util.LinkedHashMap<>();
        for (String name : names) {
            if (ids.containsKey(name)) {
                continue;
            }
            GroupType type = current.groupType(name);
            if (type != null) {
                ids.put(name, type.id());
            } else {
                validateGroupTypeName(name);
                ids.put(name, current.nextGroupTypeId() + newNames.size());
                newNames.add(name);
            }
        }
        if (current.groupTypes().size() + newNames.size() > maxGroupTypes) {
            throw new TroupeException(ErrorCode.TOO_MANY_GROUP_TYPES, project, current.groupTypes().size());
        }
        return ids;
    }

    /** Refuses property names that would pass the limit, without changing anything. */
    public synchronized void checkGroupPropertyNames(Collection<String> names) {
        long added = names.stream().filter(n -> !propertyNameSet.contains(n)).distinct().count();
        for (String name : names) {
            if (name.isEmpty() || name.length() > 1024) {
                throw new TroupeException(ErrorCode.INVALID_PROPERTY_NAME, name);
            }
        }
        if (state.groupPropertyNames().size() + added > maxGroupPropertyNames) {
            throw new TroupeException(ErrorCode.TOO_MANY_GROUP_PROPERTIES, project, state.groupPropertyNames().size());
        }
    }

    /** Declares planned group types (in planning order) and property names in one atomic catalog write. */
    public synchronized void declare(List<String> newGroupTypes, Collection<String> propertyNames, long now) {
        CatalogState current = state;
        List<GroupType> types = new ArrayList<>(current.groupTypes());
        int nextId = current.nextGroupTypeId();
        for (String name : newGroupTypes) {
            if (current.groupType(name) == null) {
                types.add(new GroupType(nextId++, name, now));
            }
        }
        List<String> newProperties = new ArrayList<>();
        for (String name : propertyNames) {
            if (!propertyNameSet.contains(name) && !newProperties.contains(name)) {
                newProperties.add(name);
            }
        }
        if (types.size() == current.groupTypes().size() && newProperties.isEmpty()) {
            return;
        }
        if (types.size() > maxGroupTypes) {
            throw new TroupeException(ErrorCode.TOO_MANY_GROUP_TYPES, project, current.groupTypes().size());
        }
        if (current.groupPropertyNames().size() + newProperties.size() > maxGroupPropertyNames) {
            throw new TroupeException(ErrorCode.TOO_MANY_GROUP_PROPERTIES, project, current.groupPropertyNames().size());
        }
        List<String> properties = new ArrayList<>(current.groupPropertyNames());
        properties.addAll(newProperties);
        replace(new CatalogState(CatalogState.FORMAT_VERSION, types, current.droppedGroupTypes(), properties, nextId));
        propertyNameSet.addAll(newProperties);
    }

    /** Declares an explicit group type ({@code CREATE GROUP TYPE}). */
    public GroupType createGroupType(String name, long now) {
        return ensureGroupTypes(List.of(name), now).get(0);
    }

    /**
     * Drops a group type: it disappears from SQL and ingest declares it anew (with a new id) on next use;
     * the values stored under the old id stay on disk and readable by id.
     */
    public synchronized void dropGroupType(String name) {
        CatalogState current = state;
        GroupType type = current.groupType(name);
        if (type == null) {
            throw new TroupeException(ErrorCode.UNKNOWN_GROUP_TYPE, name);
        }
        List<GroupType> types = new ArrayList<>(current.groupTypes());
        types.remove(type);
        List<GroupType> dropped = new ArrayList<>(current.droppedGroupTypes());
        dropped.add(type);
        replace(new CatalogState(CatalogState.FORMAT_VERSION, types, dropped, current.groupPropertyNames(),
                current.nextGroupTypeId()));
    }

    /** Records group property names on first use; refuses them all if they would pass the limit. */
    public synchronized void ensureGroupPropertyNames(Collection<String> names) {
        List<String> added = new ArrayList<>();
        for (String name : names) {
            if (!propertyNameSet.contains(name) && !added.contains(name)) {
                if (name.isEmpty() || name.length() > 1024) {
                    throw new TroupeException(ErrorCode.INVALID_PROPERTY_NAME, name);
                }
                added.add(name);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        CatalogState current = state;
        if (current.groupPropertyNames().size() + added.size() > maxGroupPropertyNames) {
            throw new TroupeException(ErrorCode.TOO_MANY_GROUP_PROPERTIES, project,
                    current.groupPropertyNames().size());
        }
        List<String> namesNow = new ArrayList<>(current.groupPropertyNames());
        namesNow.addAll(added);
        replace(new CatalogState(CatalogState.FORMAT_VERSION, current.groupTypes(), current.droppedGroupTypes(),
                namesNow, current.nextGroupTypeId()));
        propertyNameSet.addAll(added);
    }

    static void validateGroupTypeName(String name) {
        Objects.requireNonNull(name, "name is null");
        boolean valid = !name.isEmpty() && name.length() <= 64 && name.charAt(0) != '$'
                && name.chars().noneMatch(Character::isISOControl);
        if (!valid) {
            throw new TroupeException(ErrorCode.INVALID_GROUP_TYPE_NAME, name);
        }
    }

    private void replace(CatalogState next) {
        StateFiles.replace(io, file, next);
        state = next;
    }
}
