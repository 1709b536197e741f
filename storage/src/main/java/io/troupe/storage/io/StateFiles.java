package io.troupe.storage.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A project's small JSON state files (catalog, cohort list, dynamic property definitions, checkpoint): each carries
 * its format version, is read whole at open and replaced whole, atomically, on every change.
 */
public final class StateFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StateFiles() {
    }

    /**
     * The state in {@code file}, or {@code absent} when there is no such file.
     *
     * @param formatVersion the version a state says it has
     * @param supported     the newest version this build reads
     * @throws TroupeException {@code STORAGE_CORRUPT} when the file cannot be read as {@code type};
     *                         {@code UNSUPPORTED_FORMAT_VERSION} when a newer build wrote it
     */
    public static <T> T read(Path file, Class<T> type, ToIntFunction<T> formatVersion, int supported,
                             Supplier<T> absent) {
        if (!Files.exists(file)) {
            return absent.get();
        }
        T state;
        try {
            state = JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, e, file, e.getMessage());
        }
        int version = formatVersion.applyAsInt(state);
        if (version > supported) {
            throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, file, version, supported);
        }
        return state;
    }

    /** Replaces {@code file} with {@code state} atomically; I/O failures stay {@link IOException}s for the caller. */
    public static void write(FileIO io, Path file, Object state) throws IOException {
        io.writeAtomically(file, JSON.writeValueAsBytes(state));
    }

    /**
     * Replaces {@code file} with {@code state} atomically.
     *
     * @throws TroupeException {@code STORAGE_IO} when it cannot be written (the old file is then still in place)
     */
    public static void replace(FileIO io, Path file, Object state) {
        try {
            write(io, file, state);
        } catch (IOException | UncheckedIOException e) {
            throw new TroupeException(ErrorCode.STORAGE_IO, e, "writing " + file + ": " + e.getMessage());
        }
    }
}
