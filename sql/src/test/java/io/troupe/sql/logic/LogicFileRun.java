package io.troupe.sql.logic;

import io.troupe.common.TroupeException;
import io.troupe.sql.SqlErrors;
import io.troupe.sql.SqlOptions;
import io.troupe.sql.SqlSession;
import io.troupe.sql.logic.LogicRecord.Condition;
import io.troupe.sql.logic.LogicRecord.Data;
import io.troupe.sql.logic.LogicRecord.Query;
import io.troupe.sql.logic.LogicRecord.SortMode;
import io.troupe.sql.logic.LogicRecord.StatementError;
import io.troupe.sql.logic.LogicRecord.StatementOk;
import io.troupe.sql.testing.TestProject;
import io.troupe.storage.event.Command;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the records of one SQL logic test file under one {@link LogicConfig} in a fresh project, collecting
 * every mismatch rather than stopping at the first. After each statement the store's Arrow allocator must
 * hold what it held before it (no leaked buffers), and discarding the project must release everything.
 */
final class LogicFileRun {
    private static final int TIMEOUT_SECONDS = 30;
    private static final long WAL_SYNC_MILLIS = 10_000;
    private static final long EXPECTED_ENTRIES = 1_000;
    private static final boolean TIMING = Boolean.getBoolean("sqllogic.timing");

    private final String file;
    private final List<LogicRecord> records;
    private final LogicConfig config;
    private final Path dir;
    private final List<String> failures = new ArrayList<>();
    private TestProject project;
    private SqlSession session;
    /** "Now" for the engine: the system's clock until a clock record sets it. */
    private final io.troupe.testing.MutableClock clock = io.troupe.testing.MutableClock.system();
    private boolean dataPending = true;
    private boolean skipping;
    private long baseline;
    private long probeLeaks;
    private int ran;
    private int skipped;

    LogicFileRun(String file, List<LogicRecord> records, LogicConfig config, Path dir) {
        this.file = file;
        this.records = records;
        this.config = config;
        this.dir = dir;
    }

    /** Runs the file; returns the failures, empty when every record answered as written. */
    List<String> run() {
        long start = System.nanoTime();
        // The WAL is fsynced in the background: the data of a test needs to survive a process restart (the bytes
        // are in the page cache), not a machine crash, and an fsync per data block costs more than its queries.
        // Dictionaries sized for a thousand entries (they grow past it) are quicker to create.
        project = new TestProject(dir, SqlOptions.defaults().withClock(clock).withImportFolder(importFolder()), c -> c.withBatchRows(config.batchRows())
                .withWalSyncEveryMillis(WAL_SYNC_MILLIS).withExpectedEntries(EXPECTED_ENTRIES));
        if (TIMING) {
            System.out.printf("[sqllogic]   %s [%s] open: %d ms%n", file, config, (System.nanoTime() - start) / 1_000_000);
        }
        try {
            for (LogicRecord record : records) {
                step(record);
            }
        } finally {
            long t0 = System.nanoTime();
            try {
                project.discard();
                if (TIMING) {
                    System.out.printf("[sqllogic]   %s [%s] close: %d ms%n", file, config, (System.nanoTime() - t0) / 1_000_000);
                }
            } catch (RuntimeException e) {
                if (probeLeaks == 0) {
                    failures.add(file + " [" + config + "]: closing the project failed (leaked buffers?): " + e);
                } else {
                    System.out.printf("[sqllogic] %s [%s]: closing the project failed after records marked troupe-bug leaked %d bytes%n",
                            file, config, probeLeaks);
                }
            }
        }
        System.out.printf("[sqllogic] %s [%s]: %d statements run, %d skipped, %d ms%n",
                file, config, ran, skipped, (System.nanoTime() - start) / 1_000_000);
        return failures;
    }

    /** The import folder of the file's project (IMPORT COHORT reads there; import_file writes there). */
    private java.nio.file.Path importFolder() {
        return dir.resolveSibling(dir.getFileName() + "-import");
    }

