/**
 * Getting events into a project from outside: the mapping of Amplitude's HTTP API v2 JSON events to
 * {@link io.troupe.storage.event.Command}s ({@link io.troupe.storage.load.AmplitudeEvents}, used by the HTTP
 * layer and by JSON-lines files), and the bulk file loaders behind {@code bin/troupe load}: CSV/TSV event
 * files with column type inference, Amplitude JSON lines, and group property files.
 *
 * <p>The package owns validation of what users send, with errors that point at the event index or file
 * line, and batching into a {@link io.troupe.storage.event.CommandSink}. It owns no storage: the sink
 * (the event store) decides what is stored, deduplicated and durable.
 *
 * <p>File loaders read a file twice. The first pass validates every line (and infers column types) and
 * sends nothing, so a file with one bad line stores nothing and the error names that line. The second pass
 * streams batches into the sink. Each batch is all or nothing, but a load is not one transaction: if the
 * sink itself fails half way (disk full, store closed), the batches before the failing one stay stored.
 * Give events an {@code insert_id} and a rerun of the same file is then safe: the store drops what it
 * already has as duplicates.
 */
package io.troupe.storage.load;
