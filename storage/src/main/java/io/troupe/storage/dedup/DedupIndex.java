package io.troupe.storage.dedup;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The insert ids seen in the dedup window (7 days by default, as Amplitude), so a client's retry of an
 * acknowledged event is dropped instead of stored twice.
 *
 * <p>An open-addressing table of 128-bit insert-id hashes and the time each was first seen: three
 * primitive arrays, no object per id (about 24 bytes per id). Two 64-bit xxHashes with different seeds
 * make a false duplicate practically impossible (about 1 in 10^29 for 10M ids). Not thread-safe: the
 * store calls it under its ingest lock.
 *
 * <p>Persistence is by checkpoint: at each flush the store writes the index as of the flushed WAL
 * position, and recovery reloads it and replays the WAL after that position, so the state after a crash
 * is exactly the state of what was logged.
 */
public final class DedupIndex {
    private static final XXHash64 HASH = XXHashFactory.fastestInstance().hash64();
    private static final long SEED_1 = 0x5452_4F55_5045_0001L;
    private static final long SEED_2 = 0x5452_4F55_5045_0002L;
    private static final int MAGIC = 0x50444454; // "TDDP"
    private static final int FORMAT_VERSION = 1;
    private static final int ENTRY_BYTES = 24;
    private static final int CHUNK_BYTES = ENTRY_BYTES * 43_690; // about 1 MB

    /** Slot i is {@code table[3i]} hash 1, {@code table[3i+1]} hash 2, {@code table[3i+2]} seen time + 1 (0: empty): one cache line per probe. */
    private long[] table;
    private int size;
    private int mask;
    /** Entries older than the latest time minus this are dropped when the table would otherwise grow. */
    private long windowMillis = Long.MAX_VALUE;
    private long latest = Long.MIN_VALUE;

    public DedupIndex() {
        this(1 << 16);
    }

    private DedupIndex(int capacity) {
        allocate(Integer.highestOneBit(Math.max(16, capacity - 1)) << 1);
    }

    private void allocate(int capacity) {
        table = new long[capacity * 3];
        mask = capacity - 1;
        size = 0;
    }

    /**
     * The dedup key of an event, as Amplitude dedups: the insert id within its device (events with the same
     * insert id from two devices are two events); without a device id, the insert id alone. Null when the
     * event has no insert id (it is never a duplicate).
     */
    public static String key(String deviceId, String insertId) {
        if (insertId == null || insertId.isEmpty()) {
            return null;
        }
        return deviceId == null || deviceId.isEmpty() ? insertId : deviceId + '\u0000' + insertId;
    }

    public int size() {
        return size;
    }

    /**
     * Lets the table forget ids that left the window: when it fills up, ids seen before the latest time
     * minus {@code millis} are dropped first, and it grows only if the ones in the window still fill it.
     * Without this, a server running for weeks would keep every id it ever saw.
     */
    public void setWindowMillis(long millis) {
        this.windowMillis = millis;
    }

    /** True when {@code insertId} was seen at or after {@code notBefore}. */
    public boolean contains(String insertId, long notBefore) {
        byte[] bytes = insertId.getBytes(StandardCharsets.UTF_8);
        long h1 = HASH.hash(bytes, 0, bytes.length, SEED_1);
        long h2 = HASH.hash(bytes, 0, bytes.length, SEED_2);
        int at = find(h1, h2);
        return table[at + 2] != 0 && table[at + 2] - 1 >= notBefore;
    }

    /** Records {@code insertId} as seen at {@code time} (a later time replaces an earlier one). */
    public void add(String insertId, long time) {
        byte[] bytes = insertId.getBytes(StandardCharsets.UTF_8);
        put(HASH.hash(bytes, 0, bytes.length, SEED_1), HASH.hash(bytes, 0, bytes.length, SEED_2), time);
    }

    private void put(long h1, long h2, long time) {
        if ((size + 1) * 10L > (mask + 1) * 7L) {
            grow();
        }
        latest = Math.max(latest, time);
        int at = find(h1, h2);
        if (table[at + 2] == 0) {
            table[at] = h1;
            table[at + 1] = h2;
            size++;
        }
        table[at + 2] = Math.max(table[at + 2], time + 1);
    }

