/** The in-memory tail of acknowledged events not yet flushed to segments. */
package io.troupe.storage.tail;
