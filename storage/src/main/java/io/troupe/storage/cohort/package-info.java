/**
 * Saved cohorts of a project: their definitions ({@code cohorts/cohorts.json}) and the member lists of static and
 * imported cohorts ({@code cohorts/<n>.members}), each file replaced atomically. What a cohort means and how its
 * members are computed belongs to the SQL engine ({@code io.troupe.sql.cohort}); this package only keeps them.
 */
package io.troupe.storage.cohort;
