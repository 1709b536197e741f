package io.troupe.storage.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.common.TroupeException;
import io.troupe.storage.EventStore;
import io.troupe.storage.StoreTestSupport;
import io.troupe.storage.event.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it ingests (a cancelled request, an executor shutting down) must not break
 * the store for everyone: a {@link java.nio.channels.FileChannel} closes itself when a thread blocked in it
 * (or entering it with its interrupt flag set) is interrupted, and a closed WAL file fails the store. The
 * interrupted call itself may fail or succeed (its outcome is unknown to the caller, as after a timeout),
 * but its batch is then stored whole or not at all, and every acknowledged batch exactly once.
 */
class InterruptedWriterTest {
    @TempDir
    Path dir;

    @Test
    void anIngestEnteredWithTheInterruptFlagSetDoesNotFailTheStore() {
        Random random = new Random(Durability.seed("InterruptedWriterTest.flagSet"));
        List<Event> acknowledged = new ArrayList<>();
        List<List<Event>> unknown = new ArrayList<>();
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            List<Event> first = Durability.batch("first", 3, random, 3);
            store.ingest(first);
            acknowledged.addAll(first);
            List<Event> interrupted = Durability.batch("interrupted", 3, random, 3);
            Thread.currentThread().interrupt();
            try {
                store.ingest(interrupted);
                acknowledged.addAll(interrupted);
            } catch (TroupeException e) {
                unknown.add(interrupted);
            } finally {
                Thread.interrupted();
            }
            List<Event> after = Durability.batch("after", 3, random, 3);
            store.ingest(after); // throws STORAGE_FAILED if the interrupt closed the WAL file
            acknowledged.addAll(after);
            store.flush();
            check(store, acknowledged, unknown, "after the interrupt");
        }
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            check(store, acknowledged, unknown, "after restart");
        }
    }

    /** Writers interrupted at random moments (in a write, an fsync, a group-commit wait) while others carry on. */
    @Test
    void writersInterruptedAtRandomMomentsDoNotFailTheStore() throws Exception {
        long seed = Durability.seed("InterruptedWriterTest.random");
        Random random = new Random(seed);
        List<Event> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<List<Event>> unknown = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> storeFailures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            // The first batch opens the dictionaries (see aFailureWhileEncodingALoggedBatchLeavesTheTailAligned).
            List<Event> first = Durability.batch("first", 3, random, 3);
            store.ingest(first);
            acknowledged.addAll(first);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                long threadSeed = random.nextLong();
                writers.add(new Thread(() -> {
                    Random r = new Random(threadSeed);
                    for (int b = 0; !stop.get(); b++) {
                        List<Event> batch = Durability.batch("w" + thread + "-" + b, 1 + r.nextInt(5), r, 3);
                        try {
                            store.ingest(batch);
                            acknowledged.addAll(batch);
                        } catch (TroupeException e) {
                            unknown.add(batch);
                            if (e.errorCode() == io.troupe.common.ErrorCode.STORAGE_FAILED) {
                                storeFailures.add(e);
                                return;
                            }
                        } finally {
                            Thread.interrupted();
                        }
                    }
                }, "writer-" + t));
            }
            writers.forEach(Thread::start);
            long end = System.nanoTime() + 400_000_000L;
            int interrupts = 0;
            while (System.nanoTime() < end && storeFailures.isEmpty()) {
                writers.get(random.nextInt(writers.size())).interrupt();
                interrupts++;
                Thread.sleep(0, 200_000);
            }
            stop.set(true);
            for (Thread w : writers) {
                w.join(30_000);
            }
            String context = "seed " + seed + ", " + interrupts + " interrupts, " + unknown.size() + " calls failed";
            assertEquals(List.of(), storeFailures, context + ": the store failed");
            List<Event> last = Durability.batch("last", 3, random, 3);
            store.ingest(last);
            acknowledged.addAll(last);
            store.flush();
            check(store, acknowledged, unknown, context);
        }
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            check(store, acknowledged, unknown, "seed " + seed + ", after restart");
        }
    }

    /**
     * The dictionaries are Chronicle Map files opened on first use, inside the ingest call that first needs
     * them, after the batch is in the WAL; an interrupt makes that open fail (Chronicle's own file channels
     * close on interrupt). The failed call must leave the tail as it was, and later batches must be stored
     * with their own times and users.
     */
    // Regression (was a bug): EventStore.ingest appends the WAL record, then apply() -> EventEncoder.append adds
    // the event time to the tail before looking up dictionary ids; when a lookup throws (here: the dictionary's
    // open fails on an interrupt) the time column keeps one value more than the others, so every later row of that
    // tail reads its neighbour's time (and a flush writes the wrong times into segments), while the caller is told
    // the batch failed although its record is in the WAL and comes back after restart
    @Test
    void aFailureWhileEncodingALoggedBatchLeavesTheTailAligned() {
        Random random = new Random(Durability.seed("InterruptedWriterTest.encodeFailure"));
        List<Event> acknowledged = new ArrayList<>();
        List<List<Event>> unknown = new ArrayList<>();
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            // Without groups, so that no catalog change comes first: the dictionaries are the first files written.
            List<Event> interrupted = new ArrayList<>();
            for (Event e : Durability.batch("interrupted", 3, random, 3)) {
                interrupted.add(new Event(e.time(), e.eventType(), e.userId(), null, e.insertId(), Map.of(), null, null));
            }
            Thread.currentThread().interrupt();
            try {
                store.ingest(interrupted);
                acknowledged.addAll(interrupted);
            } catch (RuntimeException e) {
                unknown.add(interrupted);
                System.out.println("InterruptedWriterTest.encodeFailure: the interrupted first ingest failed: " + e);
            } finally {
                Thread.interrupted();
            }
            List<Event> after = Durability.batch("after", 3, random, 3);
            store.ingest(after);
            acknowledged.addAll(after);
            check(store, acknowledged, unknown, "after the interrupted first ingest");
        }
        try (EventStore store = EventStore.open(StoreTestSupport.config(dir))) {
            check(store, acknowledged, unknown, "after restart");
        }
    }

    private static void check(EventStore store, List<Event> acknowledged, List<List<Event>> unknown, String context) {
        Map<String, Integer> counts = Durability.insertIdCounts(store);
        List<Event> expected = new ArrayList<>(acknowledged);
        synchronized (unknown) {
            for (List<Event> batch : unknown) {
                long found = batch.stream().filter(e -> counts.containsKey(e.insertId())).count();
                assertTrue(found == 0 || found == batch.size(), context + ": a failed batch is stored in part");
                if (found > 0) {
                    expected.addAll(batch);
                }
            }
        }
        Durability.assertExactlyOnce(Durability.insertIds(expected), counts, context);
        assertEquals(Durability.rowsOf(expected), StoreTestSupport.rows(store), context + ": times, types, users");
    }
}
