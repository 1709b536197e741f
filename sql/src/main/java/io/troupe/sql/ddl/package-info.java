/** The SQL engine's statements that change state outside a query (users; later cohorts and group types). */
package io.troupe.sql.ddl;
