package io.troupe.sql.testing;

import io.troupe.sql.SqlEngine;
import io.troupe.sql.SqlOptions;
import io.troupe.sql.SqlSession;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Command;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.testing.generator.B2bGenerator;
import io.troupe.testing.generator.GeneratedCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A project on disk for SQL tests: a store in a folder, its SQL engine, and the three states the same
 * statements must answer alike in: rows in the in-memory tail, rows flushed to segments, and rows replayed
 * from the write-ahead log after a restart.
 */
public final class TestProject implements AutoCloseable {
    /** Where the data of a test sits when its statements run. */
    public enum Mode { TAIL, SEGMENTS, RESTART }

    private final StoreConfig config;
    private final SqlOptions options;
    private EventStore store;
    private SqlEngine engine;
    private final List<SqlSession> sessions = new ArrayList<>();

    public TestProject(Path dir) {
        this(dir, SqlOptions.defaults(), 65536);
    }

    public TestProject(Path dir, SqlOptions options, int batchRows) {
        this(dir, options, c -> c.withBatchRows(batchRows));
    }

    /** A project whose store settings are the test defaults changed by {@code settings} (batch rows, WAL sync...). */
    public TestProject(Path dir, SqlOptions options, UnaryOperator<StoreConfig> settings) {
        this.config = settings.apply(StoreConfig.defaults("test", dir).withExpectedEntries(10_000));
        this.options = options;
        open();
    }

    private void open() {
        store = EventStore.open(config);
        engine = new SqlEngine(store, options);
    }

    public EventStore store() {
        return store;
    }

    public SqlEngine engine() {
        return engine;
    }

    /** A new session; closed with the project. */
    public SqlSession session() {
        SqlSession s = engine.open();
        sessions.add(s);
        return s;
    }

    public void ingest(List<? extends Command> commands) {
        store.ingest(commands);
    }

    /** Loads generated B2B data (Amplitude JSON through the same mapper as HTTP ingest); returns the events stored. */
    public long loadGenerated(B2bGenerator.Config generatorConfig) {
        AmplitudeEvents mapper = AmplitudeEvents.forGroupTypes(Set.of("org_id"));
        List<Command> batch = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (GeneratedCommand generated : new B2bGenerator(generatorConfig)) {
            batch.add(mapper.toCommand(generated.toAmplitudeJson(), batch.size(), now));
            if (batch.size() == 10_000) {
                store.ingest(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.ingest(batch);
        }
        return store.rowCount();
    }

    /** Puts the data where {@code mode} says: leaves it in the tail, flushes it, or restarts the store (WAL replay). */
    public void apply(Mode mode) {
        switch (mode) {
            case TAIL -> { }
            case SEGMENTS -> store.flush();
            case RESTART -> restart();
        }
    }

    /**
     * Truncates a segment file to half its size (its manifest entry keeps the full size), so that reading it
     * fails with STORAGE_CORRUPT: proof that a query did not read it. Call {@link #restart()} afterwards.
     */
    public void damageSegment(String segmentName) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(config.directory())) {
            Path segment = files.filter(f -> f.getFileName().toString().equals(segmentName)).findFirst().orElseThrow();
            byte[] bytes = java.nio.file.Files.readAllBytes(segment);
            java.nio.file.Files.write(segment, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void flush() {
        store.flush();
    }

    /** Closes the sessions and the store without flushing and opens them again: the tail comes back from the WAL. */
    public void restart() {
        closeSessions();
        store.abandon();
        open();
    }

    private void closeSessions() {
        sessions.forEach(SqlSession::close);
        sessions.clear();
        engine.close();
    }

    @Override
    public void close() {
        closeSessions();
        store.close();
    }

    /**
     * Closes the sessions and the store without flushing, for a test whose data is thrown away: faster than
     * {@link #close()}, and it fails the same way when Arrow buffers leaked.
     */
    public void discard() {
        closeSessions();
        store.abandon();
    }
}
