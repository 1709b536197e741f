package io.troupe.sql.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.SqlOptions;
import io.troupe.sql.SqlSession;
import io.troupe.sql.testing.TestProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IMPORT COHORT: the file format (BOM, CRLF, one trailing newline), each bad file refused with its line and nothing
 * created, the limits, and every way out of the import folder refused.
 */
class CohortImportTest {
    @TempDir
    Path dir;
    private Path folder;
    private TestProject project;
    private SqlSession sql;

    @BeforeEach
    void open() throws IOException {
        folder = Files.createDirectories(dir.resolve("import").resolve("test"));
        project = new TestProject(dir.resolve("store"), SqlOptions.defaults().withImportFolder(folder)
                .withImportLimits(5, 64), c -> c);
        sql = project.session();
    }

    @AfterEach
    void close() {
        project.close();
    }

    private void file(String name, byte[] content) throws IOException {
        Files.write(folder.resolve(name), content);
    }

    private void file(String name, String content) throws IOException {
        file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private List<List<Object>> members(String cohort) {
        return sql.rows("SELECT member_value FROM cohort_members WHERE cohort = ? ORDER BY 1", cohort);
    }

    private TroupeException refused(String fileName) {
        TroupeException e = assertThrows(TroupeException.class,
                () -> sql.rows("IMPORT COHORT bad FROM '" + fileName.replace("'", "''") + "'"));
        assertTrue(sql.rows("SELECT name FROM cohorts").isEmpty(), "nothing was created: " + e.getMessage());
        return e;
    }

    private void assertLine(TroupeException e, ErrorCode code, int line, String what) {
        assertEquals(code, e.errorCode(), e.getMessage());
        assertTrue(e.getMessage().contains("line " + line + ":") && e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void aBomCrlfDuplicatesAndOneTrailingNewlineAreFine() throws IOException {
        file("ok.txt", "\uFEFFacme\r\nbeta\r\nacme\r\n");
        sql.rows("IMPORT COHORT ok FROM 'ok.txt'");
        assertEquals(List.of(List.of("acme"), List.of("beta")), members("ok"));
        file("last.txt", "x y\nz"); // no newline at the end; spaces inside a value are kept
        sql.rows("IMPORT COHORT last FROM 'last.txt'");
        assertEquals(List.of(List.of("x y"), List.of("z")), members("last"));
        assertEquals(List.of(List.of("imported", "ok.txt", 2L)),
                sql.rows("SELECT kind, definition, member_count FROM cohorts WHERE name = 'ok'"));
    }

    @Test
    void badLinesAreRefusedWithTheirLineNumber() throws IOException {
        file("empty-line.txt", "a\n\nb\n");
        assertLine(refused("empty-line.txt"), ErrorCode.MALFORMED_FILE, 2, "an empty line");
        file("blank-line.txt", "a\n  \t\nb\n");
        assertLine(refused("blank-line.txt"), ErrorCode.MALFORMED_FILE, 2, "an empty line");
        file("two-newlines.txt", "a\nb\n\n");
        assertLine(refused("two-newlines.txt"), ErrorCode.MALFORMED_FILE, 3, "an empty line");
        file("comma.txt", "a\nb\nc,d\n");
        assertLine(refused("comma.txt"), ErrorCode.MALFORMED_FILE, 3, "no CSV");
        file("latin1.txt", new byte[] {'a', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertLine(refused("latin1.txt"), ErrorCode.MALFORMED_FILE, 2, "not UTF-8");
        file("empty.txt", "");
        assertLine(refused("empty.txt"), ErrorCode.MALFORMED_FILE, 1, "empty");
    }

    @Test
    void filesPastTheLimitsAreRefused() throws IOException {
        file("five.txt", "1\n2\n3\n4\n5\n"); // exactly the 5-line limit
        sql.rows("IMPORT COHORT five FROM 'five.txt'");
        sql.rows("DROP COHORT five");
        file("six.txt", "1\n2\n3\n4\n5\n6\n");
        TroupeException lines = refused("six.txt");
        assertLine(lines, ErrorCode.IMPORT_FILE_TOO_LARGE, 6, "5 lines");
        file("big.txt", "a".repeat(40) + "\n" + "b".repeat(40) + "\n");
        assertLine(refused("big.txt"), ErrorCode.IMPORT_FILE_TOO_LARGE, 2, "64 bytes");
    }

    @Test
    void namesThatLeaveTheFolderAreRefused() throws IOException {
        Files.writeString(dir.resolve("outside.txt"), "secret\n");
        Files.createDirectories(folder.resolve("a"));
        for (String name : List.of("../x", "../../outside.txt", "/etc/passwd", "a/../../x", "a/../../../outside.txt",
                "..\\outside.txt", "C:/x")) {
            assertEquals(ErrorCode.PATH_OUTSIDE_FOLDER, refused(name).errorCode(), name);
        }
        Files.createSymbolicLink(folder.resolve("link.txt"), dir.resolve("outside.txt"));
        Files.createSymbolicLink(folder.resolve("linked-dir"), dir);
        assertEquals(ErrorCode.PATH_OUTSIDE_FOLDER, refused("link.txt").errorCode());
        assertEquals(ErrorCode.PATH_OUTSIDE_FOLDER, refused("linked-dir/outside.txt").errorCode());
        TroupeException message = refused("../x");
        assertTrue(message.getMessage().contains("import/test") && !message.getMessage().contains(dir.toString()),
                "the folder is named as users know it, not by the server's path: " + message.getMessage());
        // a file in a sub-folder is inside
        Files.writeString(folder.resolve("a").resolve("in.txt"), "u1\n");
        sql.rows("IMPORT COHORT sub FROM 'a/in.txt'");
        assertEquals(List.of(List.of("u1")), members("sub"));
    }

    @Test
    void anEngineWithoutImportFolderRefusesImports() {
        try (TestProject plain = new TestProject(dir.resolve("plain"))) {
            TroupeException e = assertThrows(TroupeException.class,
                    () -> plain.session().rows("IMPORT COHORT c FROM 'x.txt'"));
            assertEquals(ErrorCode.IMPORT_NOT_CONFIGURED, e.errorCode());
        }
    }
}
