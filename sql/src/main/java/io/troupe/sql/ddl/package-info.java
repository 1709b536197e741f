/**
 * The SQL engine's statements that change state outside a query: users ({@link io.troupe.sql.ddl.SqlUserAdmin})
 * and group types ({@link io.troupe.sql.ddl.GroupTypeStatements}); dynamic group properties have their own package,
 * {@code io.troupe.sql.dynamic}.
 */
package io.troupe.sql.ddl;
