/**
 * The account look-up (docs/account-lookup.md): the search syntax of Amplitude's account look-up
 * ({@link io.troupe.sql.lookup.AccountSearch}), the table functions {@code GROUP_SEARCH} and {@code GROUP_ACTIVITY}
 * ({@link io.troupe.sql.lookup.LookupFunctions}), the per-group activity figures that {@code group_profiles} shares
 * ({@link io.troupe.sql.lookup.GroupActivityStats}), and the check of the functions' literal arguments with their SQL
 * positions ({@link io.troupe.sql.lookup.LookupCalls}).
 */
package io.troupe.sql.lookup;
