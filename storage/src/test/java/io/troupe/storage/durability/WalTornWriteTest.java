package io.troupe.storage.durability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.EventStore;
import io.troupe.storage.StoreConfig;
import io.troupe.storage.StoreTestSupport;
import io.troupe.storage.event.Event;
import io.troupe.storage.io.FileIO;
import io.troupe.storage.wal.WalFiles;
import io.troupe.storage.wal.WalRecovery;
import io.troupe.storage.wal.WriteAheadLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torn and corrupt WAL tails (DuckDB's {@code wal_torn_write}): the WAL file is cut at every byte between
 * two records, or has one byte flipped, and recovery must bring back exactly the complete records before
 * the damage, say what stopped it, cut the file back and let the log continue right after them.
 */
class WalTornWriteTest {
    private static final FileIO IO = FileIO.local();
    private static final long FILE_BYTES = 1 << 20;

    @TempDir
    Path tmp;

    /** A WAL written by {@link WriteAheadLog}: the payloads and the log position after each record. */
    private record Written(Path file, List<byte[]> payloads, long[] ends) {
        /** The file length at which record {@code k} ends (k = -1: the file header alone). */
        long fileLength(int k) {
            return WalFiles.HEADER_BYTES + (k < 0 ? 0 : ends[k]);
        }
    }

    private static Written writeRecords(Path dir, Random random, int count) {
        List<byte[]> payloads = new ArrayList<>();
        long[] ends = new long[count];
        WriteAheadLog wal = new WriteAheadLog(dir, IO, 0, FILE_BYTES, 0);
        try {
            for (int i = 0; i < count; i++) {
                byte[] payload = new byte[1 + random.nextInt(i == count / 2 ? 400 : 60)];
                random.nextBytes(payload);
                payloads.add(payload);
                ends[i] = wal.append(payload, payload.length);
                wal.awaitDurable(ends[i]);
            }
        } finally {
            wal.close();
        }
        return new Written(WalFiles.fileFor(dir, 0), payloads, ends);
    }

    private record Replayed(WalRecovery.Result result, List<Long> positions, List<byte[]> payloads) {
    }

    private static Replayed replay(Path dir, long from) {
        List<Long> positions = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        WalRecovery.Result result = WalRecovery.replay(dir, IO, from, (position, payload) -> {
            positions.add(position);
            payloads.add(payload);
        });
        return new Replayed(result, positions, payloads);
    }

    @Test
    void everyCutBetweenTwoRecordsRecoversExactlyTheCompleteRecordsAndTheLogContinues() throws IOException {
        long seed = Durability.seed("WalTornWriteTest.everyCut");
        Random random = new Random(seed);
        Written w = writeRecords(tmp.resolve("source"), random, 6);
        byte[] whole = Files.readAllBytes(w.file());
        assertEquals(w.fileLength(5), whole.length);
        int cases = 0;
        // k = -1 covers a torn file header and the first record; 2 the largest record; 4 the last record.
        for (int k : new int[] {-1, 2, 4}) {
            for (long length = w.fileLength(k); length <= w.fileLength(k + 1); length++) {
                Path dir = tmp.resolve("cut-" + length);
                Files.createDirectories(dir);
                Path file = dir.resolve(w.file().getFileName());
                Files.write(file, java.util.Arrays.copyOf(whole, (int) length));
                String context = "seed " + seed + ", WAL cut to " + length + " bytes (records end at file offsets "
                        + java.util.Arrays.toString(java.util.stream.LongStream.of(w.ends()).map(e -> e + WalFiles.HEADER_BYTES).toArray()) + ")";
                int complete = completeRecords(w, length);
                boolean clean = length >= WalFiles.HEADER_BYTES && length == w.fileLength(complete - 1);

                Replayed first = replay(dir, 0);
                assertPayloads(w.payloads().subList(0, complete), first.payloads(), context);
                long goodEnd = complete == 0 ? 0 : w.ends()[complete - 1];
                assertEquals(goodEnd, first.result().endPosition(), context);
                assertEquals(complete, first.result().records(), context);
                if (clean) {
                    assertNull(first.result().problem(), context);
                } else {
                    assertNotNull(first.result().problem(), context + ": a partial record must be reported");
                }
                if (length >= WalFiles.HEADER_BYTES) {
                    assertEquals(WalFiles.HEADER_BYTES + goodEnd, Files.size(file), context + ": the file is cut back");
                }
                for (int i = 0; i < complete; i++) {
                    assertEquals(i == 0 ? 0 : w.ends()[i - 1], first.positions().get(i), context);
                }

                byte[] next = ("after cut " + length).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                WriteAheadLog wal = new WriteAheadLog(dir, IO, first.result().endPosition(), FILE_BYTES, 0);
                long end;
                try {
                    end = wal.append(next, next.length);
                    wal.awaitDurable(end);
                } finally {
                    wal.close();
                }
                Replayed second = replay(dir, 0);
                List<byte[]> expected = new ArrayList<>(w.payloads().subList(0, complete));
                expected.add(next);
                assertPayloads(expected, second.payloads(), context + ", after appending one more record");
                assertNull(second.result().problem(), context + ", after appending one more record");
                assertEquals(end, second.result().endPosition(), context);
                Durability.deleteTree(dir);
                cases++;
            }
        }
        System.out.println("WalTornWriteTest: " + cases + " cut lengths checked");
    }

    private static int completeRecords(Written w, long length) {
        int complete = 0;
        while (complete < w.ends().length && w.fileLength(complete) <= length) {
            complete++;
        }
        return complete;
    }

    private static void assertPayloads(List<byte[]> expected, List<byte[]> actual, String context) {
        assertEquals(expected.size(), actual.size(), context + ": records replayed");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), context + ": payload of record " + i);
        }
    }

    /**
     * Flips each byte of a middle record of the first of two WAL files in turn: replay stops before that
     * record, reports it, cuts the file back there and moves the second file aside.
     */
    @Test
    void aFlippedByteStopsReplayAtThatRecordAndLaterFilesAreMovedAside() throws IOException {
        long seed = Durability.seed("WalTornWriteTest.flippedByte");
        Random random = new Random(seed);
        Path source = tmp.resolve("source");
        List<byte[]> payloads = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        WriteAheadLog wal = new WriteAheadLog(source, IO, 0, FILE_BYTES, 0);
        long rolledAt = -1;
        try {
            for (int i = 0; i < 8; i++) {
                if (i == 5) {
                    wal.roll();
                    rolledAt = wal.position();
                }
                byte[] payload = new byte[1 + random.nextInt(40)];
                random.nextBytes(payload);
                payloads.add(payload);
                ends.add(wal.append(payload, payload.length));
            }
            wal.sync();
        } finally {
            wal.close();
        }
        List<Path> files = WalFiles.list(source);
        assertEquals(List.of(WalFiles.fileFor(source, 0), WalFiles.fileFor(source, rolledAt)), files);
        int middle = 2;
        long recordStart = WalFiles.HEADER_BYTES + ends.get(middle - 1);
        long recordEnd = WalFiles.HEADER_BYTES + ends.get(middle);
        for (long offset = recordStart; offset < recordEnd; offset++) {
            Path dir = tmp.resolve("flip-" + offset);
            Durability.copyTree(source, dir);
            Path first = dir.resolve(files.get(0).getFileName());
            int xor = 1 + random.nextInt(255);
            try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
                f.seek(offset);
                int b = f.read();
                f.seek(offset);
                f.write(b ^ xor);
            }
            String context = "seed " + seed + ", byte " + offset + " of record " + middle + " (file offsets "
                    + recordStart + ".." + recordEnd + ") xor " + xor;
            Replayed r = replay(dir, 0);
            assertPayloads(payloads.subList(0, middle), r.payloads(), context);
            assertNotNull(r.result().problem(), context);
            if (offset >= recordStart + WalFiles.RECORD_HEADER_BYTES) {
                assertTrue(r.result().problem().contains("CRC mismatch"), context + ": " + r.result().problem());
            }
            assertEquals(ends.get(middle - 1), r.result().endPosition(), context);
            assertEquals(recordStart, Files.size(first), context + ": cut back before the corrupt record");
            assertEquals(List.of(first), WalFiles.list(dir), context + ": the later file is moved aside");
            try (Stream<Path> aside = Files.list(dir)) {
                Path corrupt = aside.filter(p -> p.getFileName().toString().startsWith("corrupt-")).findFirst().orElseThrow();
                assertTrue(Files.exists(corrupt.resolve(files.get(1).getFileName())), context);
            }
            // The log continues after the last good record; the moved file no longer interferes.
            byte[] next = {42};
            WriteAheadLog after = new WriteAheadLog(dir, IO, r.result().endPosition(), FILE_BYTES, 0);
            try {
                after.awaitDurable(after.append(next, 1));
            } finally {
                after.close();
            }
            Replayed again = replay(dir, 0);
            List<byte[]> expected = new ArrayList<>(payloads.subList(0, middle));
            expected.add(next);
            assertPayloads(expected, again.payloads(), context + ", after appending one more record");
            assertNull(again.result().problem(), context);
            Durability.deleteTree(dir);
        }
    }

    /**
     * After a power loss some file systems leave the end of a file zero-filled (its size was made durable,
     * its data was not). Zeros read as a record of length 0 whose CRC32C (of nothing) is 0, so they must not
     * be taken for records: replay stops at the zeros, reports them and cuts them off.
     */
    @Test
    void aZeroFilledTailIsNotReplayedAsEmptyRecords() throws IOException {
        long seed = Durability.seed("WalTornWriteTest.zeroTail");
        Written w = writeRecords(tmp.resolve("wal"), new Random(seed), 3);
        long good = Files.size(w.file());
        for (int zeros : new int[] {1, 7, 8, 9, 4096}) {
            Path dir = tmp.resolve("zeros-" + zeros);
            Durability.copyTree(w.file().getParent(), dir);
            Path file = dir.resolve(w.file().getFileName());
            Files.write(file, new byte[zeros], java.nio.file.StandardOpenOption.APPEND);
            Replayed r = replay(dir, 0);
            String context = "seed " + seed + ", " + zeros + " zero bytes after the last record";
            assertPayloads(w.payloads(), r.payloads(), context);
            assertNotNull(r.result().problem(), context);
            assertEquals(w.ends()[2], r.result().endPosition(), context);
            assertEquals(good, Files.size(file), context + ": the zeros are cut off");
        }
    }

    @Test
    void anEmptyPayloadIsRefusedSoThatZerosNeverReadAsARecord() {
        WriteAheadLog wal = new WriteAheadLog(tmp.resolve("wal"), IO, 0, FILE_BYTES, 0);
        try {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> wal.append(new byte[0], 0));
            assertEquals(0, wal.position());
        } finally {
            wal.close();
        }
    }

    /** The same through the store: a zero-filled WAL tail does not stop the store from opening. */
    @Test
    void storeOpensAfterAZeroFilledWalTail() throws IOException {
        Random random = new Random(Durability.seed("WalTornWriteTest.storeZeroTail"));
        Path dir = tmp.resolve("store");
        List<Event> events = new ArrayList<>();
        EventStore store = EventStore.open(StoreTestSupport.config(dir));
        for (int b = 0; b < 3; b++) {
            List<Event> batch = Durability.batch("b" + b, 3, random, 3);
            store.ingest(batch);
            events.addAll(batch);
        }
        store.abandon();
        List<Path> files = WalFiles.list(dir.resolve("wal"));
        Files.write(files.get(files.size() - 1), new byte[512], java.nio.file.StandardOpenOption.APPEND);
        try (EventStore reopened = EventStore.open(StoreTestSupport.config(dir))) {
            assertEquals(Durability.rowsOf(events), StoreTestSupport.rows(reopened));
        }
    }

    /** Replay from a checkpoint position in the middle of the first file visits only later records. */
    @Test
    void replayFromACheckpointVisitsOnlyLaterRecordsAcrossFiles() {
        long seed = Durability.seed("WalTornWriteTest.fromCheckpoint");
        Random random = new Random(seed);
        Path dir = tmp.resolve("wal");
        List<byte[]> payloads = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        WriteAheadLog wal = new WriteAheadLog(dir, IO, 0, 200, 0); // small files: appends roll over
        try {
            for (int i = 0; i < 20; i++) {
                byte[] payload = new byte[1 + random.nextInt(80)];
                random.nextBytes(payload);
                payloads.add(payload);
                starts.add(wal.position());
                wal.awaitDurable(wal.append(payload, payload.length));
            }
        } finally {
            wal.close();
        }
        for (int from = 0; from < payloads.size(); from++) {
            Replayed r = replay(dir, starts.get(from));
            assertPayloads(payloads.subList(from, payloads.size()), r.payloads(), "seed " + seed + ", from record " + from);
            assertEquals(starts.subList(from, starts.size()), r.positions());
            assertNull(r.result().problem());
        }
    }

    /**
     * Through the store: batches are ingested (some flushed), the process "crashes" ({@link EventStore#abandon}),
     * and the last WAL file is cut at every byte of the last record; the reopened store shows exactly the
     * complete batches and continues logging after them.
     */
    @Test
    void storeRecoversExactlyTheCompleteBatchesForEveryCutOfTheLastRecord() throws IOException {
        long seed = Durability.seed("WalTornWriteTest.store");
        Random random = new Random(seed);
        Path source = tmp.resolve("store");
        List<List<Event>> batches = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            batches.add(Durability.batch("b" + b, b == 4 ? 1 : 1 + random.nextInt(4), random, 3));
        }
        long[] ends = new long[batches.size()];
        EventStore store = EventStore.open(StoreTestSupport.config(source));
        for (int b = 0; b < batches.size(); b++) {
            ends[b] = store.ingest(batches.get(b)).walPosition();
            if (b == 1) {
                store.flush(); // the checkpoint and two partitions' segments are past batches 0 and 1
            }
        }
        store.abandon();
        List<Path> walFiles = WalFiles.list(source.resolve("wal"));
        Path last = walFiles.get(walFiles.size() - 1);
        long start = WalFiles.startOf(last);
        long before = WalFiles.HEADER_BYTES + ends[3] - start;
        long full = WalFiles.HEADER_BYTES + ends[4] - start;
        assertEquals(full, Files.size(last));
        List<Event> complete = new ArrayList<>();
        batches.subList(0, 4).forEach(complete::addAll);
        List<Event> all = new ArrayList<>(complete);
        all.addAll(batches.get(4));
        long began = System.nanoTime();
        for (long length = before; length <= full; length++) {
            Path dir = tmp.resolve("cut-" + length);
            Durability.copyTree(source, dir);
            Path file = dir.resolve("wal").resolve(last.getFileName());
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(length);
            }
            String context = "seed " + seed + ", last WAL file cut to " + length + " bytes (last record "
                    + before + ".." + full + ")";
            List<Event> expected = length == full ? all : complete;
            StoreConfig config = StoreTestSupport.config(dir);
            EventStore reopened = EventStore.open(config);
            assertEquals(Durability.rowsOf(expected), StoreTestSupport.rows(reopened), context);
            assertEquals(length == full ? full : before, Files.size(file), context + ": torn record cut off");
            List<Event> more = Durability.batch("after-" + length, 1, random, 3);
            reopened.ingest(more);
            reopened.abandon();
            EventStore again = EventStore.open(config);
            try {
                List<Event> expectedAfter = new ArrayList<>(expected);
                expectedAfter.addAll(more);
                assertEquals(Durability.rowsOf(expectedAfter), StoreTestSupport.rows(again), context + ", one more batch");
                Durability.assertExactlyOnce(Durability.insertIds(expectedAfter), Durability.insertIdCounts(again), context);
            } finally {
                again.close();
            }
            Durability.deleteTree(dir);
        }
        System.out.printf("WalTornWriteTest.store: %d cuts in %d ms%n", full - before + 1, (System.nanoTime() - began) / 1_000_000);
    }
}
