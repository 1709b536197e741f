package io.troupe.sql.cohort;

import java.nio.file.Path;

/**
 * Where {@code IMPORT COHORT} reads files, and how large they may be.
 *
 * @param folder   the project's import folder (the server's {@code <data>/import/<project>/}), or null when the
 *                 engine refuses imports
 * @param maxLines the most lines a file may have
 * @param maxBytes the largest file size
 */
public record ImportSettings(Path folder, long maxLines, long maxBytes) {
    public static final long DEFAULT_MAX_LINES = 10_000_000;
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    /** No import folder, default limits. */
    public static final ImportSettings NONE = new ImportSettings(null, DEFAULT_MAX_LINES, DEFAULT_MAX_BYTES);

    public ImportSettings {
        if (maxLines < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("import limits must be positive");
        }
    }

    public ImportSettings withFolder(Path importFolder) {
        return new ImportSettings(importFolder, maxLines, maxBytes);
    }

    public ImportSettings withLimits(long lines, long bytes) {
        return new ImportSettings(folder, lines, bytes);
    }
}
