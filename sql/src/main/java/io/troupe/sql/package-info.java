/** The SQL dialect over the event store (Calcite); the SQL engine issue fills it. */
package io.troupe.sql;
