package io.troupe.bench.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where benchmarks keep their stores: {@code -Dtroupe.bench.dir} or {@code <java.io.tmpdir>/troupe-bench}.
 * Durable-ingest figures depend on this file system's fsync, so run on the disk you care about.
 */
public final class Scratch {
    public static final String DIR_PROPERTY = "troupe.bench.dir";

    private Scratch() {
    }

    public static Path base() {
        String configured = System.getProperty(DIR_PROPERTY);
        Path base = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "troupe-bench");
        try {
            return Files.createDirectories(base);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + base, e);
        }
    }

    /** A new empty directory under the base, for one store. */
    public static Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(base(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a directory in " + base(), e);
        }
    }

    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + dir, e);
        }
    }

    /** Total size of the regular files under {@code dir}. */
    public static long size(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
    }
}
