/** Insert-id deduplication over a time window, checkpointed with each flush and rebuilt from the WAL. */
package io.troupe.storage.dedup;
