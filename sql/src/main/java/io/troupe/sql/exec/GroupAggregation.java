package io.troupe.sql.exec;

import io.troupe.sql.schema.EventLayout;
import io.troupe.storage.dictionary.Dictionaries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hash aggregation keyed by dense codes: the keys of a row combine into one mixed-radix long ({@link KeyCodec}). When
 * the product of the keys' cardinalities is small the long is the slot itself (flat arrays, no hashing);
 * otherwise a primitive hash table numbers the keys met. Distinct counts are bitsets over (slot, value)
 * when they fit, a hash set of packed pairs otherwise. No per-row objects.
 */
final class GroupAggregation implements BatchSink {
    /** Key spaces up to this many slots aggregate into flat arrays. */
    static final long DENSE_SLOTS = 1L << 21;
    /** Distinct-count bitsets up to this many bits (16 MB). */
    static final long MAX_BITSET_BITS = 1L << 27;

    private final EventLayout layout;
    private final List<Output> outputs;
    private final int[] keys;
    private final List<AggCall> calls;
    private final ValueDecoder decoder;
    private final QueryScope scope;

    private final KeyCodec codec;
    private final boolean dense;
    private final LongIntHashMap map;
    private int capacity;

    private long[] rowsPerSlot;
    private final long[][] counts;
    private final long[][] extremes;
    private final Distinct[] distincts;
    private final long[] argCards;
    private final long[] argBase;

    private final FunnelCollector[] funnels;
    private long[] composite = new long[0];
    private int[] slots = new int[0];
    private int[] rowIndex = new int[0];
    private long reserved;

    GroupAggregation(EventLayout layout, List<Output> outputs, int[] keys, List<AggCall> calls,
                     Dictionaries dictionaries, ValueDecoder decoder, long minTime, long maxTime, QueryScope scope) {
        this.layout = layout;
        this.outputs = outputs;
        this.keys = keys;
        this.calls = calls;
        this.decoder = decoder;
        this.scope = scope;
        codec = new KeyCodec(layout, outputs, keys, dictionaries, decoder, minTime, maxTime);
        long product = codec.product();
        dense = product <= DENSE_SLOTS;
        map = dense ? null : new LongIntHashMap(scope, 1 << 12);
        capacity = dense ? (int) product : 1 << 12;
        rowsPerSlot = new long[capacity];
        counts = new long[calls.size()][];
        extremes = new long[calls.size()][];
        distincts = new Distinct[calls.size()];
        argCards = new long[calls.size()];
        argBase = new long[calls.size()];
        funnels = new FunnelCollector[calls.size()];
        reserveSlots(capacity);
        for (int c = 0; c < calls.size(); c++) {
            AggCall call = calls.get(c);
            switch (call.kind()) {
                case COUNT_STAR, FUNNEL_LEVEL -> { } // the rows per slot; funnels get their steps bound later
                case COUNT -> counts[c] = new long[capacity];
                case MIN, MAX -> {
                    extremes[c] = new long[capacity];
                    Arrays.fill(extremes[c], call.kind() == AggCall.Kind.MIN ? Long.MAX_VALUE : Long.MIN_VALUE);
                    counts[c] = new long[capacity];
                }
                case COUNT_DISTINCT -> {
                    Output arg = outputs.get(call.arg());
                    long card = KeyCodec.cardinality(arg, dictionaries, decoder, layout, minTime, maxTime);
                    argCards[c] = Math.max(card, 1);
                    argBase[c] = arg instanceof Output.Floor f ? f.unit().bucket(minTime) : 0;
                    counts[c] = new long[capacity];
                    distincts[c] = dense && (long) capacity * argCards[c] <= MAX_BITSET_BITS
                            ? new BitsetDistinct(capacity, argCards[c])
                            : new HashDistinct();
                }
                default -> throw new IllegalStateException(call.toString());
            }
        }
    }

    @Override
    public EventLayout layout() {
        return layout;
    }

    private void reserveSlots(int n) {
        long bytes = (long) n * 8 * (1 + 2L * calls.size());
        scope.reserve(bytes, "aggregation state");
        reserved += bytes;
    }

