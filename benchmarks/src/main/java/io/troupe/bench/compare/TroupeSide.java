package io.troupe.bench.compare;

import io.troupe.bench.storage.Workload;
import io.troupe.sql.SqlEngine;
import io.troupe.sql.SqlOptions;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.IngestResult;
import io.troupe.testing.generator.B2bGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Iterator;
import java.util.List;

/**
 * Troupe's side: a store loaded with the generated events the way the HTTP endpoint maps them
 * ({@code toAmplitudeJson()} then {@code AmplitudeEvents}, through {@link Workload#stream}), in batches of
 * {@value #BATCH_EVENTS} events, with the default durability (fsync group commit, background flushes), then
 * flushed so that queries read segments only, like a production store; and its SQL engine.
 */
final class TroupeSide implements AutoCloseable {
    static final String PROJECT = "bench";
    static final int BATCH_EVENTS = 10_000;

    private final EventStore store;
    private final SqlEngine engine;
    final long events;
    final long commands;
    /** Whole load: generation, mapping, ingest and the final flush. */
    final double loadSeconds;
    /** Time inside {@code EventStore.ingest}. */
    final double ingestSeconds;
    /** The final {@code flush()}. */
    final double flushSeconds;

    private TroupeSide(EventStore store, int threads, long events, long commands, double loadSeconds, double ingestSeconds,
                       double flushSeconds) {
        this.store = store;
        this.engine = new SqlEngine(store, SqlOptions.defaults().withParallelism(threads));
        this.events = events;
        this.commands = commands;
        this.loadSeconds = loadSeconds;
        this.ingestSeconds = ingestSeconds;
        this.flushSeconds = flushSeconds;
    }

    /** Dictionaries and the user directory sized for the data: about one entry per 20 events, within bounds. */
    static long expectedEntries(long events) {
        return Math.max(10_000, Math.min(1_000_000, events / 20));
    }

    /** The store's config for {@code events} generated events (the same when a cached store is opened again). */
    /**
     * {@code -Dtroupe.bench.withoutInsertIds=true}: load the events without insert ids, so that the store keeps no
     * dedup state (a 100M-event load in one dedup window is past what the dedup index holds today). DuckDB and
     * ClickHouse get the rows Troupe stored, so the answers stay comparable.
     */
    static final boolean WITHOUT_INSERT_IDS = Boolean.getBoolean("troupe.bench.withoutInsertIds");

    static StoreConfig config(Path dir, long events) {
        return StoreConfig.defaults(PROJECT, dir).withExpectedEntries(expectedEntries(events));
    }

    /**
     * Opens a store {@link #load} filled before (a cached data set), with the figures of that load.
     */
    static TroupeSide reopen(Path dir, B2bGenerator.Config generator, int threads, long events, long commands,
                             double loadSeconds, double ingestSeconds, double flushSeconds, PrintStream log) {
        long started = System.nanoTime();
        EventStore store = EventStore.open(config(dir, generator.targetEvents()));
        log.printf("  Troupe: cached store opened in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return new TroupeSide(store, threads, events, commands, loadSeconds, ingestSeconds, flushSeconds);
    }

    /** Loads the generated events into a new store in {@code dir}; queries will use {@code threads} threads. */
    static TroupeSide load(Path dir, B2bGenerator.Config generator, int threads, PrintStream log) {
        StoreConfig config = config(dir, generator.targetEvents());
        long started = System.nanoTime();
        EventStore store = EventStore.open(config);
        log.printf("  Troupe: store opened in %.1f s%n", (System.nanoTime() - started) / 1e9);
        try {
            long events = 0;
            long commands = 0;
            long ingestNanos = 0;
            long nextLog = 1_000_000;
            Iterator<List<Command>> batches = Workload.stream(generator, BATCH_EVENTS);
            while (batches.hasNext()) {
                List<Command> batch = WITHOUT_INSERT_IDS ? Workload.withoutInsertIds(batches.next()) : batches.next();
                if (commands == 0) {
                    log.printf("  Troupe: first batch generated and mapped at %.1f s%n", (System.nanoTime() - started) / 1e9);
                }
                long t0 = System.nanoTime();
                IngestResult result = store.ingest(batch);
                ingestNanos += System.nanoTime() - t0;
                events += result.eventsStored();
                commands += batch.size();
                if (events >= nextLog) {
                    log.printf("  Troupe: %,d events ingested, %.0f s%n", events, (System.nanoTime() - started) / 1e9);
                    nextLog += 1_000_000;
                }
            }
            long t0 = System.nanoTime();
            store.flush();
            long flushNanos = System.nanoTime() - t0;
            return new TroupeSide(store, threads, events, commands, (System.nanoTime() - started) / 1e9, ingestNanos / 1e9,
                    flushNanos / 1e9);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    /** Threads one query may use (the engine's parallelism). */
    int threads() {
        return engine.options().parallelism();
    }

    EventStore store() {
        return store;
    }

    /** A new JDBC connection to the project (the caller closes it). */
    Connection connect() {
        return engine.connect();
    }

    @Override
    public void close() {
        store.close();
    }
}
