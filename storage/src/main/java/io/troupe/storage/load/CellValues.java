package io.troupe.storage.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Turns the text of one file cell into a JSON value, and decides what a cell looks like. The rule for
 * numbers is JSON's: no leading zero, so {@code 02134} (a zip code) and {@code 007} (an agent) stay text,
 * while {@code 0}, {@code -3} and {@code 0.5} are numbers. Booleans are {@code true} and {@code false} in
 * any case, as spreadsheets export them.
 */
final class CellValues {
    private CellValues() {
    }

    /** True when {@code text} is a number by JSON's grammar (no leading zero, no {@code +}, no {@code .5}). */
    static boolean isPlainNumber(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (text.charAt(i) == '0') {
            i++;
        } else if (isDigit(text.charAt(i))) {
            i = skipDigits(text, i);
        } else {
            return false;
        }
        if (i < n && text.charAt(i) == '.') {
            int start = ++i;
            i = skipDigits(text, i);
            if (i == start) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = skipDigits(text, i);
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    static boolean isBoolean(String text) {
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
    }

    /** The value of one cell on its own: a plain number, a boolean, else the text. */
    static JsonNode inferred(String text) {
        if (isPlainNumber(text)) {
            return plainNumber(text);
        }
        if (isBoolean(text)) {
            return BooleanNode.valueOf(text.equalsIgnoreCase("true"));
        }
        return TextNode.valueOf(text);
    }

    /**
     * The value of a cell in a column of a known type.
     *
     * @throws IllegalArgumentException when the text is not of that type
     */
    static JsonNode typed(ColumnType type, String text) {
        return switch (type) {
            case STRING -> TextNode.valueOf(text);
            case NUMBER -> isPlainNumber(text) ? plainNumber(text) : lenientNumber(text);
            case BOOLEAN -> {
                if (!isBoolean(text)) {
                    throw new IllegalArgumentException("'" + text + "' is not a boolean: write true or false");
                }
                yield BooleanNode.valueOf(text.equalsIgnoreCase("true"));
            }
        };
    }

    /** A number that passed {@link #isPlainNumber}: an int or long when whole and in range, else a double. */
    static JsonNode plainNumber(String text) {
        boolean whole = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (whole) {
            if (text.length() <= 18) {
                long value = Long.parseLong(text);
                return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
            }
            return exact(new BigDecimal(text));
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? DoubleNode.valueOf(value) : DecimalNode.valueOf(new BigDecimal(text));
    }

    /** A number the user declared as such, so leading zeros and a {@code +} sign are accepted. */
    private static JsonNode lenientNumber(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return exact(stripped);
        }
        double asDouble = value.doubleValue();
        return Double.isFinite(asDouble) ? DoubleNode.valueOf(asDouble) : DecimalNode.valueOf(value);
    }

    /** A whole number as the smallest node that holds it; beyond 100 digits it stays a decimal. */
    private static JsonNode exact(BigDecimal whole) {
        if (whole.precision() - whole.scale() > 100) {
            return DecimalNode.valueOf(whole);
        }
        BigInteger integer = whole.setScale(0, RoundingMode.UNNECESSARY).toBigInteger();
        if (integer.bitLength() < 32) {
            return IntNode.valueOf(integer.intValue());
        }
        if (integer.bitLength() < 64) {
            return LongNode.valueOf(integer.longValue());
        }
        return BigIntegerNode.valueOf(integer);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipDigits(String text, int i) {
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
