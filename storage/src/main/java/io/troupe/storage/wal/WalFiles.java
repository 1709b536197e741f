package io.troupe.storage.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The WAL's file layout. A WAL is a sequence of files {@code <start>.wal}, where {@code start} is the
 * log position of the file's first record byte. Each file has a 16-byte header (magic, format version,
 * start position), then records {@code [int length][int crc32c(payload)][payload]}, little-endian.
 * Positions count record bytes only, so a file covers {@code [start, start + size - HEADER)}. A payload is
 * never empty: recovery reads a zero length as the zero-filled end of a file, not as a record.
 */
public final class WalFiles {
    public static final int MAGIC = 0x4C415754; // "TWAL" little-endian
    public static final int FORMAT_VERSION = 1;
    public static final int HEADER_BYTES = 16;
    public static final int RECORD_HEADER_BYTES = 8;
    /** The largest record accepted: a batch of 2000 events of up to 20 MB encodes well below this. */
    public static final int MAX_RECORD_BYTES = 64 << 20;

    private WalFiles() {
    }

    public static Path fileFor(Path dir, long start) {
        return dir.resolve(String.format("%020d.wal", start));
    }

    public static long startOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".wal".length()));
    }

    /** The WAL files in {@code dir}, oldest first. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> stream = Files.list(dir)) {
            stream.filter(p -> p.getFileName().toString().matches("\\d{20}\\.wal")).forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
