/** The file-system facade every store file goes through (atomic replace, fsync, fault injection in tests). */
package io.troupe.storage.io;
