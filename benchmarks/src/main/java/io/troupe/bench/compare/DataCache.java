package io.troupe.bench.compare;

import io.troupe.bench.storage.Scratch;
import io.troupe.bench.storage.Workload;
import io.troupe.storage.segment.SegmentSchema;
import io.troupe.testing.generator.B2bGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The loaded data of a {@link SqlCompare} run kept for the next ({@code --cache}): a folder under
 * {@link Scratch#base()} named {@code sql-compare-data-<events>-d<days>-s<seed>-<generator fingerprint>-v<segment
 * format>} with the Troupe store ({@code store/}), DuckDB's file ({@code duck.db}) and {@value #MARKER},
 * written last, which marks it complete and records the load figures (reported again by the runs that reuse
 * it). A changed generator or segment format gets a new folder; after other storage changes delete it.
 * ClickHouse is loaded from DuckDB each time (seconds).
 */
final class DataCache {
    static final String MARKER = "loads.properties";

    /** The figures of the load that filled the folder. */
    record Loads(String date, long troupeEvents, long commands, double troupeLoadSeconds, double troupeIngestSeconds,
                 double troupeFlushSeconds, long duckdbEvents, long orgProfiles, double duckdbLoadSeconds,
                 double duckdbCheckpointSeconds) {
    }

    private DataCache() {
    }

    static Path directory(B2bGenerator.Config generator) {
        return Scratch.base().resolve("sql-compare-data-" + generator.targetEvents() + "-d" + generator.days() + "-s"
                + generator.seed() + "-" + Workload.fingerprint(generator) + "-v" + SegmentSchema.FORMAT_VERSION
                + (TroupeSide.WITHOUT_INSERT_IDS ? "-no-insert-ids" : ""));
    }

    /** The loads recorded in {@code dir}, or null when it holds no complete data. */
    static Loads read(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(marker)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Loads(p.getProperty("date"), Long.parseLong(p.getProperty("troupeEvents")),
                Long.parseLong(p.getProperty("commands")), Double.parseDouble(p.getProperty("troupeLoadSeconds")),
                Double.parseDouble(p.getProperty("troupeIngestSeconds")),
                Double.parseDouble(p.getProperty("troupeFlushSeconds")), Long.parseLong(p.getProperty("duckdbEvents")),
                Long.parseLong(p.getProperty("orgProfiles")), Double.parseDouble(p.getProperty("duckdbLoadSeconds")),
                Double.parseDouble(p.getProperty("duckdbCheckpointSeconds")));
    }

    static void write(Path dir, Loads loads) {
        Properties p = new Properties();
        p.setProperty("date", loads.date());
        p.setProperty("troupeEvents", Long.toString(loads.troupeEvents()));
        p.setProperty("commands", Long.toString(loads.commands()));
        p.setProperty("troupeLoadSeconds", Double.toString(loads.troupeLoadSeconds()));
        p.setProperty("troupeIngestSeconds", Double.toString(loads.troupeIngestSeconds()));
        p.setProperty("troupeFlushSeconds", Double.toString(loads.troupeFlushSeconds()));
        p.setProperty("duckdbEvents", Long.toString(loads.duckdbEvents()));
        p.setProperty("orgProfiles", Long.toString(loads.orgProfiles()));
        p.setProperty("duckdbLoadSeconds", Double.toString(loads.duckdbLoadSeconds()));
        p.setProperty("duckdbCheckpointSeconds", Double.toString(loads.duckdbCheckpointSeconds()));
        try (Writer out = Files.newBufferedWriter(dir.resolve(MARKER))) {
            p.store(out, "SqlCompare data: Troupe store and DuckDB file loaded completely");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
