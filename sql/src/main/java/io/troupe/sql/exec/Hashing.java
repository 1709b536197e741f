package io.troupe.sql.exec;

/** The hash of the operators' primitive tables. */
final class Hashing {
    private Hashing() {
    }

    /** A 64-bit finaliser (from MurmurHash3): dense ids and packed keys spread over every bucket. */
    static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
