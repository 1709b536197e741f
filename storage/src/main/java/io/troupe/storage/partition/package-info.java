/** Time partitions, their manifests and the store checkpoint. */
package io.troupe.storage.partition;
