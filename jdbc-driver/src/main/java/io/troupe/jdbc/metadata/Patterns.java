package io.troupe.jdbc.metadata;

import java.util.regex.Pattern;

/** JDBC search patterns ({@code %} any text, {@code _} one character, {@code \} escapes) matched on the client. */
final class Patterns {
    static final String ESCAPE = "\\";

    private Patterns() {
    }

    /** True when {@code value} matches {@code pattern}; a null pattern matches everything. */
    static boolean matches(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        return regex(pattern).matcher(value).matches();
    }

    private static Pattern regex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** The pattern to send as a LIKE argument: a null pattern matches everything. */
    static String like(String pattern) {
        return pattern == null ? "%" : pattern;
    }
}
