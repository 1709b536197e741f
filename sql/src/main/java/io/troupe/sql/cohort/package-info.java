/**
 * Cohorts in SQL (docs/cohorts.md): the statements (CREATE [STATIC] COHORT, IMPORT COHORT, DROP COHORT), the import
 * of member files from the project's import folder, the evaluation of a cohort's members once per statement, the
 * membership test {@code x IN COHORT c} / {@code IN_COHORT(x, 'c')} (checked when the statement is converted, pushed
 * into Troupe's scan as a predicate on dictionary ids, or evaluated per row), and the tables {@code cohorts} and
 * {@code cohort_members}. Definitions and stored members are kept by {@code io.troupe.storage.cohort}.
 */
package io.troupe.sql.cohort;
