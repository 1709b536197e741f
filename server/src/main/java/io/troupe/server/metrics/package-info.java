/** The server's Micrometer registry, scraped in Prometheus format by the admin port. */
package io.troupe.server.metrics;
