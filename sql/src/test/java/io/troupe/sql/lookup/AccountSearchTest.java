package io.troupe.sql.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.common.ErrorCode;
import io.troupe.common.SqlPosition;
import io.troupe.common.TroupeException;
import io.troupe.storage.groups.GroupPropertyHistory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The account search syntax: terms, quotes, spaces, and each error with the character it names. */
class AccountSearchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<SearchTerm> terms(String text) {
        return AccountSearch.parse(text, null).terms();
    }

    @Test
    void aTermIsNameEqualsValueWithOrWithoutSpaces() {
        List<SearchTerm> expected = List.of(new SearchTerm("plan", "pro"));
        assertEquals(expected, terms("plan = pro"));
        assertEquals(expected, terms("plan=pro"));
        assertEquals(expected, terms("  plan\t=  pro  "));
    }

    @Test
    void quotesHoldSpacesEqualsSignsAndDoubledQuotes() {
        assertEquals(List.of(new SearchTerm("plan", "enterprise plus")), terms("plan = \"enterprise plus\""));
        assertEquals(List.of(new SearchTerm("account manager", "a = b")), terms("\"account manager\"=\"a = b\""));
        assertEquals(List.of(new SearchTerm("nick", "the \"big\" one")), terms("nick = \"the \"\"big\"\" one\""));
        assertEquals(List.of(new SearchTerm("plan", "")), terms("plan = \"\""));
    }

    @Test
    void termsSeparatedBySpacesAreAllRequired() {
        assertEquals(List.of(new SearchTerm("plan", "enterprise"), new SearchTerm("region", "EU"), new SearchTerm("tier", "a b")),
                terms("plan = enterprise region=EU tier = \"a b\""));
        assertEquals(List.of(new SearchTerm("a", "1"), new SearchTerm("b", "2")), terms("a=\"1\"b=2"));
    }

    @Test
    void anEmptySearchHasNoTerms() {
        assertTrue(AccountSearch.parse("", null).isEmpty());
        assertTrue(AccountSearch.parse("  \t ", null).isEmpty());
        assertFalse(AccountSearch.parse("a = b", null).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plan = a, region = b | SEARCH_FORBIDDEN_CHARACTER | at character 9",
            "plan = \"a;b\"        | SEARCH_FORBIDDEN_CHARACTER | ';' at character 10",
            "plan = \"enterprise    | SEARCH_UNBALANCED_QUOTE    | at character 8",
            "\"plan = pro           | SEARCH_UNBALANCED_QUOTE    | at character 1",
            "plan                  | SEARCH_INCOMPLETE_TERM     | the term 'plan' with no '=' after it at character 1",
            "plan pro              | SEARCH_INCOMPLETE_TERM     | the term 'plan' with no '=' after it at character 1",
            "a = 1 b               | SEARCH_INCOMPLETE_TERM     | the term 'b' with no '=' after it at character 7",
            "= pro                 | SEARCH_INCOMPLETE_TERM     | '=' with no name before it at character 1",
            "plan =                | SEARCH_INCOMPLETE_TERM     | '=' with no value after it at character 6",
            "plan == pro           | SEARCH_INCOMPLETE_TERM     | '=' with no value after it at character 6",
            "\"\" = pro              | SEARCH_INCOMPLETE_TERM     | an empty property name at character 1",
    })
    void errorsNameTheCharacter(String text, ErrorCode code, String message) {
        TroupeException e = assertThrows(TroupeException.class, () -> AccountSearch.parse(text, null));
        assertEquals(code, e.errorCode(), e.toString());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("'" + text + "'"), "the message quotes the search: " + e.getMessage());
        assertNull(e.position());
    }

    @Test
    void anErrorCarriesTheLiteralsSqlPosition() {
        TroupeException e = assertThrows(TroupeException.class, () -> AccountSearch.parse("a;b", new SqlPosition(2, 7)));
        assertEquals(new SqlPosition(2, 7), e.position());
    }

    private static GroupPropertyHistory.Entry entry(String property, String json, long from, long to) throws Exception {
        return new GroupPropertyHistory.Entry(property, JSON.readTree(json), from, to);
    }

    @Test
    void matchesAnyHistoricalValueIgnoringCase() throws Exception {
        List<GroupPropertyHistory.Entry> history = List.of(
                entry("Plan", "\"Pro\"", 0, 10), entry("Plan", "\"Enterprise Plus\"", 10, Long.MAX_VALUE),
                entry("tags", "[\"beta\", 7]", 0, Long.MAX_VALUE), entry("seats", "12", 0, Long.MAX_VALUE),
                entry("old", "null", 5, Long.MAX_VALUE));
        assertTrue(AccountSearch.parse("plan = pro", null).matches(history));
        assertTrue(AccountSearch.parse("PLAN = \"enterprise plus\"", null).matches(history));
        assertTrue(AccountSearch.parse("tags = BETA tags = 7", null).matches(history));
        assertTrue(AccountSearch.parse("seats = 12", null).matches(history));
        assertFalse(AccountSearch.parse("seats = 12.0", null).matches(history));
        assertFalse(AccountSearch.parse("plan = pro region = eu", null).matches(history));
        assertFalse(AccountSearch.parse("old = null", null).matches(history), "an unset value matches nothing");
        assertTrue(AccountSearch.parse("", null).matches(history));
    }

    @Test
    void valuesReadAsSqlReadsThem() throws Exception {
        JsonNode object = JSON.readTree("{\"a\": 1}");
        assertTrue(AccountSearch.valueMatches(object, "{\"a\":1}"));
        assertTrue(AccountSearch.valueMatches(JSON.readTree("true"), "TRUE"));
        assertFalse(AccountSearch.valueMatches(null, ""));
    }
}
