package io.troupe.server;

import io.troupe.common.TroupeException;
import io.troupe.sql.SqlEngine;
import io.troupe.sql.SqlErrors;
import io.troupe.sql.SqlSession;
import io.troupe.storage.EventStore;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/troupe query "SQL"}: runs statements on a project's store opened in this process and prints
 * each result as an aligned table (until the server and its JDBC driver exist, the way to ask questions from
 * a shell). Several statements may be separated by semicolons.
 */
final class QueryCommand {
    /** Rows printed per statement; the count of all rows is printed too. */
    static final int MAX_PRINTED_ROWS = 200;

    private QueryCommand() {
    }

    /** Returns 0 when every statement ran, 1 after the first failing one (printed with its error code). */
    static int run(EventStore store, String sql, PrintStream out) {
        try (SqlEngine engine = new SqlEngine(store); SqlSession session = engine.open()) {
            for (String statement : statements(sql)) {
                long started = System.nanoTime();
                try (ResultSet rs = session.query(statement)) {
                    int rows = print(rs, out);
                    out.printf("(%,d row%s, %.1f ms)%n%n", rows, rows == 1 ? "" : "s", (System.nanoTime() - started) / 1e6);
                } catch (TroupeException e) {
                    printError(e, out);
                    return 1;
                } catch (SQLException | RuntimeException e) {
                    printError(SqlErrors.translate(e), out);
                    return 1;
                }
            }
        }
        return 0;
    }

    private static void printError(TroupeException e, PrintStream out) {
        out.printf("ERROR %d (SQLSTATE %s) %s%s: %s%n", e.errorCode().code(), e.errorCode().sqlState(), e.errorCode().symbol(),
                e.position() == null ? "" : " at " + e.position(), e.getMessage());
    }

    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                add(out, current);
            } else {
                current.append(c);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        current.setLength(0);
    }

    private static int print(ResultSet rs, PrintStream out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[n];
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            header[i] = md.getColumnLabel(i + 1);
            width[i] = header[i].length();
        }
        int count = 0;
        while (rs.next()) {
            count++;
            if (rows.size() < MAX_PRINTED_ROWS) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    String v = rs.getString(i + 1);
                    row[i] = v == null ? "NULL" : v;
                    for (String l : row[i].split("\n", -1)) {
                        width[i] = Math.max(width[i], l.length());
                    }
                }
                rows.add(row);
            }
        }
        line(header, width, out);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        rows.forEach(r -> line(r, width, out));
        if (count > rows.size()) {
            out.printf("... %,d more rows%n", count - rows.size());
        }
        return count;
    }

    private static void line(String[] cells, int[] width, PrintStream out) {
        if (cells.length == 1 && cells[0].contains("\n")) {
            out.println(cells[0].stripTrailing()); // a plan: printed as it is
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", cells[i]));
        }
        out.println(sb.toString().stripTrailing());
    }
}
