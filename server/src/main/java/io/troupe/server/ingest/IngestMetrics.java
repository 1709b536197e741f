package io.troupe.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The ingest port's meters (Prometheus names): {@code troupe_ingest_events_total{endpoint,result}} with result
 * {@code stored}, {@code duplicate} or {@code rejected}; {@code troupe_ingest_requests_total{endpoint,status}};
 * {@code troupe_http_request_seconds{endpoint,status}}, a latency histogram from the request's arrival to its
 * answer being handed to the socket; {@code troupe_ingest_received_bytes_total{endpoint}}, request bodies.
 * Meters are looked up once per tag combination, not per request.
 */
final class IngestMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request answered: its status, latency and what it stored. */
    void answered(String endpoint, int status, long nanos, IngestResponse response) {
        String statusTag = Integer.toString(status);
        counter("troupe.ingest.requests", "endpoint", endpoint, "status", statusTag, "Ingest requests answered").increment();
        timers.computeIfAbsent(endpoint + ' ' + statusTag, k -> Timer.builder("troupe.http.request")
                        .description("HTTP ingest request latency, from arrival to answer")
                        .tags("endpoint", endpoint, "status", statusTag)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (response != null) {
            events(endpoint, "stored", response.stored());
            events(endpoint, "duplicate", response.duplicates());
            events(endpoint, "rejected", response.rejected());
        }
    }

    /** Body bytes received, counted when a request is complete (or refused as too large, up to the limit). */
    void received(String endpoint, long bytes) {
        if (bytes > 0) {
            counters.computeIfAbsent("bytes " + endpoint, k -> Counter.builder("troupe.ingest.received")
                    .baseUnit("bytes").description("HTTP ingest request body bytes received")
                    .tags("endpoint", endpoint).register(registry)).increment(bytes);
        }
    }

    private void events(String endpoint, String result, long n) {
        if (n > 0) {
            counter("troupe.ingest.events", "endpoint", endpoint, "result", result, "Events and identifies by result")
                    .increment(n);
        }
    }

    private Counter counter(String name, String k1, String v1, String k2, String v2, String description) {
        return counters.computeIfAbsent(name + ' ' + v1 + ' ' + v2,
                k -> Counter.builder(name).description(description).tags(k1, v1, k2, v2).register(registry));
    }
}
