package io.troupe.server.security;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The {@code secrets/} folder of the data directory: API keys, the admin token and the user file, each
 * readable by the owner only (the folder too), each replaced atomically. Tokens are 32 random bytes in hex.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path folder;

    private Secrets(Path folder) {
        this.folder = folder;
    }

    /** Opens (creating it owner-only if needed) the {@code secrets} folder of a data directory. */
    public static Secrets open(Path dataDirectory) {
        Path folder = dataDirectory.resolve("secrets");
        try {
            Files.createDirectories(folder);
            if (POSIX) {
                Files.setPosixFilePermissions(folder, OWNER_FOLDER);
            }
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, folder + ": " + e.getMessage());
        }
        return new Secrets(folder);
    }

    public Path folder() {
        return folder;
    }

    public Path path(String fileName) {
        return folder.resolve(fileName);
    }

    /** A new random token: 32 bytes from {@link SecureRandom}, as 64 hex digits. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The file's content (stripped), or null when it does not exist. */
    public String read(String fileName) {
        Path file = path(fileName);
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, file + ": " + e.getMessage());
        }
    }

    /** The token in the file, creating the file with a new token first when it does not exist. */
    public String readOrCreateToken(String fileName) {
        String token = read(fileName);
        if (token == null || token.isEmpty()) {
            token = newToken();
            write(fileName, token + "\n");
        }
        return token;
    }

    /** Writes a file owner-only and atomically: a reader sees the old content or the new, never a part. */
    public void write(String fileName, String content) {
        Path file = path(fileName);
        Path temporary = path(fileName + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            if (POSIX) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            }
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, file + ": " + e.getMessage());
        }
    }

    /** Deletes a file if it exists. */
    public void delete(String fileName) {
        try {
            Files.deleteIfExists(path(fileName));
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, path(fileName) + ": " + e.getMessage());
        }
    }

    /** Compares two secrets in time independent of where they differ. */
    public static boolean matches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
