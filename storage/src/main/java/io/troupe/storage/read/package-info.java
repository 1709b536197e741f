/** Reading the store: consistent snapshots, projected scans as Arrow batches, reference-counted segments. */
package io.troupe.storage.read;
