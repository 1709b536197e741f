/** The project catalog: group types and group property names within the project's limits. */
package io.troupe.storage.catalog;
