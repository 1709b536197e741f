package io.troupe.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * What the driver reads in a statement's text without parsing SQL: whether it returns rows (by its first keyword)
 * and how many {@code ?} parameters it has (outside strings, quoted names and comments).
 */
final class StatementText {
    /** First keywords of statements that answer rows; any other statement (CREATE USER, ...) is an update. */
    private static final Set<String> QUERY_WORDS = Set.of("SELECT", "WITH", "VALUES", "EXPLAIN", "DESCRIBE", "DESC", "SHOW", "TABLE");

    private StatementText() {
    }

    /** True for a query (SELECT, WITH, VALUES, EXPLAIN, ...), false for a statement without rows. */
    static boolean returnsRows(String sql) {
        int i = skipSpaceAndComments(sql, 0);
        while (i < sql.length() && sql.charAt(i) == '(') {
            i = skipSpaceAndComments(sql, i + 1);
        }
        int start = i;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return start == i || QUERY_WORDS.contains(sql.substring(start, i).toUpperCase(Locale.ROOT));
    }

    private static int skipSpaceAndComments(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** The {@code ?} placeholders of a statement, not counting those in strings, quoted names or comments. */
    static int parameterCount(String sql) {
        int count = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                if (c == '?') {
                    count++;
                }
                i++;
            }
        }
        return count;
    }

    /** The index after a quoted text starting at {@code start}; a doubled quote stays inside it. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }
}
