package io.troupe.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.ServerContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Cohort file uploads: {@code PUT /projects/{project}/import/{file}} saves the body as
 * {@code <data>/import/<project>/<file>} (atomically, streamed, bounded), {@code GET /projects/{project}/import}
 * lists the folder. A file name is one plain name inside the folder: no separator, no {@code ..}, no control
 * character; names starting with '.' are the uploads in progress and are neither accepted nor listed.
 */
final class ImportFiles {
    private static final int MAX_NAME_BYTES = 255;

    private final ServerContext context;
    private final long maxUploadBytes;

    ImportFiles(ServerContext context, long maxUploadBytes) {
        this.context = context;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** {@code <data>/import/<project>}, for a project that exists. */
    Path folder(String project) {
        context.projects().get(project);
        return context.importFolder().resolve(project);
    }

    /**
     * The path of an uploaded file, after checking that the name stays inside the project's folder.
     *
     * @throws TroupeException {@code PATH_OUTSIDE_FOLDER} for a name with a separator, {@code ..}, a control
     *                         character or an absolute form; {@code INVALID_ARGUMENT} for an empty, hidden or
     *                         over-long name
     */
    static Path fileIn(Path folder, String project, String name) {
        String shown = "import/" + project;
        if (name.isEmpty()) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "name the uploaded file: PUT /projects/" + project + "/import/NAME");
        }
        boolean escapes = name.equals("..") || name.contains("/") || name.contains("\\")
                || name.chars().anyMatch(Character::isISOControl) || Path.of(name).isAbsolute();
        if (escapes) {
            throw new TroupeException(ErrorCode.PATH_OUTSIDE_FOLDER, printable(name), shown);
        }
        if (name.startsWith(".")) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT,
                    "file name '" + name + "' starts with '.': such names are kept for uploads in progress");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "file name over " + MAX_NAME_BYTES + " bytes");
        }
        Path file = folder.resolve(name).normalize();
        if (!folder.equals(file.getParent())) { // the checks above should make this impossible
            throw new TroupeException(ErrorCode.PATH_OUTSIDE_FOLDER, printable(name), shown);
        }
        return file;
    }

    /** A name fit for a message: control characters as {@code \\uXXXX}. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Checks an upload before its body is read; the returned writer streams the body into place. */
    UploadWriter begin(AdminRequest request) {
        String project = request.path("project");
        Path file = fileIn(folder(project), project, request.path("file"));
        return new UploadWriter(file, maxUploadBytes, bytes -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("project", project);
            body.put("file", file.getFileName().toString());
            body.put("bytes", bytes);
            return AdminResponse.json(HttpResponseStatus.CREATED, body);
        });
    }

    /** {@code GET /projects/{project}/import}: name, size and modification time of each file. */
    AdminResponse list(AdminRequest request) {
        String project = request.path("project");
        Path folder = folder(project);
        List<Map<String, Object>> files = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path f : entries.sorted().toList()) {
                    String name = f.getFileName().toString();
                    BasicFileAttributes attributes = Files.readAttributes(f, BasicFileAttributes.class);
                    if (name.startsWith(".") || !attributes.isRegularFile()) {
                        continue;
                    }
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", name);
                    entry.put("bytes", attributes.size());
                    entry.put("modified", attributes.lastModifiedTime().toInstant().toString());
                    files.add(entry);
                }
            } catch (IOException e) {
                throw new TroupeException(ErrorCode.STORAGE_IO, e, folder + ": " + e.getMessage());
            }
        }
        return AdminResponse.ok(Map.of("project", project, "files", files));
    }
}
