package io.troupe.storage.load;

/**
 * Watches every non-empty cell of one column during a file's first pass and says what the column is:
 * a number only if every value is a plain number (see {@link CellValues#isPlainNumber}), a boolean only if
 * every value is one, else a string. One stray value makes the whole column text, so a column never mixes
 * types across rows.
 */
final class ColumnTypeInference {
    private boolean allNumbers = true;
    private boolean allBooleans = true;
    private boolean anyValue;

    void accept(String cell) {
        if (cell.isEmpty()) {
            return;
        }
        anyValue = true;
        if (allNumbers && !CellValues.isPlainNumber(cell)) {
            allNumbers = false;
        }
        if (allBooleans && !CellValues.isBoolean(cell)) {
            allBooleans = false;
        }
    }

    ColumnType result() {
        if (anyValue && allNumbers) {
            return ColumnType.NUMBER;
        }
        if (anyValue && allBooleans) {
            return ColumnType.BOOLEAN;
        }
        return ColumnType.STRING;
    }
}
