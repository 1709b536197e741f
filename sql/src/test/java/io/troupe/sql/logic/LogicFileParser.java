package io.troupe.sql.logic;

import io.troupe.sql.logic.LogicRecord.Condition;
import io.troupe.sql.logic.LogicRecord.DataKind;
import io.troupe.sql.logic.LogicRecord.DataLine;
import io.troupe.sql.logic.LogicRecord.SortMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a SQL logic test file (the format is described on {@link SqlLogicTest}) into records. A mistake in
 * the file is an {@link IllegalArgumentException} naming the file and line, never a silently skipped record.
 */
final class LogicFileParser {
    static final String SEPARATOR = "----";
    private static final Pattern TYPES = Pattern.compile("[TIRBD]+");
    private static final Pattern POSITION = Pattern.compile("\\d+:\\d+");

    private final String file;
    private final List<String> lines;
    private int next;

    private LogicFileParser(String file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    static List<LogicRecord> parse(String file, List<String> lines) {
        return new LogicFileParser(file, lines).records();
    }

    private List<LogicRecord> records() {
        List<LogicRecord> records = new ArrayList<>();
        List<Condition> conditions = new ArrayList<>();
        while (next < lines.size()) {
            String text = lines.get(next).strip();
            int line = next + 1;
            if (text.isEmpty() || text.startsWith("#")) {
                next++;
                continue;
            }
            String[] words = text.split("\\s+");
            switch (words[0]) {
                case "skipif", "onlyif" -> {
                    conditions.add(condition(words, text, line));
                    next++;
                    continue;
                }
                case "events" -> records.add(data(DataKind.EVENTS, words, line, conditions));
                case "identify" -> records.add(data(DataKind.IDENTIFY, words, line, conditions));
                case "group_identify" -> records.add(data(DataKind.GROUP_IDENTIFY, words, line, conditions));
                case "statement" -> records.add(statement(words, line, conditions));
                case "query" -> records.add(query(words, line, conditions));
                case "mode" -> records.add(mode(words, line, conditions));
                case "flush", "restart" -> records.add(lifecycle(words, line, conditions));
                case "clock" -> records.add(clock(text, line, conditions));
                default -> throw error(line, "unknown record '" + words[0]
                        + "': use events, identify, group_identify, statement, query, flush, restart, clock, mode, skipif or onlyif");
            }
            conditions = new ArrayList<>();
        }
        if (!conditions.isEmpty()) {
            throw error(conditions.get(0).line(), "a " + (conditions.get(0).skip() ? "skipif" : "onlyif") + " with no record after it");
        }
        return records;
    }

    private Condition condition(String[] words, String text, int line) {
        boolean skip = words[0].equals("skipif");
        if (words.length < 2) {
            throw error(line, words[0] + " needs a configuration name or troupe-bug");
        }
        String what = words[1];
        if (!LogicConfig.isLabel(what) && !(skip && what.equals(Condition.BUG))) {
            throw error(line, "unknown configuration '" + what + "': use one of " + LogicConfig.ALL
                    + (skip ? " or " + Condition.BUG : ""));
        }
        String reason = text.substring(text.indexOf(what) + what.length()).strip();
        if (what.equals(Condition.BUG) && reason.isEmpty()) {
            throw error(line, "skipif troupe-bug needs a reason: what the engine does wrong");
        }
        return new Condition(skip, what, reason, line);
    }

    private LogicRecord data(DataKind kind, String[] words, int line, List<Condition> conditions) {
        int repeat = 1;
        if (words.length == 3 && words[1].equals("repeat") && words[2].matches("[1-9]\\d{0,6}")) {
            repeat = Integer.parseInt(words[2]);
        } else if (words.length != 1) {
            throw error(line, "use '" + words[0] + "' or '" + words[0] + " repeat N'; the JSON objects follow, one a line");
        }
        if (!conditions.isEmpty()) {
            throw error(line, "data cannot be conditional: every configuration loads the same data");
        }
        next++;
        List<DataLine> data = new ArrayList<>();
        while (next < lines.size() && !lines.get(next).isBlank()) {
            String json = lines.get(next).strip();
            if (!json.startsWith("#")) {
                data.add(new DataLine(next + 1, json));
            }
            next++;
        }
        if (data.isEmpty()) {
            throw error(line, words[0] + " with no JSON line after it");
        }
        return new LogicRecord.Data(line, List.copyOf(conditions), kind, repeat, data);
    }

    private LogicRecord statement(String[] words, int line, List<Condition> conditions) {
        if (words.length < 2 || !(words[1].equals("ok") || words[1].equals("error"))) {
            throw error(line, "use 'statement ok' or 'statement error [CODE] [at LINE:COLUMN]'");
        }
        boolean ok = words[1].equals("ok");
        String code = null;
        String position = null;
        for (int i = 2; i < words.length; i++) {
            if (ok) {
                throw error(line, "'statement ok' takes no arguments");
            }
            if (words[i].equals("at") && i + 1 < words.length && POSITION.matcher(words[i + 1]).matches()) {
                position = words[++i];
            } else if (code == null && i == 2) {
                code = words[i].toUpperCase(Locale.ROOT);
            } else {
                throw error(line, "unexpected '" + words[i] + "': use 'statement error [CODE] [at LINE:COLUMN]'");
            }
        }
        next++;
        String sql = sql(line);
        String message = null;
        if (next < lines.size() && lines.get(next).strip().equals(SEPARATOR)) {
            if (ok) {
                throw error(next + 1, "'statement ok' has no expected result; use a query");
            }
            next++;
            List<String> body = block();
            message = body.isEmpty() ? null : String.join("\n", body);
        }
        List<Condition> c = List.copyOf(conditions);
        return ok ? new LogicRecord.StatementOk(line, c, sql) : new LogicRecord.StatementError(line, c, code, position, message, sql);
    }

    private LogicRecord query(String[] words, int line, List<Condition> conditions) {
        if (words.length < 2 || words.length > 3 || !TYPES.matcher(words[1]).matches()) {
            throw error(line, "use 'query <types> [nosort|rowsort|contains]', one of T I R B D per column");
        }
        SortMode sort = SortMode.NOSORT;
        if (words.length == 3) {
            sort = switch (words[2]) {
                case "nosort" -> SortMode.NOSORT;
                case "rowsort" -> SortMode.ROWSORT;
                case "contains" -> SortMode.CONTAINS;
                default -> throw error(line, "unknown sort mode '" + words[2] + "': use nosort, rowsort or contains");
            };
        }
        next++;
        String sql = sql(line);
        if (next >= lines.size() || !lines.get(next).strip().equals(SEPARATOR)) {
            throw error(line, "a query needs '" + SEPARATOR + "' and its expected rows after the SQL");
        }
        next++;
        return new LogicRecord.Query(line, List.copyOf(conditions), words[1], sort, sql, block());
    }

    private LogicRecord lifecycle(String[] words, int line, List<Condition> conditions) {
        if (words.length != 1) {
            throw error(line, words[0] + " takes no arguments");
        }
        if (!conditions.isEmpty()) {
            throw error(line, words[0] + " cannot be conditional: every configuration must hold the same data");
        }
        next++;
        return new LogicRecord.Lifecycle(line, List.of(), words[0].equals("restart"));
    }

    private LogicRecord clock(String text, int line, List<Condition> conditions) {
        if (!conditions.isEmpty()) {
            throw error(line, "clock cannot be conditional: every configuration must run at the same time");
        }
        String time = text.substring("clock".length()).strip();
        try {
            next++;
            return new LogicRecord.ClockSet(line, List.of(),
                    java.time.LocalDateTime.parse(time.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC));
        } catch (java.time.format.DateTimeParseException e) {
            throw error(line, "clock takes a UTC time such as 2026-01-12 00:00:00, not '" + time + "'");
        }
    }

    private LogicRecord mode(String[] words, int line, List<Condition> conditions) {
        if (words.length != 2 || !(words[1].equals("skip") || words[1].equals("unskip"))) {
            throw error(line, "use 'mode skip' or 'mode unskip'");
        }
        next++;
        return new LogicRecord.Mode(line, List.copyOf(conditions), words[1].equals("skip"));
    }

    /** SQL lines up to a blank line, {@code ----} or the end; keeps them as written, so positions match. */
    private String sql(int line) {
        List<String> sql = new ArrayList<>();
        while (next < lines.size() && !lines.get(next).isBlank() && !lines.get(next).strip().equals(SEPARATOR)) {
            sql.add(stripTrailing(lines.get(next)));
            next++;
        }
        if (sql.isEmpty()) {
            throw error(line, "no SQL after the record's header");
        }
        return String.join("\n", sql);
    }

    /** Lines up to a blank line or the end. */
    private List<String> block() {
        List<String> body = new ArrayList<>();
        while (next < lines.size() && !lines.get(next).isBlank()) {
            body.add(stripTrailing(lines.get(next)));
            next++;
        }
        return body;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }
}