    /** The index in {@link #table} of the slot holding (h1, h2), or of the empty slot where it belongs. */
    private int find(long h1, long h2) {
        int slot = (int) (h1 ^ (h1 >>> 32)) & mask;
        while (true) {
            int at = slot * 3;
            if (table[at + 2] == 0 || (table[at] == h1 && table[at + 1] == h2)) {
                return at;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Rehashes the ids still in the window into a table twice as large, or as large when at most half of it is live. */
    private void grow() {
        long[] old = table;
        long notBefore = windowMillis == Long.MAX_VALUE || latest == Long.MIN_VALUE ? Long.MIN_VALUE : latest - windowMillis;
        int live = 0;
        for (int at = 0; at < old.length; at += 3) {
            if (old[at + 2] != 0 && old[at + 2] - 1 >= notBefore) {
                live++;
            }
        }
        int capacity = mask + 1;
        allocate(live * 20L <= capacity * 7L ? capacity : capacity * 2);
        for (int at = 0; at < old.length; at += 3) {
            if (old[at + 2] != 0 && old[at + 2] - 1 >= notBefore) {
                put(old[at], old[at + 1], old[at + 2] - 1);
            }
        }
    }

    /**
     * An exact copy, made with one array copy: the store takes it under its ingest lock when a flush
     * freezes the tail, and serialises it ({@link #toBytes(long)}) after releasing the lock.
     */
    public DedupIndex copy() {
        DedupIndex copy = new DedupIndex(16);
        copy.table = table.clone();
        copy.mask = mask;
        copy.size = size;
        copy.windowMillis = windowMillis;
        copy.latest = latest;
        return copy;
    }

    /** Serialises every id (tests and tools; the store streams with {@link #writeTo}). */
    public byte[] toBytes() {
        return toBytes(Long.MIN_VALUE);
    }

    /** Serialises the ids seen at or after {@code notBefore} into one array (at most about 89M ids fit). */
    public byte[] toBytes(long notBefore) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            writeTo(java.nio.channels.Channels.newChannel(bytes), notBefore);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Streams the ids seen at or after {@code notBefore} (older ones have left the window): magic, version,
     * count, entries (h1, h2, time), CRC32C of all before it. Written in chunks, so the size of the index is
     * not bounded by an array's.
     */
    public void writeTo(WritableByteChannel out, long notBefore) throws IOException {
        long kept = 0;
        for (int at = 0; at < table.length; at += 3) {
            if (table[at + 2] != 0 && table[at + 2] - 1 >= notBefore) {
                kept++;
            }
        }
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        chunk.putInt(MAGIC).putInt(FORMAT_VERSION).putLong(kept);
        for (int at = 0; at < table.length; at += 3) {
            if (table[at + 2] != 0 && table[at + 2] - 1 >= notBefore) {
                if (chunk.remaining() < ENTRY_BYTES) {
                    drain(chunk, crc, out);
                }
                chunk.putLong(table[at]).putLong(table[at + 1]).putLong(table[at + 2] - 1);
            }
        }
        drain(chunk, crc, out);
        chunk.putInt((int) crc.getValue());
        chunk.flip();
        while (chunk.hasRemaining()) {
            out.write(chunk);
        }
    }

    private static void drain(ByteBuffer chunk, CRC32C crc, WritableByteChannel out) throws IOException {
        chunk.flip();
        crc.update(chunk.duplicate());
        while (chunk.hasRemaining()) {
            out.write(chunk);
        }
        chunk.clear();
    }

    public static DedupIndex fromBytes(byte[] bytes, String source) {
        try {
            return readFrom(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(bytes)), bytes.length, source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
    }

    /**
     * Reads what {@link #writeTo} wrote, in chunks, checking the length against the count and the CRC.
     *
     * @param size the length of the input in bytes
     */
    public static DedupIndex readFrom(ReadableByteChannel in, long size, String source) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        if (size < 20 || fill(in, chunk, 16) < 16 || chunk.getInt(0) != MAGIC) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, source, "not a dedup index");
        }
        int version = chunk.getInt(4);
        if (version > FORMAT_VERSION) {
            throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, source, version, FORMAT_VERSION);
        }
        long count = chunk.getLong(8);
        if (count < 0 || count > (size - 20) / ENTRY_BYTES || 16 + count * ENTRY_BYTES + 4 != size) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, source, "length does not match its count");
        }
        crc.update(chunk.array(), 0, 16);
        DedupIndex index = new DedupIndex((int) Math.min(1 << 29, count * 2 + 16));
        long left = count;
        while (left > 0) {
            int entries = (int) Math.min(left, CHUNK_BYTES / ENTRY_BYTES);
            if (fill(in, chunk, entries * ENTRY_BYTES) < entries * ENTRY_BYTES) {
                throw new TroupeException(ErrorCode.STORAGE_CORRUPT, source, "ends early");
            }
            crc.update(chunk.array(), 0, entries * ENTRY_BYTES);
            for (int i = 0; i < entries; i++) {
                index.put(chunk.getLong(i * ENTRY_BYTES), chunk.getLong(i * ENTRY_BYTES + 8), chunk.getLong(i * ENTRY_BYTES + 16));
            }
            left -= entries;
        }
        if (fill(in, chunk, 4) < 4 || (int) crc.getValue() != chunk.getInt(0)) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, source, "CRC mismatch");
        }
        return index;
    }

    /** Reads exactly {@code n} bytes into the start of {@code chunk} (fewer only at the end of the input). */
    private static int fill(ReadableByteChannel in, ByteBuffer chunk, int n) throws IOException {
        chunk.clear().limit(n);
        while (chunk.hasRemaining()) {
            if (in.read(chunk) < 0) {
                break;
            }
        }
        return chunk.position();
    }
}
