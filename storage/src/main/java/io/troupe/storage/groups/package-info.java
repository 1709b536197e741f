/** Users' user-level group assignments, group property history, and the identify property operations. */
package io.troupe.storage.groups;
