package io.troupe.storage.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.backup.FileCopier;
import io.troupe.storage.io.FileIO;
import io.troupe.storage.io.StateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A project's saved cohorts, in {@code <project>/cohorts/}: {@code cohorts.json} lists the definitions, each static
 * or imported cohort's members are in their own {@code <n>.members} file ({@link MemberFiles}).
 *
 * <p>Crash consistency: a change writes the new members file first (atomically, under a number no listed cohort
 * uses), then replaces {@code cohorts.json} atomically, then deletes the members file the change made unused. A
 * crash leaves either the old list or the new one, each with its members; a members file no definition names (the
 * crash came between the two writes) is deleted at the next open. Readers see one immutable list without locks.
 */
public final class CohortStore {
    public static final String FOLDER = "cohorts";
    public static final String FILE_NAME = "cohorts.json";
    private static final String MEMBERS_SUFFIX = ".members";

    private final Path projectDir;
    private final Path folder;
    private final FileIO io;
    private volatile CohortsFile state;
    /** Members of stored cohorts by file name; the files never change, so the cache needs no invalidation. */
    private final Map<String, String[]> members = new ConcurrentHashMap<>();

    private CohortStore(Path projectDir, FileIO io, CohortsFile state) {
        this.projectDir = projectDir;
        this.folder = projectDir.resolve(FOLDER);
        this.io = io;
        this.state = state;
    }

    /** Opens the cohorts of the project in {@code projectDir} (none when the folder does not exist yet). */
    public static CohortStore open(Path projectDir, FileIO io) {
        Path file = projectDir.resolve(FOLDER).resolve(FILE_NAME);
        CohortsFile state = StateFiles.read(file, CohortsFile.class, CohortsFile::formatVersion,
                CohortsFile.FORMAT_VERSION, () -> new CohortsFile(CohortsFile.FORMAT_VERSION, 1, List.of()));
        CohortStore store = new CohortStore(projectDir, io, state);
        store.deleteOrphans();
        return store;
    }

    /** Every cohort, ordered by name. */
    public List<CohortDefinition> list() {
        List<CohortDefinition> all = new ArrayList<>();
        state.cohorts().forEach(e -> all.add(e.toDefinition()));
        all.sort(Comparator.comparing(d -> CohortDefinition.key(d.name())));
        return all;
    }

    /** The cohort of that name (case-insensitive), or null. */
    public CohortDefinition get(String name) {
        String key = CohortDefinition.key(name);
        for (CohortsFile.Entry e : state.cohorts()) {
            if (CohortDefinition.key(e.name()).equals(key)) {
                return e.toDefinition();
            }
        }
        return null;
    }

    /** The stored members of a static or imported cohort (do not modify the array). */
    public String[] members(CohortDefinition cohort) {
        if (cohort.membersFile() == null) {
            throw new IllegalArgumentException("cohort " + cohort.name() + " is behavioral: its members are computed");
        }
        return members.computeIfAbsent(cohort.membersFile(), f -> {
            Path file = folder.resolve(f);
            try {
                return MemberFiles.decode(Files.readAllBytes(file), file);
            } catch (IOException e) {
                throw new TroupeException(ErrorCode.STORAGE_IO, e, "reading " + file + ": " + e.getMessage());
            }
        });
    }

    /**
     * Saves a cohort: a new one, or (with {@code replace}) in place of the one of the same name.
     *
     * @param cohort        the definition; its member count and file are filled in here
     * @param storedMembers the members of a static or imported cohort (distinct), null for a behavioral one
     * @return the definition as saved
     * @throws TroupeException {@code COHORT_EXISTS} when the name is taken and {@code replace} is false, nothing
     *                         changed
     */
    public synchronized CohortDefinition save(CohortDefinition cohort, List<String> storedMembers, boolean replace) {
        CohortsFile current = state;
        CohortDefinition old = get(cohort.name());
        if (old != null && !replace) {
            throw new TroupeException(ErrorCode.COHORT_EXISTS, old.name());
        }
        long next = current.nextFile();
        CohortDefinition saved = cohort;
        try {
            createFolder();
            if (cohort.kind().storesMembers()) {
                String file = next + MEMBERS_SUFFIX;
                next++;
                io.writeAtomically(folder.resolve(file), MemberFiles.encode(storedMembers));
                saved = new CohortDefinition(cohort.name(), cohort.groupType(), cohort.kind(), cohort.definition(),
                        cohort.createdAt(), storedMembers.size(), file);
            } else {
                saved = new CohortDefinition(cohort.name(), cohort.groupType(), cohort.kind(), cohort.definition(),
                        cohort.createdAt(), -1, null);
            }
            List<CohortsFile.Entry> entries = new ArrayList<>();
            for (CohortsFile.Entry e : current.cohorts()) {
                if (old == null || !CohortDefinition.key(e.name()).equals(CohortDefinition.key(old.name()))) {
                    entries.add(e);
                }
            }
            entries.add(CohortsFile.Entry.of(saved));
            write(new CohortsFile(CohortsFile.FORMAT_VERSION, next, entries));
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "writing cohort " + cohort.name() + ": " + e.getMessage());
        }
        if (old != null) {
            deleteMembers(old);
        }
        return saved;
    }

    /**
     * Drops a cohort. Returns false when there is none of that name. Statements that use it fail from then on;
     * other behavioral cohorts whose queries use it fail when they are used.
     */
    public synchronized boolean drop(String name) {
        CohortDefinition old = get(name);
        if (old == null) {
            return false;
        }
        List<CohortsFile.Entry> entries = new ArrayList<>(state.cohorts());
        entries.removeIf(e -> CohortDefinition.key(e.name()).equals(CohortDefinition.key(old.name())));
        try {
            write(new CohortsFile(CohortsFile.FORMAT_VERSION, state.nextFile(), entries));
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "dropping cohort " + name + ": " + e.getMessage());
        }
        deleteMembers(old);
        return true;
    }

    /** Copies the cohorts into a snapshot of the project ({@code target} is the snapshot's project folder). */
    public synchronized void copyTo(Path target, FileCopier copier) throws IOException {
        Path list = folder.resolve(FILE_NAME);
        if (!Files.exists(list)) {
            return;
        }
        Path to = target.resolve(FOLDER);
        for (CohortsFile.Entry e : state.cohorts()) {
            if (e.membersFile() != null) {
                copier.copy(folder.resolve(e.membersFile()), to.resolve(e.membersFile()));
            }
        }
        copier.copy(list, to.resolve(FILE_NAME));
    }

    private void write(CohortsFile next) throws IOException {
        StateFiles.write(io, folder.resolve(FILE_NAME), next);
        state = next;
    }

    private void createFolder() throws IOException {
        if (!Files.isDirectory(folder)) {
            io.createDirectories(folder);
            io.fsyncDirectory(projectDir);
        }
    }

    private void deleteMembers(CohortDefinition old) {
        if (old.membersFile() == null) {
            return;
        }
        members.remove(old.membersFile());
        try {
            io.delete(folder.resolve(old.membersFile()));
        } catch (IOException e) {
            // an unused file left behind is deleted at the next open
        }
    }

    /** Deletes members files no cohort names: left by a crash between writing one and listing it. */
    private void deleteOrphans() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        state.cohorts().forEach(e -> listed.add(e.membersFile()));
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(MEMBERS_SUFFIX) && !listed.contains(name)) {
                    io.delete(f);
                }
            }
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "listing " + folder + ": " + e.getMessage());
        }
    }
}
