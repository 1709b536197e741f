/** The projects of a data directory, each an open store, SQL engine and ingest API key. */
package io.troupe.server.project;
