/** The ingest path: validation and resolution of commands, their WAL encoding, and their columnar encoding. */
package io.troupe.storage.ingest;
