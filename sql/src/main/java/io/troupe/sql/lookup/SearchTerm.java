package io.troupe.sql.lookup;

/**
 * One {@code name = value} term of an account search.
 *
 * @param name  the group property's name, as typed (compared ignoring case)
 * @param value the text a value of it must equal (ignoring case)
 */
public record SearchTerm(String name, String value) {
    public SearchTerm {
        java.util.Objects.requireNonNull(name, "name is null");
        java.util.Objects.requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
        return quote(name) + " = " + quote(value);
    }

    private static String quote(String text) {
        boolean bare = !text.isEmpty() && text.chars().noneMatch(c -> Character.isWhitespace(c) || c == '=' || c == '"');
        return bare ? text : '"' + text.replace("\"", "\"\"") + '"';
    }
}
