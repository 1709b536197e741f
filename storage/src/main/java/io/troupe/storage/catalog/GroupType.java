package io.troupe.storage.catalog;

/**
 * A declared group type of a project (e.g. {@code org_id}). The numeric id is what storage files use, so
 * a name can be dropped and its stored data still be read; ids are never reused.
 */
public record GroupType(int id, String name, long createdAt) {
}
