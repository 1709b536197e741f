package io.troupe.server.project;

import io.troupe.sql.SqlEngine;
import io.troupe.storage.EventStore;

/**
 * One open project: its store, its SQL engine (sessions are opened per connection) and its ingest API key.
 *
 * @param name   the project name, also its folder under the data directory
 * @param store  the project's event store, open for the server's lifetime
 * @param sql    the SQL engine over the store
 * @param apiKey the key ingest requests for this project must carry
 */
public record Project(String name, EventStore store, SqlEngine sql, String apiKey) {
    Project withApiKey(String key) {
        return new Project(name, store, sql, key);
    }
}
