package io.troupe.server.project;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.security.Secrets;
import io.troupe.sql.SqlEngine;
import io.troupe.sql.SqlOptions;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.catalog.Catalog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The projects of a data directory, each open for the server's lifetime: {@code <data>/<project>/} holds a
 * project's store, {@code <data>/secrets/<project>.api-key} its ingest key. A project exists when it has a
 * key file or a store folder (a store loaded before the server existed gets a key on first start). Opening
 * all projects is the server's recovery: each store replays its write-ahead log. Thread-safe.
 */
public final class Projects implements Closeable {
    public static final String DEFAULT_PROJECT = "default";
    /** Folders of the data directory that are not projects. */
    public static final Set<String> RESERVED = Set.of("secrets", "import", "snapshots");
    private static final String KEY_SUFFIX = ".api-key";

    private final Path dataDirectory;
    private final Secrets secrets;
    private final Function<StoreConfig, StoreConfig> storeSettings;
    private final SqlOptions sqlOptions;
    private final Map<String, Project> open = new ConcurrentHashMap<>();
    private final Map<String, String> projectByKey = new ConcurrentHashMap<>();

    private Projects(Path dataDirectory, Secrets secrets, Function<StoreConfig, StoreConfig> storeSettings,
                     SqlOptions sqlOptions) {
        this.dataDirectory = dataDirectory;
        this.secrets = secrets;
        this.storeSettings = storeSettings;
        this.sqlOptions = sqlOptions;
    }

    /**
     * Opens every project of the data directory, creating {@code default} when there is none.
     *
     * @param storeSettings adjusts each store's defaults (the server's WAL sync setting, for example)
     * @param sqlOptions    the settings of every project's SQL engine
     */
    public static Projects open(Path dataDirectory, Secrets secrets, Function<StoreConfig, StoreConfig> storeSettings,
                                SqlOptions sqlOptions) {
        Projects projects = new Projects(dataDirectory, secrets, storeSettings, sqlOptions);
        Set<String> names = projects.existingNames();
        if (names.isEmpty()) {
            names.add(DEFAULT_PROJECT);
        }
        try {
            for (String name : names) {
                projects.openProject(name);
            }
        } catch (RuntimeException | Error e) {
            projects.close();
            throw e;
        }
        return projects;
    }

    private Set<String> existingNames() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> keys = Files.list(secrets.folder())) {
            keys.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(KEY_SUFFIX))
                    .map(f -> f.substring(0, f.length() - KEY_SUFFIX.length())).filter(Projects::isValidName).forEach(names::add);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, secrets.folder() + ": " + e.getMessage());
        }
        try (Stream<Path> folders = Files.list(dataDirectory)) {
            folders.filter(p -> Files.isRegularFile(p.resolve(Catalog.FILE_NAME)))
                    .map(p -> p.getFileName().toString()).filter(Projects::isValidName).forEach(names::add);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, dataDirectory + ": " + e.getMessage());
        }
        return names;
    }

    private Project openProject(String name) {
        EventStore store = EventStore.open(storeSettings.apply(StoreConfig.defaults(name, dataDirectory.resolve(name))));
        String key = secrets.readOrCreateToken(name + KEY_SUFFIX);
        // IMPORT COHORT reads the project's upload folder (the admin port's PUT /projects/{p}/import/{file} fills it)
        SqlOptions options = sqlOptions.withImportFolder(dataDirectory.resolve("import").resolve(name));
        Project project = new Project(name, store, new SqlEngine(store, options), key);
        open.put(name, project);
        projectByKey.put(key, name);
        return project;
    }

    /** True for 1-64 of {@code a-z 0-9 _ -} starting with a letter, and not a reserved folder name. */
    public static boolean isValidName(String name) {
        return name != null && name.matches("[a-z][a-z0-9_-]{0,63}") && !RESERVED.contains(name);
    }

    /**
     * Creates and opens a project with a new API key.
     *
     * @throws TroupeException {@code INVALID_PROJECT_NAME} or {@code PROJECT_EXISTS}
     */
    public synchronized Project create(String name) {
        checkNewName(dataDirectory, name);
        if (open.containsKey(name)) {
            throw new TroupeException(ErrorCode.PROJECT_EXISTS, name);
        }
        return openProject(name);
    }

    /**
     * Creates a project in a data directory no server is using ({@code bin/troupe project create} without
     * a server): its store folder and its API key, which is returned.
     */
    public static String createOffline(Path dataDirectory, Secrets secrets, String name) {
        checkNewName(dataDirectory, name);
        EventStore.open(StoreConfig.defaults(name, dataDirectory.resolve(name))).close();
        return secrets.readOrCreateToken(name + KEY_SUFFIX);
    }

    /** Refuses a name {@link #isValidName} does not accept. @throws TroupeException {@code INVALID_PROJECT_NAME} */
    public static void checkName(String name) {
        if (!isValidName(name)) {
            throw new TroupeException(ErrorCode.INVALID_PROJECT_NAME, name, String.join(", ", new TreeSet<>(RESERVED)));
        }
    }

    private static void checkNewName(Path dataDirectory, String name) {
        checkName(name);
        if (Files.exists(dataDirectory.resolve(name))) {
            throw new TroupeException(ErrorCode.PROJECT_EXISTS, name);
        }
    }

    /** Replaces a project's API key: the old key stops working at once. Returns the new key. */
    public synchronized String rotateApiKey(String name) {
        Project project = get(name);
        String key = Secrets.newToken();
        secrets.write(name + KEY_SUFFIX, key + "\n");
        projectByKey.remove(project.apiKey());
        projectByKey.put(key, name);
        open.put(name, project.withApiKey(key));
        return key;
    }

    /** The open project of that name. @throws TroupeException {@code UNKNOWN_PROJECT} */
    public Project get(String name) {
        Project project = name == null ? null : open.get(name);
        if (project == null) {
            throw new TroupeException(ErrorCode.UNKNOWN_PROJECT, name);
        }
        return project;
    }

    /** The project whose API key this is; empty for any other string (compared in constant time per key). */
    public Optional<Project> byApiKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String name = projectByKey.get(key);
        Project project = name == null ? null : open.get(name);
        return project != null && Secrets.matches(project.apiKey(), key) ? Optional.of(project) : Optional.empty();
    }

    public List<Project> all() {
        List<Project> list = new ArrayList<>(open.values());
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return list;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The file holding a project's API key. */
    public Path apiKeyFile(String name) {
        return secrets.path(name + KEY_SUFFIX);
    }

    /** Closes every SQL engine, then every store (a store's close flushes its tail, so the next start replays nothing). */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Project p : all()) {
            try {
                p.sql().close();
                p.store().close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        open.clear();
        projectByKey.clear();
        if (first != null) {
            throw first;
        }
    }
}
