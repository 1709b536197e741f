package io.troupe.bench.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the benchmark tests: points the benchmarks' scratch folder ({@link Scratch}) at a temporary one. */
public abstract class ScratchDirectoryTest {
    @TempDir
    protected Path dir;
    private String previous;

    @BeforeEach
    protected void useTempDir() {
        previous = System.setProperty(Scratch.DIR_PROPERTY, dir.toString());
    }

    @AfterEach
    protected void restore() {
        if (previous == null) {
            System.clearProperty(Scratch.DIR_PROPERTY);
        } else {
            System.setProperty(Scratch.DIR_PROPERTY, previous);
        }
    }
}
