package io.troupe.bench.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.bench.storage.Scratch;
import io.troupe.server.TroupeServer;
import io.troupe.server.config.ServerConfig;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.event.Command;
import io.troupe.storage.load.AmplitudeEvents;
import io.troupe.testing.generator.B2bGenerator;
import io.troupe.testing.generator.GeneratedCommand;
import io.troupe.testing.generator.GeneratedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP ingest throughput with durable acknowledgements: generated B2B events (seed 42) in batches of 1,000 items, posted
 * to {@code /2/httpapi} of a real server on loopback by 1, 2, 4 and 8 keep-alive clients. Reports events/s and
 * request latency (p50, p99), and in the same run the two layers under HTTP on the same data: decoding and mapping
 * alone (JSON tree, then Amplitude rules; one thread) and {@code EventStore.ingest} alone (mapped batches, as many
 * writers as clients), so that the cost of each shows.
 *
 * <p>Each level runs on a fresh server (fresh data directory); the first fifth of the batches is sent untimed, so
 * the dictionaries hold most users and values; one whole untimed level before the first lets the JIT compile the
 * path. Every event sent must be stored:
 * the run checks the store's row count. Usage ({@code benchmarks/run-http-ingest.sh} builds and runs it):
 * {@code HttpIngestBench [--events N] [--clients 1,2,4,8] [--ingest-threads T] [--batch 1000] [--days D]}.
 */
