package io.troupe.storage.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.storage.io.FileIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAL files started from the zero-filled spare: their unused ends are zeros, which replay must read as the end
 * of a file whose successor starts there, and as the end of the log in the last file; zeros anywhere else are
 * still a torn or corrupt log.
 */
class WalPreallocationTest {
    private static final FileIO IO = FileIO.local();
    private static final long FILE_BYTES = 64 << 10;

    @TempDir
    Path tmp;

    /** Appends ~1 KB records until {@code files} files exist, letting the spare be ready before each roll. */
    private static List<byte[]> fill(WriteAheadLog wal, int files, Random random, Path dir) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        while (WalFiles.list(dir).size() < files) {
            byte[] payload = new byte[200 + random.nextInt(1600)];
            random.nextBytes(payload);
            long before = WalFiles.list(dir).size();
            if (wal.position() - WalFiles.startOf(last(dir)) > FILE_BYTES * 3 / 4) { // requested at 1/16
                awaitSpare(wal);
            }
            wal.append(payload, payload.length);
            payloads.add(payload);
            if (WalFiles.list(dir).size() > before) {
                Path newest = last(dir);
                assertEquals(WalFiles.HEADER_BYTES + FILE_BYTES, Files.size(newest), newest + " starts preallocated");
            }
        }
        wal.awaitDurable(wal.position());
        return payloads;
    }

    private static void awaitSpare(WriteAheadLog wal) throws InterruptedException {
        for (int i = 0; i < 500 && !wal.spareReady(); i++) {
            Thread.sleep(10);
        }
        assertTrue(wal.spareReady(), "the spare is prepared in the background");
    }

    private static Path last(Path dir) throws IOException {
        List<Path> files = WalFiles.list(dir);
        return files.get(files.size() - 1);
    }

    private static List<byte[]> replay(Path dir, WalRecovery.Result[] result) {
        List<byte[]> seen = new ArrayList<>();
        result[0] = WalRecovery.replay(dir, IO, 0, (position, payload) -> seen.add(payload));
        return seen;
    }

    private static void assertPayloads(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "records replayed");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "record " + i);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    Files.copy(f, to.resolve(f.getFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void preallocatedFilesReplayWholeAfterACrashAndAfterAnOrderlyClose() throws Exception {
        Path dir = tmp.resolve("wal");
        WriteAheadLog wal = new WriteAheadLog(dir, IO, 0, FILE_BYTES, 0, true);
        List<byte[]> payloads = fill(wal, 4, new Random(7), dir);
        long end = wal.position();

        Path crashed = tmp.resolve("crashed"); // the files as a crash now would leave them (the spare is not copied)
        copyTree(dir, crashed);
        WalRecovery.Result[] result = new WalRecovery.Result[1];
        assertPayloads(payloads, replay(crashed, result));
        assertEquals(end, result[0].endPosition());
        assertNotNull(result[0].problem(), "the last file ends in zeros");
        assertEquals(WalFiles.HEADER_BYTES + end - WalFiles.startOf(last(crashed)), Files.size(last(crashed)),
                "its zeros are cut off");
        assertEquals(4, WalFiles.list(crashed).size(), "no file is moved aside");

        wal.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().equals(WalSpare.NAME)), "close deletes the spare");
        }
        assertPayloads(payloads, replay(dir, result));
        assertEquals(end, result[0].endPosition());
        assertNull(result[0].problem(), "an orderly close cuts the last file's zeros");

        WriteAheadLog reopened = new WriteAheadLog(dir, IO, end, FILE_BYTES, 0, true);
        byte[] more = {9, 9, 9};
        reopened.append(more, more.length);
        reopened.close();
        payloads.add(more);
        assertPayloads(payloads, replay(dir, result));
        assertNull(result[0].problem());
    }

    /** Zeros that end a file before its successor starts are lost records, not preallocation: replay stops there. */
    @Test
    void zerosBeforeTheNextFileStartsAreACorruptLog() throws Exception {
        Path dir = tmp.resolve("wal");
        WriteAheadLog wal = new WriteAheadLog(dir, IO, 0, FILE_BYTES, 0, true);
        List<byte[]> payloads = fill(wal, 3, new Random(11), dir);
        wal.close();
        Path first = WalFiles.list(dir).get(0);
        int firstLength = payloads.get(0).length;
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) { // zero the second record's length
            ByteBuffer zeros = ByteBuffer.allocate(WalFiles.RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.write(zeros, WalFiles.HEADER_BYTES + WalFiles.RECORD_HEADER_BYTES + firstLength);
        }
        WalRecovery.Result[] result = new WalRecovery.Result[1];
        List<byte[]> replayed = replay(dir, result);
        assertEquals(1, replayed.size());
        assertArrayEquals(payloads.get(0), replayed.get(0));
        assertNotNull(result[0].problem());
        assertEquals(1, WalFiles.list(dir).size(), "the files after the corrupt record are moved aside");
    }
}
