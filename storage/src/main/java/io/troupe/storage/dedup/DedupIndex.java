package io.troupe.storage.dedup;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.storage.encoding.ByteWriter;
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
 * <p>Open-addressing tables of 128-bit insert-id hashes and the time each was seen: primitive arrays, no
 * object per id (24 bytes per slot, at most 60% of slots used, so 40 to 80 bytes per id). A large index is
 * 64 shards that grow one at a time, so no single growth step stalls ingest for long. Two 64-bit xxHashes
 * with different seeds make a false duplicate practically impossible (about 1 in 10^29 for 10M ids). Not
 * thread-safe: the store calls it under its ingest lock.
 *
 * <p>Persistence is by checkpoint: at each flush the store writes the index as of the flushed WAL
 * position, and recovery reloads it and replays the WAL after that position, so the state after a crash
 * is exactly the state of what was logged.
 */
public final class DedupIndex {
    /**
     * The pure-Java xxHash (with Unsafe where the JVM allows it): the same hashes as the native one, and twice
     * as fast on keys of a few dozen bytes (28 against 60 ns for both hashes of a 30-byte key), where the JNI
     * call costs more than the hashing.
     */
    private static final XXHash64 HASH = XXHashFactory.fastestJavaInstance().hash64();
    private static final long SEED_1 = 0x5452_4F55_5045_0001L;
    private static final long SEED_2 = 0x5452_4F55_5045_0002L;
    private static final int MAGIC = 0x50444454; // "TDDP"
    private static final int FORMAT_VERSION = 1;
    private static final int ENTRY_BYTES = 24;
    private static final int CHUNK_BYTES = ENTRY_BYTES * 43_690; // about 1 MB

    /** Shards of a large index: each grows on its own, so a growth step rehashes 1/64 of the ids, not all of them. */
    private static final int SHARD_BITS = 6;
    /** Maximum load of a shard, in tenths: a new id (almost every look-up on the ingest path) probes about 3.6 slots at 0.6, 6 at 0.7. */
    private static final int MAX_LOAD_TENTHS = 6;

    /**
     * One open-addressing table. Slot i is three longs: hash 1 at {@code slots[3i]} (0: empty; a hash of 0 is
     * stored as 1), hash 2 at {@code slots[3i+1]} and the time the id was seen at {@code slots[3i+2]}. The time
     * sits beside the hashes so that the look-up a batch makes under the ingest lock ({@link #containsAll})
     * brings into the cache the line its add writes moments later (in a separate array, that write was a miss
     * for every new id).
     */
    private static final class Shard {
        long[] slots;
        int size;
        int mask;

        Shard(int capacity) {
            allocate(capacity);
        }

        void allocate(int capacity) {
            slots = new long[capacity * 3];
            mask = capacity - 1;
            size = 0;
        }

        int capacity() {
            return mask + 1;
        }

        long h1At(int slot) {
            return slots[3 * slot];
        }

        long h2At(int slot) {
            return slots[3 * slot + 1];
        }

        long seenAt(int slot) {
            return slots[3 * slot + 2];
        }

        /** The first slot probed for {@code h1}. */
        int home(long h1) {
            return (int) (h1 ^ (h1 >>> 32)) & mask;
        }

