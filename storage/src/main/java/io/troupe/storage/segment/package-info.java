/** Immutable event segments: Arrow IPC files with LZ4 frames, written sorted by time, read with projection. */
package io.troupe.storage.segment;
