/** Growable, append-only primitive columns: the in-memory form of events (tail, segment rewrites). */
package io.troupe.storage.columns;
