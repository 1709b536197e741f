package io.troupe.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.ServerContext;
import io.troupe.server.project.Project;
import io.troupe.storage.backup.StoreCopy;
import io.troupe.storage.io.FileIO;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Project snapshots in {@code <data>/snapshots/<project>-<UTC time>/}: {@code POST /projects/{project}/snapshot}
 * writes one, {@code GET /snapshots} lists them, {@link RestoreCommand} puts one back. A snapshot is written
 * into a hidden folder and renamed into place once complete, so a listed snapshot is always whole.
 */
final class Snapshots {
    static final String FOLDER = "snapshots";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ServerContext context;
    private final Clock clock;

    Snapshots(ServerContext context) {
        this.context = context;
        this.clock = context.config().clock();
    }

    Path folder() {
        return context.config().dataDirectory().resolve(FOLDER);
    }

    /** {@code POST /projects/{project}/snapshot}. */
    AdminResponse create(AdminRequest request) {
        Project project = context.projects().get(request.path("project"));
        Instant now = clock.instant();
        String name = project.name() + "-" + STAMP.format(now);
        Path partial = folder().resolve("." + name + ".partial");
        Path target = folder().resolve(name);
        for (int n = 2; Files.exists(target) || Files.exists(partial); n++) { // two snapshots in one millisecond
            target = folder().resolve(name + "-" + n);
            partial = folder().resolve("." + target.getFileName() + ".partial");
        }
        try {
            Files.createDirectories(folder());
            StoreCopy copy = project.store().snapshotTo(partial);
            SnapshotDescriptor descriptor = new SnapshotDescriptor(SnapshotDescriptor.FORMAT_VERSION, project.name(),
                    now.toString(), copy.walPosition(), copy.events(), copy.bytesCopied() + copy.bytesLinked());
            FileIO.local().writeAtomically(partial.resolve(SnapshotDescriptor.FILE_NAME), descriptor.toJson());
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            FileIO.local().fsyncDirectory(folder());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("project", project.name());
            body.put("snapshot", target.getFileName().toString());
            body.put("path", target.toAbsolutePath().toString());
            body.put("walPosition", copy.walPosition());
            body.put("events", copy.events());
            body.put("filesCopied", copy.filesCopied());
            body.put("bytesCopied", copy.bytesCopied());
            body.put("filesLinked", copy.filesLinked());
            body.put("bytesLinked", copy.bytesLinked());
            body.put("writesHeldMillis", copy.writesHeldMillis());
            body.put("millis", copy.millis());
            return AdminResponse.json(HttpResponseStatus.CREATED, body);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "writing the snapshot " + target + ": " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** {@code GET /snapshots}: every complete snapshot, oldest first. */
    AdminResponse list(AdminRequest request) {
        List<Map<String, Object>> snapshots = new ArrayList<>();
        if (Files.isDirectory(folder())) {
            try (Stream<Path> entries = Files.list(folder())) {
                for (Path s : entries.filter(Files::isDirectory).toList()) {
                    String name = s.getFileName().toString();
                    if (name.startsWith(".") || !Files.exists(s.resolve(SnapshotDescriptor.FILE_NAME))) {
                        continue;
                    }
                    SnapshotDescriptor d = SnapshotDescriptor.read(s);
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", name);
                    entry.put("project", d.project());
                    entry.put("createdAt", d.createdAt());
                    entry.put("events", d.events());
                    entry.put("bytes", d.bytes());
                    entry.put("path", s.toAbsolutePath().toString());
                    snapshots.add(entry);
                }
            } catch (IOException e) {
                throw new TroupeException(ErrorCode.STORAGE_IO, e, folder() + ": " + e.getMessage());
            }
        }
        snapshots.sort((a, b) -> ((String) a.get("createdAt")).compareTo((String) b.get("createdAt")));
        return AdminResponse.ok(Map.of("snapshots", snapshots));
    }

    /** Deletes a folder and everything in it, ignoring what cannot be deleted. */
    static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover hidden folder: listings skip it
        }
    }
}
