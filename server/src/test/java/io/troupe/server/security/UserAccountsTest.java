package io.troupe.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserAccountsTest {
    @TempDir
    Path data;

    @Test
    void passwordsAreCheckedAgainstSaltedHashesAndTheDefaultIsMarked() throws Exception {
        UserAccounts users = UserAccounts.open(Secrets.open(data));
        assertTrue(users.authenticate("troupe", "troupe"));
        assertFalse(users.authenticate("troupe", "Troupe"));
        assertFalse(users.authenticate("nobody", "troupe"));
        assertFalse(users.authenticate("troupe", null));
        assertTrue(users.defaultPasswordInUse());
        users.create("bob", "pw", false);
        String file = Files.readString(data.resolve("secrets/users.json"));
        assertFalse(file.contains("\"pw\""), file);
        assertEquals(List.of("bob", "troupe"), users.names());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(TroupeException.class, () -> users.create("b c", "x", false)).errorCode());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(TroupeException.class, () -> users.create("carl", "", false)).errorCode());
        assertEquals(ErrorCode.PERMISSION_DENIED, assertThrows(TroupeException.class, () -> users.drop("troupe")).errorCode(),
                "the last admin stays");
        users.setPassword("troupe", "better");
        assertFalse(users.defaultPasswordInUse());
        UserAccounts reopened = UserAccounts.open(Secrets.open(data));
        assertTrue(reopened.authenticate("troupe", "better"));
        assertTrue(reopened.authenticate("bob", "pw"));
    }

    @Test
    void aChangeByAnotherProcessIsSeenAtOnce() throws Exception {
        UserAccounts server = UserAccounts.open(Secrets.open(data));
        UserAccounts command = UserAccounts.open(Secrets.open(data));
        command.create("eve", "pw", false);
        Path file = data.resolve("secrets/users.json");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1000));
        assertTrue(server.authenticate("eve", "pw"));
    }
}
