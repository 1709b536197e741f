package io.troupe.bench.storage;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Command;
import io.troupe.storage.event.IngestResult;
import io.troupe.storage.segment.SegmentSchema;
import io.troupe.testing.generator.B2bGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;

/**
 * A flushed store of generated events, built once and kept under {@link Scratch#base()} for the benchmarks
 * that read it ({@link ScanBenchmark}, {@link BytesPerEvent}):
 * {@code dataset-<events>-d<days>-s42-<generator fingerprint>-v<segment format>/store}, so that a changed
 * generator or segment format gets a new data set (other storage changes do not: delete the directory).
 * A {@code dataset.properties} file next to the store marks it complete and records how the build went;
 * a directory without it (an interrupted build) is deleted and built again.
 *
 * <p>The build is itself a measurement of cold, durable ingest: one writer, default config (fsync group
 * commit, background flush every 2M tail rows, competing for the CPU), batches of 1,000 events, every
 * dictionary starting empty. The generated commands are mapped
 * 500 batches at a time, then those batches are ingested with nothing else running; only the time inside
 * {@link EventStore#ingest} is counted.
 *
 * @param dir           the data set directory
 * @param store         the store inside it
 * @param events        events stored
 * @param commands      commands ingested (events, identifies, group identifies)
 * @param ingestSeconds time spent inside {@code ingest} calls
 * @param flushSeconds  time of the final flush
 * @param built         true when this call built it, false when it was there already
 */
public record DataSet(Path dir, Path store, long events, long commands, double ingestSeconds, double flushSeconds,
                      boolean built) {
    private static final String MARKER = "dataset.properties";
    /** Batches mapped ahead, then ingested with nothing else running. */
    private static final int CHUNK_BATCHES = 500;

    /** The project name of benchmark stores. */
    public static final String PROJECT = "bench";

    /** Store config of the data set's store, for opening it again. */
    public StoreConfig config() {
        return StoreConfig.defaults(PROJECT, store);
    }

    public double ingestEventsPerSecond() {
        return events / ingestSeconds;
    }

    /** The data set of {@code events} generated events over {@code days} days, built if needed. */
    public static DataSet prepare(long events, int days, PrintStream log) {
        B2bGenerator.Config config = Workload.config(events, days);
        Path dir = Scratch.base().resolve("dataset-" + events + "-d" + days + "-s" + Workload.SEED + "-"
                + Workload.fingerprint(config) + "-v" + SegmentSchema.FORMAT_VERSION);
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)) {
            return read(dir, marker);
        }
        Scratch.delete(dir);
        log.printf("Building data set %s (%,d events over %d days; mapping is not timed)%n", dir, events, days);
        DataSet set = build(dir, config, log);
        Properties p = new Properties();
        p.setProperty("events", Long.toString(set.events));
        p.setProperty("commands", Long.toString(set.commands));
        p.setProperty("ingestSeconds", Double.toString(set.ingestSeconds));
        p.setProperty("flushSeconds", Double.toString(set.flushSeconds));
        try (Writer out = Files.newBufferedWriter(marker)) {
            p.store(out, "Troupe benchmark data set: built completely");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return set;
    }

    private static DataSet read(Path dir, Path marker) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(marker)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DataSet(dir, dir.resolve("store"), Long.parseLong(p.getProperty("events")),
                Long.parseLong(p.getProperty("commands")), Double.parseDouble(p.getProperty("ingestSeconds")),
                Double.parseDouble(p.getProperty("flushSeconds")), false);
    }

    private static DataSet build(Path dir, B2bGenerator.Config config, PrintStream log) {
        Path storeDir = dir.resolve("store");
        Iterator<List<Command>> batches = Workload.stream(config, 1000);
        long events = 0;
        long commands = 0;
        long ingestNanos = 0;
        long flushNanos;
        long started = System.nanoTime();
        try (EventStore store = EventStore.open(StoreConfig.defaults(PROJECT, storeDir))) {
            List<List<Command>> chunk = new ArrayList<>(CHUNK_BATCHES);
            while (batches.hasNext()) {
                chunk.clear();
                while (chunk.size() < CHUNK_BATCHES && batches.hasNext()) {
                    chunk.add(batches.next());
                }
                // Ingest alone, the mapping threads idle: a clean figure on a small machine.
                long t0 = System.nanoTime();
                for (List<Command> batch : chunk) {
                    IngestResult result = store.ingest(batch);
                    events += result.eventsStored();
                    commands += batch.size();
                }
                ingestNanos += System.nanoTime() - t0;
                log.printf("  %,d events ingested, %.1f s inside ingest, %.0f s elapsed%n", events,
                        ingestNanos / 1e9, (System.nanoTime() - started) / 1e9);
            }
            long t0 = System.nanoTime();
            store.flush();
            flushNanos = System.nanoTime() - t0;
        }
        log.printf("Built in %.0f s: %,d events, %.1f s inside ingest (%,.0f events/s), flush %.1f s%n",
                (System.nanoTime() - started) / 1e9, events, ingestNanos / 1e9, events / (ingestNanos / 1e9),
                flushNanos / 1e9);
        return new DataSet(dir, storeDir, events, commands, ingestNanos / 1e9, flushNanos / 1e9, true);
    }
}
