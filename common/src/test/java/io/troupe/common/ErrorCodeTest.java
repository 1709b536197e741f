package io.troupe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    @Test
    void codesAreUniqueInTheirRangesWithValidSqlStates() {
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(seen.add(code.code()), "duplicate code " + code.code());
            assertTrue(code.code() >= 1000 && code.code() < 6000, code.name());
            assertEquals(5, code.sqlState().length(), code.name());
            assertTrue(code.sqlState().matches("[0-9A-Z]{5}"), code.name());
            assertEquals(code.code() < 5000, code.isUserError());
        }
    }

    @Test
    void everyCodeIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "errors.md"));
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(docs.contains("| " + code.code() + " | " + code.name() + " | " + code.sqlState() + " |"),
                    code.name() + " is missing from docs/errors.md");
        }
    }

    @Test
    void theExceptionCarriesCodeAndMessage() {
        TroupeException e = new TroupeException(ErrorCode.TOO_MANY_GROUP_TYPES, "default", 5);
        assertEquals(ErrorCode.TOO_MANY_GROUP_TYPES, e.errorCode());
        assertTrue(e.getMessage().startsWith("Project 'default' already has 5 group types"));
        assertTrue(e.toString().startsWith("TOO_MANY_GROUP_TYPES (3001, SQLSTATE 54000)"));
    }
}