    @Override
    public void accept(BatchData d, boolean[] mask) {
        int n = d.rows();
        if (slots.length < n) {
            composite = new long[n];
            slots = new int[n];
            rowIndex = new int[n];
        }
        int m;
        if (keys.length == 0) {
            m = select(mask, n); // every row in slot 0
            Arrays.fill(slots, 0, m, 0);
        } else if (keys.length == 1 && dense) {
            m = singleKeySlots(d, mask, n);
        } else {
            codec.keys(d, composite, n);
            m = 0;
            for (int i = 0; i < n; i++) {
                if (mask == null || mask[i]) {
                    rowIndex[m] = i;
                    slots[m] = dense ? (int) composite[i] : slotOf(composite[i]);
                    m++;
                }
            }
        }
        if (keys.length == 0) {
            rowsPerSlot[0] += m;
        } else {
            for (int j = 0; j < m; j++) {
                rowsPerSlot[slots[j]]++;
            }
        }
        for (int c = 0; c < calls.size(); c++) {
            update(c, d, m);
        }
    }

    /** Fills rowIndex with the selected rows; returns how many. */
    private int select(boolean[] mask, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (mask == null || mask[i]) {
                rowIndex[m++] = i;
            }
        }
        return m;
    }

    /** One dense key: the slot is the key's code, computed in the same pass as the selection. */
    private int singleKeySlots(BatchData d, boolean[] mask, int n) {
        Output o = outputs.get(keys[0]);
        int m = 0;
        if (o instanceof Output.Floor f) {
            long[] t = d.times();
            long base = codec.timeBase(0);
            TimeBucket unit = f.unit();
            if (n > 0 && d.batch().sortedByTime() && unit.bucket(t[0]) == unit.bucket(t[n - 1])) {
                // Rows are in time order: one bucket for the whole batch (a day of a DAY partition).
                int slot = (int) (unit.bucket(t[0]) - base);
                m = select(mask, n);
                Arrays.fill(slots, 0, m, slot);
                return m;
            }
            long ms = unit == TimeBucket.DAY ? 86_400_000L : unit == TimeBucket.HOUR ? 3_600_000L : 0;
            for (int i = 0; i < n; i++) {
                if (mask == null || mask[i]) {
                    long bucket = ms > 0 ? Math.floorDiv(t[i], ms) : unit.bucket(t[i]);
                    rowIndex[m] = i;
                    slots[m++] = (int) (bucket - base);
                }
            }
        } else if (o instanceof Output.GroupProperty gp) {
            GroupPropertyCodes codes = decoder.codes(gp);
            int[] ids = d.ids(o.field());
            for (int i = 0; i < n; i++) {
                if (mask == null || mask[i]) {
                    rowIndex[m] = i;
                    slots[m++] = codes.code(ids[i]);
                }
            }
        } else {
            int[] ids = d.ids(o.field());
            if (mask == null) {
                for (int i = 0; i < n; i++) {
                    rowIndex[i] = i;
                    slots[i] = ids[i] + 1;
                }
                return n;
            }
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    rowIndex[m] = i;
                    slots[m++] = ids[i] + 1;
                }
            }
        }
        return m;
    }

    private int slotOf(long key) {
        int slot = map.slot(key);
        if (slot >= capacity) {
            grow();
        }
        return slot;
    }

    private void grow() {
        int old = capacity;
        capacity = old * 2;
        reserveSlots(capacity - old);
        rowsPerSlot = Arrays.copyOf(rowsPerSlot, capacity);
        for (int c = 0; c < calls.size(); c++) {
            if (counts[c] != null) {
                counts[c] = Arrays.copyOf(counts[c], capacity);
            }
            if (extremes[c] != null) {
                long[] e = Arrays.copyOf(extremes[c], capacity);
                Arrays.fill(e, old, capacity, calls.get(c).kind() == AggCall.Kind.MIN ? Long.MAX_VALUE : Long.MIN_VALUE);
                extremes[c] = e;
            }
        }
    }

    private void update(int c, BatchData d, int m) {
        AggCall call = calls.get(c);
        long[] count = counts[c];
        switch (call.kind()) {
            case COUNT_STAR -> { } // counted in rowsPerSlot
            case FUNNEL_LEVEL -> funnels[c].accept(d, rowIndex, slots, m);
            case COUNT -> {
                Output arg = outputs.get(call.arg());
                if (arg instanceof Output.GroupProperty gp) {
                    GroupPropertyCodes codes = decoder.codes(gp);
                    int[] ids = d.ids(arg.field());
                    for (int j = 0; j < m; j++) {
                        if (codes.code(ids[rowIndex[j]]) > 0) {
                            count[slots[j]]++;
                        }
                    }
                } else if (layout.field(arg.field()).isId() && arg instanceof Output.Field) {
                    int[] ids = d.ids(arg.field());
                    for (int j = 0; j < m; j++) {
                        if (ids[rowIndex[j]] >= 0) {
                            count[slots[j]]++;
                        }
                    }
                } else {
                    for (int j = 0; j < m; j++) {
                        count[slots[j]]++;
                    }
                }
            }
            case MIN, MAX -> {
                Output arg = outputs.get(call.arg());
                long[] t = d.times();
                long[] e = extremes[c];
                boolean min = call.kind() == AggCall.Kind.MIN;
                TimeBucket unit = arg instanceof Output.Floor f ? f.unit() : null;
                for (int j = 0; j < m; j++) {
                    long v = unit == null ? t[rowIndex[j]] : unit.truncate(t[rowIndex[j]]);
                    int s = slots[j];
                    e[s] = min ? Math.min(e[s], v) : Math.max(e[s], v);
                    count[s]++;
                }
            }
            case COUNT_DISTINCT -> {
                Output arg = outputs.get(call.arg());
                Distinct distinct = distincts[c];
                long card = argCards[c];
                if (arg instanceof Output.Floor f) {
                    long[] t = d.times();
                    long base = argBase[c];
                    for (int j = 0; j < m; j++) {
                        long v = f.unit().bucket(t[rowIndex[j]]) - base;
                        if (distinct.add(slots[j], v, card)) {
                            count[slots[j]]++;
                        }
                    }
                } else if (arg instanceof Output.GroupProperty gp) {
                    GroupPropertyCodes codes = decoder.codes(gp);
                    int[] ids = d.ids(arg.field());
                    for (int j = 0; j < m; j++) {
                        int v = codes.code(ids[rowIndex[j]]);
                        if (v > 0 && distinct.add(slots[j], v, card)) {
                            count[slots[j]]++;
                        }
                    }
                } else {
                    int[] ids = d.ids(arg.field());
                    for (int j = 0; j < m; j++) {
                        int v = ids[rowIndex[j]];
                        if (v >= 0 && distinct.add(slots[j], v, card)) {
                            count[slots[j]]++;
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(call.toString());
        }
    }

    /**
     * Adds {@code count} rows of event type {@code eventTypeId} at {@code time}, from a segment's recorded counts
     * (only for COUNT(*) keyed by event type and time buckets the segment lies within).
     */
    void addRows(int eventTypeId, long time, long count) {
        long key = codec.keyOf(eventTypeId, time);
        rowsPerSlot[dense ? (int) key : slotOf(key)] += count;
    }

    /**
     * Adds the state of {@code other}, a partial aggregation of other batches built with the same keys, calls
     * and time bounds (so that dense slots and distinct-value codes mean the same in both).
     */
    void merge(GroupAggregation other) {
        int used = other.dense ? other.capacity : other.map.size();
        long[] keyBySlot = other.dense ? null : other.map.keysBySlot();
        int[] target = new int[used];
        for (int s = 0; s < used; s++) {
            if (other.rowsPerSlot[s] == 0) {
                target[s] = -1;
                continue;
            }
            int t = dense ? s : slotOf(keyBySlot[s]);
            target[s] = t;
            rowsPerSlot[t] += other.rowsPerSlot[s];
            for (int c = 0; c < calls.size(); c++) {
                switch (calls.get(c).kind()) {
                    case COUNT_STAR -> { }
                    case FUNNEL_LEVEL -> throw new IllegalStateException("funnels are aggregated in one task");
                    case COUNT -> counts[c][t] += other.counts[c][s];
                    case MIN -> {
                        extremes[c][t] = Math.min(extremes[c][t], other.extremes[c][s]);
                        counts[c][t] += other.counts[c][s];
                    }
                    case MAX -> {
                        extremes[c][t] = Math.max(extremes[c][t], other.extremes[c][s]);
                        counts[c][t] += other.counts[c][s];
                    }
                    default -> { }
                }
            }
        }
        for (int c = 0; c < calls.size(); c++) {
            if (distincts[c] == null) {
                continue;
            }
            long card = argCards[c];
            long[] count = counts[c];
            if (distincts[c] instanceof BitsetDistinct mine && other.distincts[c] instanceof BitsetDistinct theirs) {
                mine.or(theirs);
                for (int s = 0; s < capacity; s++) {
                    count[s] = mine.countSlot(s, card);
                }
            } else {
                Distinct mine = distincts[c];
                ((HashDistinct) other.distincts[c]).set.forEach(packed -> {
                    int t = target[(int) (packed / card)];
                    if (mine.add(t, packed % card, card)) {
                        count[t]++;
                    }
                });
            }
        }
    }

    /** The result rows: keys (in output order of {@code keys}) then one value per call. */
    List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        int used = dense ? capacity : map.size();
        int[][] levels = new int[calls.size()][];
        for (int c = 0; c < calls.size(); c++) {
            if (funnels[c] != null) {
                levels[c] = funnels[c].levels(used);
            }
        }
        long[] keyBySlot = dense ? null : map.keysBySlot();
        for (int s = 0; s < used; s++) {
            if (rowsPerSlot[s] == 0 && keys.length > 0) {
                continue;
            }
            long key = dense ? s : keyBySlot[s];
            Object[] row = new Object[keys.length + calls.size()];
            codec.decode(key, row, 0);
            for (int c = 0; c < calls.size(); c++) {
                AggCall call = calls.get(c);
                Object v = switch (call.kind()) {
                    case COUNT_STAR -> rowsPerSlot[s];
                    case FUNNEL_LEVEL -> levels[c][s];
                    case COUNT, COUNT_DISTINCT -> counts[c][s];
                    case MIN, MAX -> counts[c][s] == 0 ? null : (Object) extremes[c][s];
                };
                row[keys.length + c] = v;
            }
            rows.add(row);
        }
        return rows;
    }

    /** Binds the step conditions of FUNNEL_LEVEL call {@code c} (one execution's filters). */
    void bindFunnel(int c, RowFilter[] steps) {
        funnels[c] = new FunnelCollector(calls.get(c), steps, scope);
    }

    boolean hasFunnels() {
        return calls.stream().anyMatch(c -> c.kind() == AggCall.Kind.FUNNEL_LEVEL);
    }

    void release() {
        for (FunnelCollector f : funnels) {
            if (f != null) {
                f.release();
            }
        }
        scope.release(reserved);
        reserved = 0;
        if (map != null) {
            map.release();
        }
        for (Distinct d : distincts) {
            if (d != null) {
                d.release();
            }
        }
    }

    /** The values already counted per slot for one COUNT(DISTINCT). */
    private interface Distinct {
        boolean add(int slot, long value, long card);

        void release();
    }

    private final class BitsetDistinct implements Distinct {
        private final long[] bits;

        BitsetDistinct(int slots, long card) {
            long words = ((long) slots * card + 63) >>> 6;
            scope.reserve(words * 8, "distinct bitset");
            bits = new long[(int) words];
        }

        @Override
        public boolean add(int slot, long value, long card) {
            long bit = slot * card + value;
            int word = (int) (bit >>> 6);
            long m = 1L << bit;
            long w = bits[word];
            if ((w & m) != 0) {
                return false;
            }
            bits[word] = w | m;
            return true;
        }

        void or(BitsetDistinct other) {
            for (int w = 0; w < bits.length; w++) {
                bits[w] |= other.bits[w];
            }
        }

        /** Values counted for one slot: the set bits in {@code [slot * card, (slot + 1) * card)}. */
        long countSlot(int slot, long card) {
            long from = slot * card;
            long to = from + card;
            long n = 0;
            for (long bit = from; bit < to; ) {
                int word = (int) (bit >>> 6);
                int offset = (int) (bit & 63);
                int take = (int) Math.min(64 - offset, to - bit);
                long mask = take == 64 ? -1L : ((1L << take) - 1) << offset;
                n += Long.bitCount(bits[word] & mask);
                bit += take;
            }
            return n;
        }

        @Override
        public void release() {
            scope.release(bits.length * 8L);
        }
    }

    private final class HashDistinct implements Distinct {
        private final LongHashSet set = new LongHashSet(scope, 1 << 12);

        @Override
        public boolean add(int slot, long value, long card) {
            return set.add(slot * card + value);
        }

        @Override
        public void release() {
            set.release();
        }
    }
}