public final class HttpIngestBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One level's figures. */
    record Result(int clients, long events, double seconds, double p50Millis, double p99Millis, double maxMillis) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    /** The generated data: each batch's events as a JSON array, and how many of its items are events. */
    record Batches(List<byte[]> arrays, int[] items, int[] events) {
        long events(int from, int to) {
            long n = 0;
            for (int i = from; i < to; i++) {
                n += events[i];
            }
            return n;
        }

        long items(int from, int to) {
            long n = 0;
            for (int i = from; i < to; i++) {
                n += items[i];
            }
            return n;
        }
    }

    private HttpIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(option(args, "--events", "1000000"));
        int batch = Integer.parseInt(option(args, "--batch", "1000"));
        int days = Integer.parseInt(option(args, "--days", "30"));
        int[] clients = Arrays.stream(option(args, "--clients", "1,2,4,8").split(",")).mapToInt(Integer::parseInt).toArray();
        String ingestThreads = option(args, "--ingest-threads", null);
        run(events, batch, days, clients, ingestThreads == null ? 0 : Integer.parseInt(ingestThreads), System.out);
    }

    /** Runs every level and prints the table; returns the HTTP results. */
    static List<Result> run(long events, int batch, int days, int[] clientCounts, int ingestThreads, PrintStream out)
            throws Exception {
        long started = System.nanoTime();
        Batches data = generate(events, batch, days);
        int warm = Math.max(1, data.arrays().size() / 5);
        long timedEvents = data.events(warm, data.arrays().size());
        long timedItems = data.items(warm, data.arrays().size());
        out.printf("Generated %d batches (%,d items, %,d events) in %.1f s; %d batches untimed per level, %,d items timed%n",
                data.arrays().size(), data.items(0, data.arrays().size()), data.events(0, data.arrays().size()),
                (System.nanoTime() - started) / 1e9, warm, timedItems);
        double[] decode = decodeAndMap(data, warm);
        out.printf("Decode and map alone (one thread): JSON tree %,.0f items/s, tree + Amplitude mapping %,.0f items/s%n",
                decode[0], decode[1]);

        // One whole level untimed first: on a cold JVM the first level measured half the rate of the same level
        // run again, however many of its own batches were untimed (the JIT was still compiling the server's path).
        int warmClients = Arrays.stream(clientCounts).max().orElse(1);
        http(data, warm, warmClients, ingestThreads);
        storeAlone(data, warm, warmClients);
        out.printf("(JIT warm-up: one untimed level of %d clients, HTTP and store alone)%n", warmClients);

        List<Result> results = new ArrayList<>();
        out.println();
        out.println("| clients | HTTP events/s | p50 ms | p99 ms | max ms | store alone events/s (same writers) |");
        out.println("|---:|---:|---:|---:|---:|---:|");
        for (int c : clientCounts) {
            Result http = http(data, warm, c, ingestThreads);
            double store = storeAlone(data, warm, c);
            results.add(http);
            out.printf("| %d | %,.0f | %.1f | %.1f | %.1f | %,.0f |%n", c, http.eventsPerSecond(), http.p50Millis(),
                    http.p99Millis(), http.maxMillis(), store);
        }
        out.printf("%nItems are events, $identify and $groupidentify; events/s counts all items (%,d timed per level,"
                + " of which %,d events).%n", timedItems, timedEvents);
        return results;
    }

    /**
     * Generates the B2B stream as JSON arrays of {@code batch} items each: its events with the identifies and group
     * changes between them (Amplitude's limit counts them all; the stream starts with the population's identifies).
     */
    static Batches generate(long events, int batch, int days) throws IOException {
        B2bGenerator generator = new B2bGenerator(B2bGenerator.Config.builder().seed(42).targetEvents(events).days(days)
                .build());
        JsonFactory factory = JSON.getFactory();
        List<byte[]> arrays = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        List<Integer> eventCounts = new ArrayList<>();
        Iterator<GeneratedCommand> it = generator.iterator();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        while (it.hasNext()) {
            bytes.reset();
            int n = 0;
            int e = 0;
            try (JsonGenerator json = factory.createGenerator(bytes)) {
                json.writeStartArray();
                while (n < batch && it.hasNext()) {
                    GeneratedCommand command = it.next();
                    command.writeAmplitudeJson(json);
                    n++;
                    if (command instanceof GeneratedEvent) {
                        e++;
                    }
                }
                json.writeEndArray();
            }
            arrays.add(bytes.toByteArray());
            items.add(n);
            eventCounts.add(e);
        }
        return new Batches(arrays, items.stream().mapToInt(Integer::intValue).toArray(),
                eventCounts.stream().mapToInt(Integer::intValue).toArray());
    }

    static byte[] body(String apiKey, byte[] eventsArray) {
        byte[] head = ("{\"api_key\":\"" + apiKey + "\",\"events\":").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + eventsArray.length + 1];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(eventsArray, 0, body, head.length, eventsArray.length);
        body[body.length - 1] = '}';
        return body;
    }

    /** Items/s of parsing the timed bodies into trees, and of parsing and mapping them; one thread, after a warm-up pass. */
    static double[] decodeAndMap(Batches data, int from) throws IOException {
        AmplitudeEvents mapper = AmplitudeEvents.forGroupTypes(Set.of("org_id"));
        long items = data.items(from, data.arrays().size());
        double[] rates = new double[2];
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
            long t0 = System.nanoTime();
            for (int i = from; i < data.arrays().size(); i++) {
                JSON.readTree(body("k", data.arrays().get(i)));
            }
            long t1 = System.nanoTime();
            for (int i = from; i < data.arrays().size(); i++) {
                mapper.toCommands(JSON.readTree(body("k", data.arrays().get(i))).get("events"), 0);
            }
            long t2 = System.nanoTime();
            rates[0] = items / ((t1 - t0) / 1e9);
            rates[1] = items / ((t2 - t1) / 1e9);
        }
        return rates;
    }

    /** The timed batches posted by {@code clients} keep-alive connections to a fresh server. */
    static Result http(Batches data, int warm, int clients, int ingestThreads) throws Exception {
        Path dir = Scratch.newDirectory("http-ingest");
        ServerConfig config = ServerConfig.defaults().withDataDirectory(dir).withFreePorts();
        if (ingestThreads > 0) {
            config = config.with(Map.of("ingest.threads", Integer.toString(ingestThreads)));
        }
        try (TroupeServer server = TroupeServer.start(config)) {
            String key = server.projects().get("default").apiKey();
            List<byte[]> requests = new ArrayList<>(data.arrays().size());
            for (byte[] array : data.arrays()) {
                requests.add(LoopbackClient.request("/2/httpapi", body(key, array)));
            }
            send(server, requests, 0, warm, clients, null);
            long[] latencies = new long[requests.size() - warm];
            long t0 = System.nanoTime();
            send(server, requests, warm, requests.size(), clients, latencies);
            double seconds = (System.nanoTime() - t0) / 1e9;
            EventStore store = server.projects().get("default").store();
            long expected = data.events(0, data.arrays().size());
            if (store.rowCount() != expected) {
                throw new IllegalStateException("stored " + store.rowCount() + " events of " + expected + " sent");
            }
            Arrays.sort(latencies);
            return new Result(clients, data.items(warm, data.arrays().size()), seconds, percentile(latencies, 0.50),
                    percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
        } finally {
            Scratch.delete(dir);
        }
    }

    private static void send(TroupeServer server, List<byte[]> requests, int from, int to, int clients, long[] latencies)
            throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    try (LoopbackClient client = new LoopbackClient(server.httpAddress())) {
                        for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                            long t = System.nanoTime();
                            client.send(requests.get(i));
                            if (latencies != null) {
                                latencies[i - from] = System.nanoTime() - t;
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Events/s of {@code EventStore.ingest} alone over the same batches, mapped beforehand, by {@code writers} threads. */
    static double storeAlone(Batches data, int warm, int writers) throws Exception {
        AmplitudeEvents mapper = AmplitudeEvents.forGroupTypes(Set.of("org_id"));
        List<List<Command>> mapped = new ArrayList<>(data.arrays().size());
        for (byte[] array : data.arrays()) {
            JsonNode events = JSON.readTree(array);
            mapped.add(mapper.toCommands(events, 0));
        }
        Path dir = Scratch.newDirectory("store-ingest");
        try (EventStore store = EventStore.open(StoreConfig.defaults("default", dir))) {
            for (int i = 0; i < warm; i++) {
                store.ingest(mapped.get(i));
            }
            AtomicInteger next = new AtomicInteger(warm);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            long t0 = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    done.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < mapped.size(); i = next.getAndIncrement()) {
                            store.ingest(mapped.get(i));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            return data.items(warm, data.arrays().size()) / ((System.nanoTime() - t0) / 1e9);
        } finally {
            Scratch.delete(dir);
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
