/**
 * The project as a SQL schema: the {@code events} table (its columns per catalog state, a scan Troupe's rules
 * can take over) and the metadata tables computed from the store (profiles, property history, users).
 */
package io.troupe.sql.schema;
