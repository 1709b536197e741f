package io.troupe.server.admin;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.DataDirectoryLock;
import io.troupe.server.config.Arguments;
import io.troupe.server.project.Projects;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.backup.FileCopier;
import io.troupe.storage.io.FileIO;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code bin/troupe restore --snapshot DIR [--data DIR] [--project P] [--replace]}: puts a snapshot back as
 * project {@code P} (by default the project it was taken of) of a data directory that no server is using.
 *
 * <p>Steps: refuse when a live process has any project of the data directory open (each store's running
 * marker names its process) or when the project exists and {@code --replace} is absent; copy the snapshot
 * into a hidden folder of the data directory (segments hard-linked, the mutable files copied); open that
 * store once, which recovers it (Chronicle Map check, WAL replay past the checkpoint) and checks every
 * manifest's segments, and close it cleanly; then rename it into place (the replaced project is deleted
 * only after the rename). The project's API key is not part of a snapshot: a replaced project keeps its key,
 * a new one gets a key when the server next starts.
 */
public final class RestoreCommand {
    private RestoreCommand() {
    }

    /** Runs the command; returns the process exit status (0 done, 1 refused or failed, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String snapshot = Arguments.option(args, "--snapshot", null);
        if (snapshot == null) {
            err.println("usage: troupe restore --snapshot DIR [--data DIR] [--project P] [--replace]");
            return 2;
        }
        try {
            Path data = Path.of(Arguments.option(args, "--data", "troupe-data"));
            long events = restore(Path.of(snapshot), data, Arguments.option(args, "--project", null), Arguments.flag(args, "--replace"), out);
            out.printf("Restored %,d events.%n", events);
            return 0;
        } catch (TroupeException e) {
            err.println("error " + e.errorCode().code() + " " + e.errorCode().symbol() + ": " + e.getMessage());
            if (e.errorCode() == ErrorCode.PROJECT_EXISTS) {
                err.println("Pass --replace to overwrite it, or --project NAME to restore under another name.");
            }
            return 1;
        }
    }

    /**
     * Restores {@code snapshot} as a project of {@code data}; returns the events it holds.
     *
     * @param project the target project, or null for the snapshot's own
     * @throws TroupeException {@code FILE_NOT_READABLE} (not a snapshot), {@code INVALID_PROJECT_NAME},
     *                         {@code DATA_DIRECTORY_IN_USE}, {@code PROJECT_EXISTS}, {@code STORAGE_IO}
     */
    public static long restore(Path snapshot, Path data, String project, boolean replace, PrintStream out) {
        SnapshotDescriptor descriptor = SnapshotDescriptor.read(snapshot);
        String name = project == null ? descriptor.project() : project;
        Projects.checkName(name);
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(data)) { // no server may run on it meanwhile
            return restoreLocked(snapshot, descriptor, data, name, replace, out);
        }
    }

    private static long restoreLocked(Path snapshot, SnapshotDescriptor descriptor, Path data, String name, boolean replace,
                                      PrintStream out) {
        Path target = data.resolve(name);
        if (Files.exists(target) && !replace) {
            throw new TroupeException(ErrorCode.PROJECT_EXISTS, name);
        }
        long stamp = System.currentTimeMillis();
        Path staging = data.resolve(".restore-" + name + "-" + stamp);
        Path replaced = data.resolve(".replaced-" + name + "-" + stamp);
        try {
            Files.createDirectories(data);
            copy(snapshot, staging);
            long events;
            out.printf("Recovering the snapshot %s (%s, taken %s) as project %s...%n", snapshot.getFileName(),
                    descriptor.project(), descriptor.createdAt(), name);
            try (EventStore store = EventStore.open(StoreConfig.defaults(name, staging))) {
                events = store.rowCount();
            }
            boolean existed = Files.exists(target);
            if (existed) {
                Files.move(target, replaced);
            }
            try {
                Files.move(staging, target);
            } catch (IOException e) {
                if (existed) {
                    Files.move(replaced, target); // put the project back as it was
                }
                throw e;
            }
            FileIO.local().fsyncDirectory(data);
            if (existed) {
                Snapshots.deleteQuietly(replaced);
                out.printf("Replaced project %s in %s%n", name, data);
            } else {
                out.printf("Restored project %s into %s; it gets an API key when the server starts%n", name, data);
            }
            return events;
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "restoring into " + target + ": " + e.getMessage());
        } finally {
            Snapshots.deleteQuietly(staging);
        }
    }

    /** Copies a snapshot's store files: segments are linked (never changed in place), the rest copied. */
    private static void copy(Path snapshot, Path staging) throws IOException {
        FileCopier copier = new FileCopier(FileIO.local());
        try (Stream<Path> files = Files.walk(snapshot)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = snapshot.relativize(file);
                if (relative.toString().equals(SnapshotDescriptor.FILE_NAME)) {
                    continue;
                }
                Path to = staging.resolve(relative.toString());
                if (relative.startsWith("events") && relative.getFileName().toString().endsWith(".arrow")) {
                    copier.link(file, to);
                } else {
                    copier.copy(file, to);
                }
            }
        }
        copier.finish(staging);
    }
}
