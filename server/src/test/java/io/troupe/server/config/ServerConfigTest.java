package io.troupe.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsAreLoopbackAndTheDocumentedPorts() {
        ServerConfig c = ServerConfig.defaults();
        assertEquals("127.0.0.1", c.bind());
        assertEquals(List.of(7430, 7431, 7432), List.of(c.sqlPort(), c.httpPort(), c.adminPort()));
        assertEquals(Path.of("troupe-data"), c.dataDirectory());
        assertEquals(2000, c.maxEventsPerRequest());
        assertEquals(20L << 20, c.maxBodyBytes());
        assertEquals(0, c.eventsPerUserPerSecond());
        assertEquals(183, c.lookupActiveWindowDays());
        assertEquals(60, c.dynamicCheckSeconds());
        assertTrue(c.bindsLoopbackOnly());
        assertEquals(0, c.with(Map.of("dynamic.checkSeconds", "0")).dynamicCheckSeconds());
        assertEquals(5, c.with(Map.of("dynamic.checkSeconds", "5")).withClock(java.time.Clock.systemUTC())
                .dynamicCheckSeconds(), "withClock keeps the other settings");
    }

    @Test
    void theLookupWindowIsASettingOfAtLeastOneDay() {
        assertEquals(30, ServerConfig.defaults().with(Map.of("lookup.activeWindowDays", "30")).lookupActiveWindowDays());
        TroupeException e = assertThrows(TroupeException.class,
                () -> ServerConfig.defaults().with(Map.of("lookup.activeWindowDays", "0")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("lookup.activeWindowDays"), e.getMessage());
    }

    @Test
    void columnarResultsAreOnUnlessTurnedOff() {
        assertTrue(ServerConfig.defaults().columnarResults());
        assertFalse(ServerConfig.defaults().with(Map.of("query.columnarResults", "FALSE")).columnarResults());
        TroupeException e = assertThrows(TroupeException.class,
                () -> ServerConfig.defaults().with(Map.of("query.columnarResults", "no")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("query.columnarResults"), e.getMessage());
    }

    @Test
    void theFileIsReadThenFlagsWin() throws Exception {
        Path file = tmp.resolve("troupe.properties");
        Files.writeString(file, "bind = 10.0.0.5\nsql.port=9000\ningest.eventsPerUserPerSecond=50\nsegment.groupTraits=kind, id\n");
        ServerConfig c = ServerConfig.fromArguments(new String[] {"--config", file.toString(), "--sql-port", "9100", "--data", "/d"});
        assertEquals("10.0.0.5", c.bind());
        assertFalse(c.bindsLoopbackOnly());
        assertEquals(9100, c.sqlPort());
        assertEquals(50, c.eventsPerUserPerSecond());
        assertEquals(List.of("kind", "id"), c.segmentGroupTraits());
        assertEquals(Path.of("/d"), c.dataDirectory());
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedByName() {
        TroupeException e = assertThrows(TroupeException.class, () -> ServerConfig.defaults().with(Map.of("sql.prot", "1")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        assertTrue(e.getMessage().contains("sql.prot"), e.getMessage());
        e = assertThrows(TroupeException.class, () -> ServerConfig.defaults().with(Map.of("http.port", "x")));
        assertTrue(e.getMessage().contains("http.port"), e.getMessage());
        e = assertThrows(TroupeException.class, () -> ServerConfig.defaults().with(Map.of("admin.port", "70000")));
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
        e = assertThrows(TroupeException.class, () -> ServerConfig.defaults().with(Map.of("dynamic.checkSeconds", "-1")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.errorCode());
        e = assertThrows(TroupeException.class, () -> ServerConfig.fromArguments(new String[] {"--config", tmp.resolve("none").toString()}));
        assertEquals(ErrorCode.FILE_NOT_READABLE, e.errorCode());
    }
}
