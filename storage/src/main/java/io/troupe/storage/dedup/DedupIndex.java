package io.troupe.storage.dedup;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /** Slot i is {@code table[3i]} hash 1, {@code table[3i+1]} hash 2, {@code table[3i+2]} seen time + 1 (0: empty): one cache line per probe. */
    private long[] table;
    private int size;
    private int mask;

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

    private void grow() {
        long[] old = table;
        allocate((mask + 1) * 2);
        for (int at = 0; at < old.length; at += 3) {
            if (old[at + 2] != 0) {
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
        return copy;
    }

    /** Serialises every id. */
    public byte[] toBytes() {
        return toBytes(Long.MIN_VALUE);
    }

    /**
     * Serialises the ids seen at or after {@code notBefore} (older ones have left the window): magic,
     * version, count, entries (h1, h2, time), CRC32C of all before it.
     */
    public byte[] toBytes(long notBefore) {
        int kept = 0;
        for (int at = 0; at < table.length; at += 3) {
            if (table[at + 2] != 0 && table[at + 2] - 1 >= notBefore) {
                kept++;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(16 + kept * 24 + 4).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(FORMAT_VERSION).putLong(kept);
        for (int at = 0; at < table.length; at += 3) {
            if (table[at + 2] != 0 && table[at + 2] - 1 >= notBefore) {
                out.putLong(table[at]).putLong(table[at + 1]).putLong(table[at + 2] - 1);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    public static DedupIndex fromBytes(byte[] bytes, String source) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 20 || in.getInt() != MAGIC) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, source, "not a dedup index");
        }
        int version = in.getInt();
        if (version > FORMAT_VERSION) {
            throw new TroupeException(ErrorCode.UNSUPPORTED_FORMAT_VERSION, source, version, FORMAT_VERSION);
        }
        long count = in.getLong();
        if (count < 0 || 16 + count * 24 + 4 != bytes.length) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, source, "length does not match its count");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
            throw new TroupeException(ErrorCode.STORAGE_CORRUPT, source, "CRC mismatch");
        }
        DedupIndex index = new DedupIndex((int) Math.min(Integer.MAX_VALUE / 4, count * 2 + 16));
        for (long i = 0; i < count; i++) {
            index.put(in.getLong(), in.getLong(), in.getLong());
        }
        return index;
    }
}
