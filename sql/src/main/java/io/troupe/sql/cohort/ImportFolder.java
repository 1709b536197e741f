package io.troupe.sql.cohort;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves the file an {@code IMPORT COHORT} names inside the project's import folder, and nowhere else: absolute
 * names, {@code ..} segments and symbolic links that lead outside (checked on the real path, after the links are
 * followed) are refused with {@code PATH_OUTSIDE_FOLDER}.
 */
final class ImportFolder {
    private ImportFolder() {
    }

    /** @return the real path of the file */
    static Path resolve(Path folder, String name) {
        String shown = shown(folder);
        if (name.isEmpty()) {
            throw new TroupeException(ErrorCode.INVALID_ARGUMENT, "name the file to import: IMPORT COHORT c FROM 'file.txt'");
        }
        boolean escapes = name.startsWith("/") || name.startsWith("\\") || name.contains(":")
                || name.chars().anyMatch(Character::isISOControl);
        for (String segment : name.split("[/\\\\]")) {
            escapes |= segment.equals("..");
        }
        Path file;
        try {
            escapes |= Path.of(name).isAbsolute();
            file = folder.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new TroupeException(ErrorCode.PATH_OUTSIDE_FOLDER, printable(name), shown);
        }
        if (escapes || !file.startsWith(folder.normalize())) {
            throw new TroupeException(ErrorCode.PATH_OUTSIDE_FOLDER, printable(name), shown);
        }
        if (!Files.isRegularFile(file)) {
            throw new TroupeException(ErrorCode.FILE_NOT_READABLE, "'" + printable(name) + "' in " + shown,
                    "there is no such file: upload it first (PUT /projects/<project>/import/<file> on the admin port)");
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {
                throw new TroupeException(ErrorCode.PATH_OUTSIDE_FOLDER, printable(name), shown);
            }
            return real;
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.FILE_NOT_READABLE, "'" + printable(name) + "' in " + shown, e.getMessage());
        }
    }

    /** The folder as users know it ({@code import/<project>}), not the server's absolute path. */
    static String shown(Path folder) {
        Path parent = folder.getParent();
        return parent == null || parent.getFileName() == null ? String.valueOf(folder.getFileName())
                : parent.getFileName() + "/" + folder.getFileName();
    }

    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
