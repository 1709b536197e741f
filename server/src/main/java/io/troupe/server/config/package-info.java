/** The server settings: defaults, a properties file, command-line flags ({@link io.troupe.server.config.ServerConfig}). */
package io.troupe.server.config;
