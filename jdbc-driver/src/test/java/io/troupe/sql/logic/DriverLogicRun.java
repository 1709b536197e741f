package io.troupe.sql.logic;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.values.JsonText;
import io.troupe.sql.logic.LogicRecord.Condition;
import io.troupe.sql.logic.LogicRecord.Data;
import io.troupe.sql.logic.LogicRecord.Query;
import io.troupe.sql.logic.LogicRecord.SortMode;
import io.troupe.sql.logic.LogicRecord.StatementError;
import io.troupe.sql.logic.LogicRecord.StatementOk;
import io.troupe.storage.EventStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the records of one SQL logic test file through a running Troupe server and the JDBC driver, in a project of
 * its own, collecting every mismatch: the same expectations as {@link LogicFileRun} (rows rendered by
 * {@link ResultFormat}, error codes, positions and messages), read from JDBC values. After each statement the
 * project store's Arrow allocator must hold what it held before (the server frees a query's memory before its last
 * message).
 */
final class DriverLogicRun {
    private static final int TIMEOUT_SECONDS = 30;
    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    /** The server the file runs on. */
    interface Server {
        /** The file's project: the schema plans name. */
        String project();

        /** The store of the file's project (the server may have been restarted since). */
        EventStore store();

        /** A new connection to the file's project. */
        Connection connect() throws SQLException;

        /** Stops and starts the server on its data (the WAL is replayed). */
        void restart();

        /** Sets the server's clock (a file's {@code clock} record). */
        void clock(java.time.Instant now);
    }

    private final String file;
    private final List<LogicRecord> records;
    private final LogicConfig config;
    private final Server server;
    private final List<String> failures = new ArrayList<>();
    private Connection connection;
    private boolean dataPending;
    private boolean skipping;
    private long baseline;
    private int ran;
    private int skipped;

    DriverLogicRun(String file, List<LogicRecord> records, LogicConfig config, Server server) {
        this.file = file;
        this.records = records;
        this.config = config;
        this.server = server;
    }

