package io.troupe.storage.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What this JVM has open, from {@code /proc/self} (Linux): file descriptors and memory-mapped files. */
final class OpenFiles {
    private static final Path FD = Path.of("/proc/self/fd");
    private static final Path MAPS = Path.of("/proc/self/maps");

    private OpenFiles() {
    }

    static boolean supported() {
        return Files.isDirectory(FD) && Files.isReadable(MAPS);
    }

    /** Open descriptors: number -> target ("socket:[..]", "pipe:[..]", "/path", "/path (deleted)"). */
    static TreeMap<Integer, String> descriptors() {
        TreeMap<Integer, String> result = new TreeMap<>();
        try (Stream<Path> fds = Files.list(FD)) {
            for (Path fd : fds.toList()) {
                try {
                    result.put(Integer.parseInt(fd.getFileName().toString()), Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed meanwhile (e.g. the descriptor of this very listing)
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** Descriptors whose target is under {@code dir}. */
    static List<String> descriptorsUnder(Path dir) {
        String prefix = dir.toAbsolutePath().toString();
        return descriptors().values().stream().filter(t -> t.startsWith(prefix)).sorted().toList();
    }

    /** Distinct files under {@code dir} mapped into memory (a deleted one shows " (deleted)"). */
    static List<String> mappedUnder(Path dir) {
        String prefix = dir.toAbsolutePath().toString();
        List<String> result = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(MAPS)) {
                int at = line.indexOf(prefix);
                if (at >= 0 && !result.contains(line.substring(at))) {
                    result.add(line.substring(at));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        result.sort(null);
        return result;
    }
}
