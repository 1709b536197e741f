/** The write-ahead log: CRC32C-checked records, group commit, replay that stops at the first torn record. */
package io.troupe.storage.wal;