    private void step(LogicRecord record) {
        if (record instanceof LogicRecord.ImportFile importFile) {
            try {
                java.nio.file.Files.createDirectories(importFolder());
                java.nio.file.Files.writeString(importFolder().resolve(importFile.name()),
                        String.join("\n", importFile.lines()) + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        if (record instanceof Data data) {
            List<Command> commands = LogicData.commands(file, data, project.store());
            long t0 = System.nanoTime();
            try {
                project.ingest(commands);
                if (TIMING) {
                    System.out.printf("[sqllogic]   %s [%s] ingest: %d ms%n", file, config, (System.nanoTime() - t0) / 1_000_000);
                }
            } catch (TroupeException e) {
                throw new IllegalArgumentException(file + ":" + data.line() + ": the store refused the data: " + e, e);
            }
            dataPending = true;
            return;
        }
        if (record instanceof LogicRecord.Lifecycle lifecycle) {
            if (lifecycle.restart()) {
                project.restart();
                session = null;
            } else {
                project.flush();
                baseline = project.store().allocator().getAllocatedMemory();
            }
            return;
        }
        if (record instanceof LogicRecord.Mode mode) {
            skipping = mode.skip();
            return;
        }
        if (record instanceof LogicRecord.Clock c) {
            clock.set(java.time.Instant.ofEpochMilli(c.millis()));
            return;
        }
        if (skipping) {
            skipped++;
            return;
        }
        Condition bug = null;
        for (Condition c : record.conditions()) {
            if (c.skips(config)) {
                if (c.isBug()) {
                    bug = c;
                } else {
                    skipped++;
                    return;
                }
            }
        }
        prepare();
        if (bug != null) {
            probe(record, bug);
            return;
        }
        ran++;
        long t0 = System.nanoTime();
        String failure = check(record);
        if (TIMING) {
            System.out.printf("[sqllogic]   %s:%d [%s] %d ms%n", file, record.line(), config, (System.nanoTime() - t0) / 1_000_000);
        }
        if (failure != null) {
            failures.add(failure);
        }
        long allocated = project.store().allocator().getAllocatedMemory();
        if (allocated != baseline) {
            failures.add(where(record) + " leaked " + (allocated - baseline) + " bytes of Arrow memory\n  SQL: " + sql(record));
            baseline = allocated;
        }
    }

    /** Puts freshly loaded data where the configuration says (flush, restart) and opens a session. */
    private void prepare() {
        if (dataPending) {
            long t0 = System.nanoTime();
            project.apply(config.mode());
            if (TIMING) {
                System.out.printf("[sqllogic]   %s [%s] %s: %d ms%n", file, config, config.mode(), (System.nanoTime() - t0) / 1_000_000);
            }
            session = null;
            dataPending = false;
        }
        if (session == null) {
            session = project.session();
            session.setTimeoutSeconds(TIMEOUT_SECONDS);
            baseline = project.store().allocator().getAllocatedMemory();
        }
    }

    /**
     * A record marked as an engine bug: not counted, but run, to say when the bug is gone. Memory it leaks is
     * noted, not failed, also when the project closes.
     */
    private void probe(LogicRecord record, Condition bug) {
        skipped++;
        String outcome;
        try {
            outcome = check(record) == null ? "passes" : "still fails";
        } catch (RuntimeException e) {
            outcome = "still fails (" + e + ")";
        }
        long allocated = project.store().allocator().getAllocatedMemory();
        if (allocated != baseline) {
            outcome = "still fails (leaks " + (allocated - baseline) + " bytes)";
            probeLeaks += allocated - baseline;
            baseline = allocated;
        } else if (outcome.equals("passes")) {
            outcome = "PASSES NOW, remove the skipif";
        }
        System.out.printf("[sqllogic] %s:%d [%s] skipped, troupe-bug: %s (%s)%n", file, record.line(), config, bug.reason(), outcome);
    }

    /** Runs one statement or query; null when it answered as the file says, else what went wrong. */
    private String check(LogicRecord record) {
        if (record instanceof StatementOk ok) {
            try {
                execute(ok.sql());
                return null;
            } catch (RuntimeException e) {
                return where(record) + " failed: " + e + "\n  SQL: " + ok.sql();
            }
        }
        if (record instanceof StatementError error) {
            return checkError(error);
        }
        return checkQuery((Query) record);
    }

    private String checkError(StatementError expected) {
        Result result;
        try {
            result = execute(expected.sql());
        } catch (TroupeException e) {
            List<String> problems = new ArrayList<>();
            String code = expected.code();
            if (code != null && !code.equals(e.errorCode().symbol()) && !code.equals(String.valueOf(e.errorCode().code()))) {
                problems.add("error code " + e.errorCode().symbol() + " (" + e.errorCode().code() + "), expected " + code);
            }
            String position = e.position() == null ? "none" : e.position().toString();
            if (expected.position() != null && !expected.position().equals(position)) {
                problems.add("position " + position + ", expected " + expected.position());
            }
            if (expected.message() != null && !String.valueOf(e.getMessage()).contains(expected.message())) {
                problems.add("message does not contain '" + expected.message() + "'");
            }
            return problems.isEmpty() ? null : where(expected) + " wrong error: " + String.join("; ", problems)
                    + "\n  SQL: " + expected.sql() + "\n  error: " + e + " at " + position;
        } catch (RuntimeException e) {
            return where(expected) + " failed with " + e + ", not an error of the catalogue\n  SQL: " + expected.sql();
        }
        return where(expected) + " expected an error" + (expected.code() == null ? "" : " " + expected.code())
                + " but it returned " + result.rows().size() + " rows\n  SQL: " + expected.sql();
    }

    private String checkQuery(Query query) {
        Result result;
        try {
            result = execute(query.sql());
        } catch (TroupeException e) {
            return where(query) + " failed: " + e + (e.position() == null ? "" : " at " + e.position())
                    + "\n  SQL: " + query.sql();
        } catch (RuntimeException e) {
            return where(query) + " failed with " + e + ", not an error of the catalogue\n  SQL: " + query.sql();
        }
        String types = query.types();
        if (result.types().length() != types.length()) {
            return where(query) + " returned " + result.types().length() + " columns (" + result.types()
                    + "), the file says " + types.length() + " (" + types + ")\n  SQL: " + query.sql();
        }
        if (!result.types().equals(types)) {
            return where(query) + " column types are " + result.types() + ", the file says " + types
                    + "\n  SQL: " + query.sql();
        }
        List<String> actual = new ArrayList<>(result.rows().size());
        for (List<Object> row : result.rows()) {
            actual.add(ResultFormat.row(row, types));
        }
        List<String> expected = new ArrayList<>(query.expected());
        if (query.sort() == SortMode.CONTAINS) {
            String text = String.join("\n", actual);
            List<String> missing = new ArrayList<>();
            for (String line : expected) {
                boolean negated = line.startsWith("!");
                String needle = negated ? line.substring(1) : line;
                if (text.contains(needle) == negated) {
                    missing.add(line);
                }
            }
            return missing.isEmpty() ? null : where(query) + " result lacks (or, for '!', has) " + missing
                    + "\n  SQL: " + query.sql() + "\n  actual:\n" + indent(actual);
        }
        if (query.sort() == SortMode.ROWSORT) {
            Collections.sort(actual);
            Collections.sort(expected);
        }
        if (actual.equals(expected)) {
            return null;
        }
        return where(query) + " wrong result\n  SQL: " + query.sql().replace("\n", "\n       ")
                + "\n  expected:\n" + indent(expected) + "\n  actual:\n" + indent(actual);
    }

    /** The rows and column letters of a statement; every failure is a {@link TroupeException}. */
    private Result execute(String sql) {
        try (ResultSet rs = session.query(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            StringBuilder types = new StringBuilder(n);
            for (int i = 1; i <= n; i++) {
                types.append(ResultFormat.letter(md.getColumnType(i)));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return new Result(types.toString(), rows);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translate(e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            throw new EscapedError(e);
        }
    }

    /** An {@link Error} the engine let escape (it should be a {@link TroupeException}); fails the record only. */
    private static final class EscapedError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EscapedError(Error e) {
            super("escaped the engine as " + e + (e.getCause() == null ? "" : ", caused by " + e.getCause()), e);
        }
    }

    private record Result(String types, List<List<Object>> rows) {
    }

    private String where(LogicRecord record) {
        return file + ":" + record.line() + " [" + config + "]";
    }

    private static String sql(LogicRecord record) {
        if (record instanceof Query q) {
            return q.sql();
        }
        if (record instanceof StatementOk s) {
            return s.sql();
        }
        return record instanceof StatementError e ? e.sql() : "";
    }

    private static String indent(List<String> lines) {
        if (lines.isEmpty()) {
            return "    (no rows)";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("    ").append(line);
        }
        return sb.toString();
    }
}
