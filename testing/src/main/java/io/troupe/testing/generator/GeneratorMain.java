package io.troupe.testing.generator;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * Writes generated traffic to a file from the command line, for benchmarks, the demo and manual loads.
 *
 * <pre>
 * java -cp troupe-testing.jar:jackson-*.jar io.troupe.testing.generator.GeneratorMain \
 *     --out events.jsonl [--events 1000000] [--orgs 1000] [--days 30] [--seed 42]
 *     [--start 2026-01-01T00:00:00Z] [--group-type org_id] [--account-group-type account_id]
 *     [--duplicate-rate 0.01] [--max-org-size 5000] [--format jsonl|csv] [--epoch-millis]
 * </pre>
 *
 * <p>The format follows the file name ({@code .csv} or {@code .csv.gz} means CSV) unless {@code --format}
 * says otherwise; a name ending in {@code .gz} is gzip-compressed. JSON lines hold every command
 * (events, {@code $identify}, {@code $groupidentify}); CSV holds events only.
 *
 * <p>Why a main: the same generator then serves tests, JMH set-ups and people trying Troupe by hand.
 */
public final class GeneratorMain {
    private GeneratorMain() {
    }

    public static void main(String[] args) throws IOException {
        B2bGenerator.Config.Builder config = B2bGenerator.Config.builder();
        Path out = null;
        String format = null;
        CsvWriter.TimeFormat timeFormat = CsvWriter.TimeFormat.ISO_8601;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--epoch-millis")) {
                timeFormat = CsvWriter.TimeFormat.EPOCH_MILLIS;
                continue;
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                usage(null);
                return;
            }
            if (i + 1 >= args.length) {
                usage("missing value after " + flag);
                return;
            }
            String value = args[++i];
            switch (flag) {
                case "--out" -> out = Path.of(value);
                case "--events" -> config.targetEvents(Long.parseLong(value.replace("_", "")));
                case "--orgs" -> config.orgs(Integer.parseInt(value.replace("_", "")));
                case "--days" -> config.days(Integer.parseInt(value));
                case "--seed" -> config.seed(Long.parseLong(value));
                case "--start" -> config.start(Instant.parse(value));
                case "--group-type" -> config.groupType(value);
                case "--account-group-type" -> config.accountGroupType(value);
                case "--duplicate-rate" -> config.duplicateRate(Double.parseDouble(value));
                case "--max-org-size" -> config.maxOrgSize(Integer.parseInt(value));
                case "--format" -> format = value;
                default -> {
                    usage("unknown option " + flag);
                    return;
                }
            }
        }
        if (out == null) {
            usage("--out is required");
            return;
        }
        String name = out.getFileName().toString();
        boolean gzip = name.endsWith(".gz");
        boolean csv = format == null ? name.endsWith(".csv") || name.endsWith(".csv.gz") : format.equals("csv");
        if (format != null && !format.equals("csv") && !format.equals("jsonl")) {
            usage("--format must be jsonl or csv");
            return;
        }

        B2bGenerator generator = new B2bGenerator(config.build());
        long started = System.nanoTime();
        long written;
        try (OutputStream file = open(out, gzip)) {
            if (csv) {
                try (CsvWriter writer = new CsvWriter(
                        new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 16),
                        CsvWriter.groupTypeColumns(generator.config()), CsvWriter.DEFAULT_PROPERTY_COLUMNS,
                        timeFormat)) {
                    written = writer.writeAll(generator);
                }
            } else {
                try (AmplitudeJsonLinesWriter writer = new AmplitudeJsonLinesWriter(file)) {
                    written = writer.writeAll(generator);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("wrote %,d %s to %s in %.1f s%n", written, csv ? "rows" : "lines", out, seconds);
    }

    private static OutputStream open(Path path, boolean gzip) throws IOException {
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        return gzip ? new GZIPOutputStream(file, 1 << 16) : file;
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("error: " + problem);
        }
        System.err.println("usage: GeneratorMain --out FILE[.jsonl|.csv][.gz] [--events N] [--orgs N] [--days N]"
                + " [--seed N] [--start ISO-INSTANT] [--group-type NAME] [--account-group-type NAME]"
                + " [--duplicate-rate R] [--max-org-size N] [--format jsonl|csv] [--epoch-millis]");
        if (problem != null) {
            System.exit(2);
        }
    }
}
