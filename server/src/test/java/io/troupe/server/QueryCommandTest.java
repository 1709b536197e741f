package io.troupe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {
    @TempDir
    Path dir;

    @Test
    void splitsStatementsOutsideQuotes() {
        assertEquals(List.of("select 'a;b'", "select 2"), QueryCommand.statements(" select 'a;b' ; select 2; "));
    }

    @Test
    void printsTablesAndStopsAtTheFirstErrorWithItsCode() {
        try (EventStore store = EventStore.open(StoreConfig.defaults("p", dir).withExpectedEntries(1000))) {
            store.ingest(List.of(new Event(0L, "Open", "alice", null, null, Map.of("org_id", List.of("acme")), null, null)));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int status = QueryCommand.run(store, "select org_id, count(*) n from events group by org_id; select nope from events; select 1",
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(1, status, out);
            assertTrue(out.contains("org_id | n\n-------+--\nacme   | 1\n(1 row,"), out);
            assertTrue(out.contains("ERROR 2004 (SQLSTATE 42703) UNKNOWN_COLUMN at 1:8"), out);
        }
    }
}
