package io.troupe.storage.durability;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreTestSupport;
import io.troupe.storage.event.Event;
import io.troupe.storage.event.IngestResult;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The process {@link CrashTest} kills: opens a store and ingests seeded batches from several threads (so
 * their fsyncs are shared: group commit) until it is killed; thread 0 also flushes after every few of its
 * batches while the others keep ingesting, so kills land in flushes too. Protocol on
 * stdout, one line each, flushed: {@code READY} once the store is open; {@code S <thread> <batch> $} before
 * a batch is sent; {@code A <thread> <batch> <insert ids...> $} once its ingest call returned
 * (acknowledged). A batch's events are {@link #batch}{@code (seed, thread, batch)}, so the test rebuilds
 * them to send them again.
 *
 * <p>Usage: {@code CrashWriter <store dir> <seed> <threads> <thread 0 flushes every n of its batches>
 * <WAL fsync period in ms, 0: group commit> <WAL file size>}.
 */
public final class CrashWriter {
    /** Stdout with a buffer large enough for any line, so that each line is one write() (System.out's is 128 bytes). */
    private static final PrintStream OUT = new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);

    private CrashWriter() {
    }

    /** Batch {@code number} of {@code thread}: 1 to 20 events over 4 days, insert ids {@code t<thread>-b<number>-<i>}. */
    static List<Event> batch(long seed, int thread, int number) {
        Random random = new Random(seed * 1_000_003L + thread * 65_537L + number);
        return Durability.batch("t" + thread + "-b" + number, 1 + random.nextInt(20), random, 4);
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        int flushEvery = Integer.parseInt(args[3]);
        long syncEveryMillis = Long.parseLong(args[4]);
        long walFileBytes = Long.parseLong(args[5]);
        EventStore store = EventStore.open(StoreTestSupport.config(dir).withWalSyncEveryMillis(syncEveryMillis)
                .withWalFileBytes(walFileBytes));
        print("READY");
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers[t] = new Thread(() -> {
                for (int number = 0; number < 100_000; number++) {
                    List<Event> events = batch(seed, thread, number);
                    print("S " + thread + " " + number + " $");
                    IngestResult result = store.ingest(events);
                    if (result.eventsStored() != events.size()) {
                        print("ERROR batch " + thread + " " + number + " stored " + result);
                    }
                    StringBuilder line = new StringBuilder("A ").append(thread).append(' ').append(number);
                    events.forEach(e -> line.append(' ').append(e.insertId()));
                    print(line.append(" $").toString());
                    if (thread == 0 && number % flushEvery == flushEvery - 1) {
                        store.flush();
                    }
                }
            }, "writer-" + t);
            writers[t].setUncaughtExceptionHandler((dead, e) -> print("ERROR in " + dead.getName() + ": " + e));
            writers[t].start();
        }
        for (Thread w : writers) {
            w.join();
        }
        store.close();
        print("DONE");
    }

    private static void print(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }
}
