package io.troupe.sql.logic;

/**
 * Expands the {@code ${expression}}s of a {@code repeat} data line for one index: integer arithmetic over
 * {@code i} with {@code + - * / %} and parentheses, as Java evaluates it on longs, e.g.
 * {@code "user_id": "u${i % 700}", "time": ${1767571200000 + i * 60000}}.
 */
final class Template {
    private final String text;
    private final long i;
    private int pos;

    private Template(String text, long i) {
        this.text = text;
        this.i = i;
    }

    static String expand(String line, long i) {
        StringBuilder out = new StringBuilder(line.length());
        int from = 0;
        while (true) {
            int start = line.indexOf("${", from);
            if (start < 0) {
                return out.append(line, from, line.length()).toString();
            }
            int end = line.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("'${' without '}'");
            }
            out.append(line, from, start).append(evaluate(line.substring(start + 2, end), i));
            from = end + 1;
        }
    }

    static long evaluate(String expression, long i) {
        Template t = new Template(expression, i);
        long v = t.sum();
        t.skipSpaces();
        if (t.pos != t.text.length()) {
            throw new IllegalArgumentException("cannot read '" + expression + "' at '" + expression.substring(t.pos) + "'");
        }
        return v;
    }

    private long sum() {
        long v = product();
        while (true) {
            char c = peek();
            if (c == '+' || c == '-') {
                pos++;
                long w = product();
                v = c == '+' ? v + w : v - w;
            } else {
                return v;
            }
        }
    }

    private long product() {
        long v = atom();
        while (true) {
            char c = peek();
            if (c == '*' || c == '/' || c == '%') {
                pos++;
                long w = atom();
                v = c == '*' ? v * w : c == '/' ? v / w : v % w;
            } else {
                return v;
            }
        }
    }

    private long atom() {
        char c = peek();
        if (c == '(') {
            pos++;
            long v = sum();
            if (peek() != ')') {
                throw new IllegalArgumentException("missing ')' in '" + text + "'");
            }
            pos++;
            return v;
        }
        if (c == '-') {
            pos++;
            return -atom();
        }
        if (c == 'i') {
            pos++;
            return i;
        }
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("expected a number, 'i' or '(' in '" + text + "' at " + start);
        }
        return Long.parseLong(text.substring(start, pos));
    }

    private char peek() {
        skipSpaces();
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }
}
