package io.troupe.common;

/**
 * A place in a SQL statement, 1-based as editors count: {@code line:column} of the first character of the
 * offending text.
 */
public record SqlPosition(int line, int column) {
    public SqlPosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("position " + line + ":" + column + " is not 1-based");
        }
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
