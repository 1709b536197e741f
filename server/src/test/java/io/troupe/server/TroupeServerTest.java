package io.troupe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.server.config.ServerConfig;
import io.troupe.server.project.Project;
import io.troupe.server.security.UserAccounts;
import io.troupe.storage.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's life: first start, secrets, the data directory lock, loopback rule, restart, projects. */
class TroupeServerTest {
    @TempDir
    Path data;

    private ServerConfig config() {
        return ServerConfig.defaults().withDataDirectory(data).withFreePorts();
    }

    @Test
    void firstStartCreatesTheDefaultProjectUserKeyAndTokenOwnerOnly() throws Exception {
        String key;
        try (TroupeServer server = TroupeServer.start(config())) {
            assertTrue(server.context().state().ready());
            Project project = server.projects().get("default");
            key = project.apiKey();
            assertEquals(64, key.length());
            assertEquals(key, Files.readString(data.resolve("secrets/default.api-key")).strip());
            assertEquals(server.context().adminToken(), Files.readString(data.resolve("secrets/admin.token")).strip());
            for (String file : List.of("default.api-key", "admin.token", "users.json")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secrets/" + file))), file);
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secrets"))));
            assertFalse(Files.readString(data.resolve("secrets/users.json")).contains("\"troupe\" :") && Files
                    .readString(data.resolve("secrets/users.json")).contains("\"password\""), "no plain password on disk");
            assertTrue(server.context().users().authenticate(UserAccounts.DEFAULT_USER, UserAccounts.DEFAULT_PASSWORD));
            assertTrue(server.context().users().defaultPasswordInUse());
            assertTrue(Files.isDirectory(data.resolve("import")));
            assertTrue(server.projects().byApiKey(key).isPresent());
            assertTrue(server.projects().byApiKey(key.substring(1) + "0").isEmpty());
            project.store().ingest(List.of(new Event(1_000L, "Open", "alice", null, null, Map.of(), null, null)));
            // A second server on the same data directory is refused while this one runs.
            TroupeException e = assertThrows(TroupeException.class, () -> TroupeServer.start(config()));
            assertEquals(ErrorCode.DATA_DIRECTORY_IN_USE, e.errorCode());
        }
        try (TroupeServer again = TroupeServer.start(config())) {
            assertEquals(key, again.projects().get("default").apiKey(), "the key survives a restart");
            assertEquals(1, again.projects().get("default").store().rowCount(), "the event survives a restart");
            assertEquals(List.of("default"), again.projects().all().stream().map(Project::name).toList());
        }
    }

    @Test
    void refusesToLeaveLoopbackWithTheDefaultPasswordAndAllowsItOnceChanged() {
        ServerConfig everywhere = config().with(Map.of("bind", "0.0.0.0"));
        TroupeException e = assertThrows(TroupeException.class, () -> TroupeServer.start(everywhere));
        assertEquals(ErrorCode.DEFAULT_PASSWORD_NOT_CHANGED, e.errorCode());
        try (TroupeServer server = TroupeServer.start(config())) {
            server.context().users().setPassword(UserAccounts.DEFAULT_USER, "a long new password");
        }
        try (TroupeServer server = TroupeServer.start(everywhere)) {
            assertTrue(server.context().state().ready());
            assertTrue(server.sqlAddress().getAddress().isAnyLocalAddress(), server.sqlAddress().toString());
        }
    }

    @Test
    void projectsAreCreatedWithTheirOwnKeysAndBadNamesAreRefused() {
        try (TroupeServer server = TroupeServer.start(config())) {
            Project shop = server.projects().create("shop");
            assertNotEquals(server.projects().get("default").apiKey(), shop.apiKey());
            assertEquals("shop", server.projects().byApiKey(shop.apiKey()).orElseThrow().name());
            for (String bad : List.of("Shop", "secrets", "import", "1shop", "a/b", "..", "")) {
                TroupeException e = assertThrows(TroupeException.class, () -> server.projects().create(bad), bad);
                assertEquals(ErrorCode.INVALID_PROJECT_NAME, e.errorCode(), bad);
            }
            assertEquals(ErrorCode.PROJECT_EXISTS,
                    assertThrows(TroupeException.class, () -> server.projects().create("shop")).errorCode());
            String old = shop.apiKey();
            String rotated = server.projects().rotateApiKey("shop");
            assertTrue(server.projects().byApiKey(old).isEmpty(), "the old key stops working");
            assertEquals("shop", server.projects().byApiKey(rotated).orElseThrow().name());
            assertEquals(ErrorCode.UNKNOWN_PROJECT,
                    assertThrows(TroupeException.class, () -> server.projects().get("nope")).errorCode());
        }
        try (TroupeServer again = TroupeServer.start(config())) {
            assertEquals(Set.of("default", "shop"), Set.copyOf(again.projects().all().stream().map(Project::name).toList()));
        }
    }

    @Test
    void userStatementsRunThroughSqlWithPermissions() throws Exception {
        try (TroupeServer server = TroupeServer.start(config())) {
            Project project = server.projects().get("default");
            try (var admin = project.sql().open("troupe")) {
                assertEquals(List.of(List.of("CREATE USER")), admin.rows("CREATE USER analyst PASSWORD 's3cret'"));
            }
            UserAccounts users = server.context().users();
            assertTrue(users.authenticate("analyst", "s3cret"));
            assertFalse(users.isAdmin("analyst"));
            try (var analyst = project.sql().open("analyst")) {
                analyst.rows("ALTER USER analyst PASSWORD 'changed'");
                TroupeException e = assertThrows(TroupeException.class, () -> analyst.rows("ALTER USER troupe PASSWORD 'x'"));
                assertEquals(ErrorCode.PERMISSION_DENIED, e.errorCode());
                e = assertThrows(TroupeException.class, () -> analyst.rows("CREATE USER other PASSWORD 'x'"));
                assertEquals(ErrorCode.PERMISSION_DENIED, e.errorCode());
            }
            assertTrue(users.authenticate("analyst", "changed"));
            assertFalse(users.authenticate("analyst", "s3cret"));
            try (var admin = project.sql().open("troupe")) {
                admin.rows("ALTER USER troupe PASSWORD 'new admin password'");
                assertEquals(ErrorCode.USER_EXISTS,
                        assertThrows(TroupeException.class, () -> admin.rows("CREATE USER analyst PASSWORD 'x'")).errorCode());
                admin.rows("DROP USER analyst");
                assertEquals(ErrorCode.UNKNOWN_USER,
                        assertThrows(TroupeException.class, () -> admin.rows("ALTER USER analyst PASSWORD 'x'")).errorCode());
            }
            assertFalse(users.defaultPasswordInUse());
            assertFalse(users.authenticate("analyst", "changed"));
        }
    }
}
