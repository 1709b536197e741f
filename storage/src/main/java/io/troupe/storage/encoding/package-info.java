/** Binary encodings shared by the WAL, the tail and the segments: varints, strings, properties. */
package io.troupe.storage.encoding;