        /** The slot holding (h1, h2), or the empty slot where it belongs; {@code h1} is non-zero. */
        int find(long h1, long h2) {
            int slot = home(h1);
            while (true) {
                long f = slots[3 * slot];
                if (f == 0 || (f == h1 && slots[3 * slot + 1] == h2)) {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
        }

        /** Stores (h1, h2) seen at {@code time} in a slot known to have room; true when the id is new. */
        boolean put(long h1, long h2, long time) {
            int slot = find(h1, h2);
            int at = 3 * slot;
            if (slots[at] == 0) {
                slots[at] = h1;
                slots[at + 1] = h2;
                slots[at + 2] = time;
                size++;
                return true;
            }
            slots[at + 2] = Math.max(slots[at + 2], time);
            return false;
        }

        boolean full() {
            return (size + 1) * 10L > capacity() * (long) MAX_LOAD_TENTHS;
        }

        /** Rehashes the ids seen at or after {@code notBefore} into a table twice as large, or as large when at most half of it is live. */
        int grow(long notBefore) {
            long[] old = slots;
            int live = 0;
            for (int at = 0; at < old.length; at += 3) {
                if (old[at] != 0 && old[at + 2] >= notBefore) {
                    live++;
                }
            }
            int before = size;
            int capacity = capacity();
            allocate(live * 20L <= capacity * (long) MAX_LOAD_TENTHS ? capacity : capacity * 2);
            for (int at = 0; at < old.length; at += 3) {
                if (old[at] != 0 && old[at + 2] >= notBefore) {
                    put(old[at], old[at + 1], old[at + 2]);
                }
            }
            return size - before;
        }

        Shard copy() {
            Shard copy = new Shard(1);
            copy.slots = slots.clone();
            copy.size = size;
            copy.mask = mask;
            return copy;
        }
    }

    private final Shard[] shards;
    private int size;
    /** Entries older than the latest time minus this are dropped when a shard would otherwise grow. */
    private long windowMillis = Long.MAX_VALUE;
    private long latest = Long.MIN_VALUE;

    public DedupIndex() {
        this(1 << 16);
    }

    /** An index sized for {@code capacity} slots: one table when small (one batch's ids), 64 shards otherwise. */
    private DedupIndex(int capacity) {
        int tables = capacity >= 1 << 16 ? 1 << SHARD_BITS : 1;
        int perShard = Integer.highestOneBit(Math.max(16, capacity / tables - 1)) << 1;
        shards = new Shard[tables];
        for (int i = 0; i < tables; i++) {
            shards[i] = new Shard(perShard);
        }
    }

    private DedupIndex(Shard[] shards) {
        this.shards = shards;
    }

    private Shard shardOf(long h1) {
        return shards.length == 1 ? shards[0] : shards[(int) (h1 >>> (64 - SHARD_BITS))];
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

    /**
     * Writes the UTF-8 bytes of {@link #key} into {@code out} (reset first), without building the string.
     * Returns where the insert id starts in them (after the device id and its NUL), or -1, writing nothing,
     * when the event has no key.
     */
    public static int keyBytes(String deviceId, String insertId, ByteWriter out) {
        out.reset();
        if (insertId == null || insertId.isEmpty()) {
            return -1;
        }
        if (deviceId != null && !deviceId.isEmpty()) {
            out.writeRawUtf8(deviceId);
            out.writeByte(0);
        }
        int insertIdStart = out.size();
        out.writeRawUtf8(insertId);
        return insertIdStart;
    }

    /** The first of a key's two hashes, over its UTF-8 bytes. */
    public static long firstHash(byte[] key, int length) {
        return HASH.hash(key, 0, length, SEED_1);
    }

    /** The second of a key's two hashes. */
    public static long secondHash(byte[] key, int length) {
        return HASH.hash(key, 0, length, SEED_2);
    }

    /** An empty index sized for about {@code ids} ids without growing (e.g. the ids of one batch). */
    public static DedupIndex withCapacity(int ids) {
        return new DedupIndex(ids * 2);
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
        return contains(firstHash(bytes, bytes.length), secondHash(bytes, bytes.length), notBefore);
    }

    /** True when the key of hashes ({@code h1}, {@code h2}) was seen at or after {@code notBefore}. */
    public boolean contains(long h1, long h2, long notBefore) {
        long h = nonZero(h1);
        Shard shard = shardOf(h);
        int slot = shard.find(h, h2);
        return shard.h1At(slot) != 0 && shard.seenAt(slot) >= notBefore;
    }

    /**
     * {@link #contains} for {@code n} keys at once: {@code out[i]} for ({@code h1[i]}, {@code h2[i]}). The ids of
     * a batch are almost all new, and each look-up starts with a cache (and TLB) miss at a random place in a large
     * table. Interleaved with the rest of an event's resolution, each miss is waited for alone (about 150 ns); in
     * one tight loop the CPU overlaps them (about 45 ns per id for a table of 6M ids).
     */
    public void containsAll(long[] h1, long[] h2, int n, long notBefore, boolean[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = contains(h1[i], h2[i], notBefore);
        }
    }

    /** {@link #add} of {@code n} keys seen at {@code time}, in one loop (see {@link #containsAll}). */
    public void addAll(long[] h1, long[] h2, int n, long time) {
        for (int i = 0; i < n; i++) {
            add(h1[i], h2[i], time);
        }
    }

    /** Records {@code insertId} as seen at {@code time} (a later time replaces an earlier one). */
    public void add(String insertId, long time) {
        byte[] bytes = insertId.getBytes(StandardCharsets.UTF_8);
        add(firstHash(bytes, bytes.length), secondHash(bytes, bytes.length), time);
    }

    /** Records the key of hashes ({@code h1}, {@code h2}) as seen at {@code time} (a later time replaces an earlier one). */
    public void add(long h1, long h2, long time) {
        latest = Math.max(latest, time);
        long h = nonZero(h1);
        Shard shard = shardOf(h);
        if (shard.full()) {
            size += shard.grow(windowMillis == Long.MAX_VALUE ? Long.MIN_VALUE : latest - windowMillis);
        }
        if (shard.put(h, h2, time)) {
            size++;
        }
    }

    private static long nonZero(long h1) {
        return h1 == 0 ? 1 : h1;
    }

    /**
     * An exact copy, made with one array copy: the store takes it under its ingest lock when a flush
     * freezes the tail, and serialises it ({@link #toBytes(long)}) after releasing the lock.
     */
    public DedupIndex copy() {
        Shard[] copies = new Shard[shards.length];
        for (int i = 0; i < shards.length; i++) {
            copies[i] = shards[i].copy();
        }
        DedupIndex copy = new DedupIndex(copies);
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
        for (Shard shard : shards) {
            for (int i = 0; i < shard.capacity(); i++) {
                if (shard.h1At(i) != 0 && shard.seenAt(i) >= notBefore) {
                    kept++;
                }
            }
        }
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        chunk.putInt(MAGIC).putInt(FORMAT_VERSION).putLong(kept);
        for (Shard shard : shards) {
            for (int i = 0; i < shard.capacity(); i++) {
                if (shard.h1At(i) != 0 && shard.seenAt(i) >= notBefore) {
                    if (chunk.remaining() < ENTRY_BYTES) {
                        drain(chunk, crc, out);
                    }
                    chunk.putLong(shard.h1At(i)).putLong(shard.h2At(i)).putLong(shard.seenAt(i));
                }
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
                index.add(chunk.getLong(i * ENTRY_BYTES), chunk.getLong(i * ENTRY_BYTES + 8), chunk.getLong(i * ENTRY_BYTES + 16));
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