    /** Runs the file; returns the failures, empty when every record answered as written. */
    List<String> run() throws SQLException {
        long start = System.nanoTime();
        try {
            for (LogicRecord record : records) {
                step(record);
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        System.out.printf("[sqllogic-jdbc] %s [%s]: %d statements run, %d skipped, %d ms%n",
                file, config, ran, skipped, (System.nanoTime() - start) / 1_000_000);
        return failures;
    }

    private void step(LogicRecord record) throws SQLException {
        if (record instanceof Data data) {
            server.store().ingest(LogicData.commands(file, data, server.store()));
            dataPending = true;
            return;
        }
        if (record instanceof LogicRecord.Lifecycle lifecycle) {
            if (lifecycle.restart()) {
                closeConnection();
                server.restart();
            } else {
                server.store().flush();
            }
            baseline = server.store().allocator().getAllocatedMemory();
            return;
        }
        if (record instanceof LogicRecord.ClockSet set) {
            server.clock(set.now());
            return;
        }
        if (record instanceof LogicRecord.Mode mode) {
            skipping = mode.skip();
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
            skipped++;
            System.out.printf("[sqllogic-jdbc] %s:%d [%s] skipped, troupe-bug: %s (%s)%n", file, record.line(), config,
                    bug.reason(), check(record) == null ? "PASSES NOW" : "still fails");
            baseline = server.store().allocator().getAllocatedMemory();
            return;
        }
        ran++;
        String failure = check(record);
        if (failure != null) {
            failures.add(failure);
        }
        long allocated = server.store().allocator().getAllocatedMemory();
        if (allocated != baseline) {
            failures.add(where(record) + " leaked " + (allocated - baseline) + " bytes of Arrow memory on the server");
            baseline = allocated;
        }
    }

    /** Applies the configuration to fresh data (segments: flush) and opens the connection. */
    private void prepare() throws SQLException {
        if (dataPending && config.mode() == io.troupe.sql.testing.TestProject.Mode.SEGMENTS) {
            server.store().flush();
        }
        dataPending = false;
        if (connection == null) {
            connection = server.connect();
        }
        baseline = server.store().allocator().getAllocatedMemory();
    }

    private void closeConnection() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private String check(LogicRecord record) {
        if (record instanceof StatementOk ok) {
            try {
                execute(ok.sql());
                return null;
            } catch (SQLException e) {
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
        } catch (SQLException e) {
            List<String> problems = new ArrayList<>();
            String symbol = symbol(e.getErrorCode());
            String code = expected.code();
            if (code != null && !code.equals(symbol) && !code.equals(String.valueOf(e.getErrorCode()))) {
                problems.add("error code " + symbol + " (" + e.getErrorCode() + "), expected " + code);
            }
            Matcher m = POSITION.matcher(String.valueOf(e.getMessage()));
            String position = m.find() ? m.group(1) + ":" + m.group(2) : "none";
            if (expected.position() != null && !expected.position().equals(position)) {
                problems.add("position " + position + ", expected " + expected.position());
            }
            if (expected.message() != null && !String.valueOf(e.getMessage()).contains(expected.message())) {
                problems.add("message does not contain '" + expected.message() + "'");
            }
            return problems.isEmpty() ? null : where(expected) + " wrong error: " + String.join("; ", problems)
                    + "\n  SQL: " + expected.sql() + "\n  error: " + e;
        }
        return where(expected) + " expected an error" + (expected.code() == null ? "" : " " + expected.code())
                + " but it returned " + result.rows().size() + " rows\n  SQL: " + expected.sql();
    }

    private static String symbol(int code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.code() == code) {
                return c.symbol();
            }
        }
        return String.valueOf(code);
    }

    private String checkQuery(Query query) {
        Result result;
        try {
            result = execute(query.sql());
        } catch (SQLException e) {
            return where(query) + " failed: " + e + "\n  SQL: " + query.sql();
        }
        String types = query.types();
        if (!result.types().equals(types)) {
            return where(query) + " column types are " + result.types() + ", the file says " + types + "\n  SQL: " + query.sql();
        }
        List<String> actual = new ArrayList<>(result.rows().size());
        for (List<Object> row : result.rows()) {
            actual.add(ResultFormat.row(row, types));
        }
        List<String> expected = new ArrayList<>(query.expected());
        if (query.sort() == SortMode.CONTAINS) {
            // plans name the schema, the project: the files' projects are called test, here each has its own name
            expected.replaceAll(line -> line.replace("[[test, ", "[[" + server.project() + ", "));
            String text = String.join("\n", actual);
            List<String> missing = new ArrayList<>();
            for (String line : expected) {
                boolean negated = line.startsWith("!");
                if (text.contains(negated ? line.substring(1) : line) == negated) {
                    missing.add(line);
                }
            }
            return missing.isEmpty() ? null : where(query) + " result lacks (or, for '!', has) " + missing + "\n  SQL: " + query.sql();
        }
        if (query.sort() == SortMode.ROWSORT) {
            Collections.sort(actual);
            Collections.sort(expected);
        }
        return actual.equals(expected) ? null : where(query) + " wrong result\n  SQL: " + query.sql()
                + "\n  expected:\n    " + String.join("\n    ", expected) + "\n  actual:\n    " + String.join("\n    ", actual);
    }

    /** The rows and column letters of a statement, its values as JDBC gives them (maps from their JSON text). */
    private Result execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout(TIMEOUT_SECONDS);
            if (!s.execute(sql)) {
                return new Result("", List.of());
            }
            try (ResultSet rs = s.getResultSet()) {
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
                        row.add(value(rs, md, i));
                    }
                    rows.add(row);
                }
                return new Result(types.toString(), rows);
            }
        }
    }

    private static Object value(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        if (rs.getObject(i) == null) {
            return null;
        }
        return switch (md.getColumnType(i)) {
            case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case Types.DATE -> rs.getObject(i, LocalDate.class);
            case Types.TIME -> rs.getObject(i, LocalTime.class);
            case Types.OTHER -> JsonText.parse(rs.getString(i)); // maps and rows travel as JSON text
            default -> rs.getObject(i);
        };
    }

    private record Result(String types, List<List<Object>> rows) {
    }

    private String where(LogicRecord record) {
        return file + ":" + record.line() + " [" + config + ", jdbc]";
    }
}
