/**
 * Arrow IPC decoding without Arrow's memory modules (they need {@code --add-opens}, which BI tools cannot add):
 * the generated flatbuffer classes of {@code arrow-format} read a message's metadata, and column vectors read
 * validity bitmaps, offsets and values straight from the frame's bytes. Covers the protocol's type mapping.
 */
package io.troupe.jdbc.arrow;
