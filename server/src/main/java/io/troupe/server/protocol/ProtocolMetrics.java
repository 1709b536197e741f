package io.troupe.server.protocol;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The native protocol's meters: {@code troupe_sql_connections} (open now), {@code troupe_sql_queries_seconds}
 * (a histogram by {@code outcome}: ok, error, cancelled, timeout, disconnected), {@code troupe_sql_rows_total}
 * and {@code troupe_sql_result_bytes_total} (rows and frame bytes of results sent), {@code troupe_sql_columnar_results_total}
 * (results whose rows came from the scan's columns instead of JDBC rows).
 */
final class ProtocolMetrics {
    /** How a query ended, the {@code outcome} tag of the latency histogram. */
    enum Outcome { OK, ERROR, CANCELLED, TIMEOUT, DISCONNECTED }

    private final AtomicInteger connections = new AtomicInteger();
    private final Timer[] queries = new Timer[Outcome.values().length];
    private final Counter rows;
    private final Counter bytes;
    private final Counter columnar;

    ProtocolMetrics(MeterRegistry registry) {
        Gauge.builder("troupe.sql.connections", connections, AtomicInteger::get)
                .description("Open native-protocol connections").register(registry);
        for (Outcome o : Outcome.values()) {
            queries[o.ordinal()] = Timer.builder("troupe.sql.queries").description("Statements run over the native protocol")
                    .tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT)).publishPercentileHistogram().register(registry);
        }
        rows = Counter.builder("troupe.sql.rows").description("Result rows sent").register(registry);
        bytes = Counter.builder("troupe.sql.result.bytes").description("Bytes of result frames sent").register(registry);
        columnar = Counter.builder("troupe.sql.columnar.results")
                .description("Results produced from a plain scan's columns instead of JDBC rows").register(registry);
    }

    void columnarResult() {
        columnar.increment();
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    void queryEnded(Outcome outcome, long nanos) {
        queries[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    void sent(long frameBytes, int resultRows) {
        bytes.increment(frameBytes);
        rows.increment(resultRows);
    }
}
