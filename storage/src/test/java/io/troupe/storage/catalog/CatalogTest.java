package io.troupe.storage.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.io.FileIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    @TempDir
    Path dir;

    @Test
    void groupTypesAreDeclaredWithinTheLimitAndPersisted() {
        Catalog catalog = Catalog.open("p", dir, FileIO.local(), 2, 1000);
        List<GroupType> types = catalog.ensureGroupTypes(List.of("org_id", "account_id", "org_id"), 7);
        assertEquals(List.of(0, 1), types.stream().map(GroupType::id).toList());
        TroupeException e = assertThrows(TroupeException.class, () -> catalog.ensureGroupTypes(List.of("third"), 8));
        assertEquals(ErrorCode.TOO_MANY_GROUP_TYPES, e.errorCode());
        Catalog reopened = Catalog.open("p", dir, FileIO.local(), 2, 1000);
        assertEquals(List.of("org_id", "account_id"), List.copyOf(reopened.state().groupTypeNames()));
    }

    @Test
    void aRefusedChangeDeclaresNothing() throws Exception {
        Catalog catalog = Catalog.open("p", dir, FileIO.local(), 2, 1000);
        catalog.ensureGroupTypes(List.of("a"), 1);
        byte[] before = Files.readAllBytes(dir.resolve(Catalog.FILE_NAME));
        assertThrows(TroupeException.class, () -> catalog.ensureGroupTypes(List.of("b", "c"), 2));
        assertEquals(1, catalog.state().groupTypes().size());
        assertEquals(new String(before), new String(Files.readAllBytes(dir.resolve(Catalog.FILE_NAME))));
    }

    @Test
    void the1001stGroupPropertyNameIsRefused() {
        Catalog catalog = Catalog.open("p", dir, FileIO.local(), 5, 1000);
        List<String> names = new ArrayList<>(IntStream.range(0, 1000).mapToObj(i -> "p" + i).toList());
        catalog.ensureGroupPropertyNames(names);
        catalog.ensureGroupPropertyNames(List.of("p5")); // known names are free
        TroupeException e = assertThrows(TroupeException.class, () -> catalog.ensureGroupPropertyNames(List.of("p1000")));
        assertEquals(ErrorCode.TOO_MANY_GROUP_PROPERTIES, e.errorCode());
        assertEquals(1000, Catalog.open("p", dir, FileIO.local(), 5, 1000).state().groupPropertyNames().size());
    }

    @Test
    void invalidNamesAreRefused() {
        Catalog catalog = Catalog.open("p", dir, FileIO.local(), 5, 1000);
        for (String bad : List.of("", "$org", "a\nb", "x".repeat(65))) {
            TroupeException e = assertThrows(TroupeException.class, () -> catalog.ensureGroupTypes(List.of(bad), 1));
            assertEquals(ErrorCode.INVALID_GROUP_TYPE_NAME, e.errorCode());
        }
        catalog.ensureGroupTypes(List.of("org id"), 1); // spaces are fine: SQL quotes the identifier
    }

    @Test
    void droppedTypesKeepTheirIdAndANewTypeGetsAFreshOne() {
        Catalog catalog = Catalog.open("p", dir, FileIO.local(), 5, 1000);
        catalog.ensureGroupTypes(List.of("org_id"), 1);
        catalog.dropGroupType("org_id");
        assertEquals(0, catalog.state().groupTypes().size());
        assertEquals("org_id", catalog.state().groupTypeById(0).name());
        assertEquals(1, catalog.createGroupType("org_id", 2).id());
        assertThrows(TroupeException.class, () -> catalog.dropGroupType("nope"));
    }
}
