package io.troupe.storage.dynamic;

import io.troupe.storage.io.FileIO;
import io.troupe.storage.io.StateFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A project's dynamic group property definitions, persisted as {@code dynamic_properties.json} by atomic
 * replace (write, fsync, rename), with a format version. Readers take the current immutable {@link State};
 * every change writes the whole file, then publishes the new state (a failed write changes nothing).
 */
public final class DynamicProperties {
    public static final String FILE_NAME = "dynamic_properties.json";
    public static final int FORMAT_VERSION = 1;

    /**
     * One version of the file.
     *
     * @param formatVersion the file's format version
     * @param properties    the definitions, in creation order
     * @param retiredNames  names of dropped definitions: their values stay in the group property history, and
     *                      the name may be defined again (it is not taken for a property group identify writes)
     */
    public record State(int formatVersion, List<DynamicProperty> properties, Set<String> retiredNames) {
        public State {
            properties = List.copyOf(properties);
            retiredNames = Set.copyOf(retiredNames);
        }

        public DynamicProperty get(String name) {
            for (DynamicProperty p : properties) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    private final Path file;
    private final FileIO io;
    private volatile State state;

    private DynamicProperties(Path file, FileIO io, State state) {
        this.file = file;
        this.io = io;
        this.state = state;
    }

    /** Opens the definitions of the project in {@code projectDir} (none if the file does not exist). */
    public static DynamicProperties open(Path projectDir, FileIO io) {
        Path file = projectDir.resolve(FILE_NAME);
        State state = StateFiles.read(file, State.class, State::formatVersion, FORMAT_VERSION,
                () -> new State(FORMAT_VERSION, List.of(), Set.of()));
        return new DynamicProperties(file, io, state);
    }

    public Path file() {
        return file;
    }

    public State state() {
        return state;
    }

    public List<DynamicProperty> list() {
        return state.properties();
    }

    public DynamicProperty get(String name) {
        return state.get(name);
    }

    /** True if {@code name} is or was a dynamic property here (a group property refreshes wrote). */
    public boolean isOrWasDynamic(String name) {
        State s = state;
        return s.get(name) != null || s.retiredNames().contains(name);
    }

    /**
     * Adds a definition, or replaces the one of the same name when {@code replace}; the caller has refused
     * an existing name without {@code replace}.
     */
    public synchronized void put(DynamicProperty property) {
        List<DynamicProperty> next = new ArrayList<>(state.properties());
        next.removeIf(p -> p.name().equals(property.name()));
        next.add(property);
        Set<String> retired = new LinkedHashSet<>(state.retiredNames());
        retired.remove(property.name());
        replace(new State(FORMAT_VERSION, next, retired));
    }

    /** Removes a definition; the values it wrote stay. Returns false if there is none of that name. */
    public synchronized boolean remove(String name) {
        List<DynamicProperty> next = new ArrayList<>(state.properties());
        if (!next.removeIf(p -> p.name().equals(name))) {
            return false;
        }
        Set<String> retired = new LinkedHashSet<>(state.retiredNames());
        retired.add(name);
        replace(new State(FORMAT_VERSION, next, retired));
        return true;
    }

    /**
     * Records a refresh of the definition as it was read ({@code computed}); a definition replaced or dropped
     * meanwhile is left as it is (its own refresh is still to come).
     */
    public synchronized void markRefreshed(DynamicProperty computed, long at, long period) {
        List<DynamicProperty> next = new ArrayList<>(state.properties());
        int i = next.indexOf(computed);
        if (i < 0) {
            return;
        }
        next.set(i, computed.refreshed(at, period));
        replace(new State(FORMAT_VERSION, next, state.retiredNames()));
    }

    private void replace(State next) {
        StateFiles.replace(io, file, next);
        state = next;
    }
}
