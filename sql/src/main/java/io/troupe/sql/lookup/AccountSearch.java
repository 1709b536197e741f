package io.troupe.sql.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import io.troupe.sql.schema.PropertyValues;
import io.troupe.storage.groups.GroupPropertyHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * A search as typed into Amplitude's account look-up: terms {@code name = value} separated by spaces, every term
 * required (AND). A name or value with spaces or {@code =} is written in double quotes ({@code ""} inside quotes is
 * one quote); spaces around {@code =} are optional; commas and semicolons are refused anywhere, even inside quotes,
 * as Amplitude does. A term matches a group when any value the property has ever had (its history, not only the
 * current value) equals the term's value as text, ignoring case; for an array value, when one of its elements does.
 * Property names are compared ignoring case too. An empty search (or only spaces) matches every group.
 */
public final class AccountSearch {
    private final String text;
    private final List<SearchTerm> terms;

    private AccountSearch(String text, List<SearchTerm> terms) {
        this.text = text;
        this.terms = List.copyOf(terms);
    }

    public List<SearchTerm> terms() {
        return terms;
    }

    /** True for a search with no terms: every group matches. */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Parses a search.
     *
     * @param at where the search's literal starts in the SQL statement, for the error; null when unknown (a parameter)
     * @throws TroupeException SEARCH_FORBIDDEN_CHARACTER, SEARCH_UNBALANCED_QUOTE or SEARCH_INCOMPLETE_TERM, naming the
     *                         1-based character of the search where the problem is
     */
    public static AccountSearch parse(String text, SqlPosition at) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ';') {
                throw new TroupeException(ErrorCode.SEARCH_FORBIDDEN_CHARACTER, at, null, text, String.valueOf(c), i + 1);
            }
        }
        return new Parser(text, at).parse();
    }

    /** One pass over the text: tokens are quoted texts, bare words (up to a space, {@code =} or quote) and {@code =}. */
    private static final class Parser {
        private final String text;
        private final SqlPosition at;
        private int pos;

        Parser(String text, SqlPosition at) {
            this.text = text;
            this.at = at;
        }

        AccountSearch parse() {
            List<SearchTerm> terms = new ArrayList<>();
            while (skipSpaces()) {
                int nameStart = pos;
                if (text.charAt(pos) == '=') {
                    throw incomplete("'=' with no name before it", pos);
                }
                String name = word();
                if (name.isEmpty()) {
                    throw incomplete("an empty property name", nameStart);
                }
                if (!skipSpaces() || text.charAt(pos) != '=') {
                    throw incomplete("the term " + quoted(name) + " with no '=' after it", nameStart);
                }
                int equals = pos++;
                if (!skipSpaces() || text.charAt(pos) == '=') {
                    throw incomplete("'=' with no value after it", equals);
                }
                terms.add(new SearchTerm(name, word()));
            }
            return new AccountSearch(text, terms);
        }

        /** Skips whitespace; false at the end of the text. */
        private boolean skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return pos < text.length();
        }

        /** A quoted text or a bare word starting at {@code pos} (which is not a space or '='). */
        private String word() {
            if (text.charAt(pos) == '"') {
                int open = pos++;
                StringBuilder b = new StringBuilder();
                while (true) {
                    if (pos >= text.length()) {
                        throw new TroupeException(ErrorCode.SEARCH_UNBALANCED_QUOTE, at, null, text, open + 1);
                    }
                    char c = text.charAt(pos++);
                    if (c != '"') {
                        b.append(c);
                    } else if (pos < text.length() && text.charAt(pos) == '"') {
                        b.append('"');
                        pos++;
                    } else {
                        return b.toString();
                    }
                }
            }
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c) || c == '=' || c == '"') {
                    break;
                }
                pos++;
            }
            return text.substring(start, pos);
        }

        private TroupeException incomplete(String what, int index) {
            return new TroupeException(ErrorCode.SEARCH_INCOMPLETE_TERM, at, null, text, what, index + 1);
        }

        private static String quoted(String name) {
            return "'" + name + "'";
        }
    }

    /** Whether a group with this property history (every property, every value it has had) matches every term. */
    public boolean matches(List<GroupPropertyHistory.Entry> history) {
        for (SearchTerm term : terms) {
            if (!matches(term, history)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(SearchTerm term, List<GroupPropertyHistory.Entry> history) {
        for (GroupPropertyHistory.Entry e : history) {
            if (e.property().equalsIgnoreCase(term.name()) && valueMatches(e.value(), term.value())) {
                return true;
            }
        }
        return false;
    }

    /** The value as SQL reads it (see {@link PropertyValues}) equals the text, ignoring case; arrays by element. */
    static boolean valueMatches(JsonNode value, String wanted) {
        if (value == null || value.isNull()) {
            return false; // an unset property has no value to match
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (valueMatches(element, wanted)) {
                    return true;
                }
            }
            return false;
        }
        return wanted.equalsIgnoreCase(PropertyValues.text(value));
    }
}
