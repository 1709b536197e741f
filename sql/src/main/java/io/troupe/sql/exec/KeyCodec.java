package io.troupe.sql.exec;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import io.troupe.sql.schema.EventField;
import io.troupe.sql.schema.EventLayout;
import io.troupe.storage.dictionary.Dictionaries;
import java.util.List;

/**
 * Dense codes for a tuple of key outputs, combined into one mixed-radix long: each key is a dictionary id
 * (+1, so that 0 is NULL), a time bucket counted from the scan's first one, or a group property code. The
 * long of a row is its key; {@link #decode} turns a key back into values. Used for GROUP BY keys and for a
 * report's breakdowns.
 */
final class KeyCodec {
    private final EventLayout layout;
    private final List<Output> outputs;
    private final int[] keys;
    private final ValueDecoder decoder;
    private final long[] cards;
    private final long[] strides;
    private final long[] timeBase;
    private final long product;

    /**
     * @param keys indexes into {@code outputs} of the key columns, most significant first
     * @param minTime the scan's first event time, where time buckets start
     * @param maxTime the scan's last event time
     */
    KeyCodec(EventLayout layout, List<Output> outputs, int[] keys, Dictionaries dictionaries, ValueDecoder decoder,
             long minTime, long maxTime) {
        this.layout = layout;
        this.outputs = outputs;
        this.keys = keys;
        this.decoder = decoder;
        cards = new long[keys.length];
        strides = new long[keys.length];
        timeBase = new long[keys.length];
        long p = 1;
        for (int k = keys.length - 1; k >= 0; k--) {
            long card = cardinality(outputs.get(keys[k]), dictionaries, decoder, layout, minTime, maxTime);
            if (outputs.get(keys[k]) instanceof Output.Floor f && minTime <= maxTime) {
                timeBase[k] = f.unit().bucket(minTime);
            }
            cards[k] = card;
            strides[k] = p;
            if (card > 0 && p > Long.MAX_VALUE / 4 / card) {
                throw new TroupeException(ErrorCode.SQL_UNSUPPORTED,
                        "a GROUP BY over keys with more than 2^61 combinations; group by fewer keys");
            }
            p *= card;
        }
        product = p;
    }

    /** Distinct codes of one output (including 0 for NULL where it has one). */
    static long cardinality(Output o, Dictionaries dictionaries, ValueDecoder decoder, EventLayout layout,
                            long minTime, long maxTime) {
        if (o instanceof Output.Floor f) {
            return minTime > maxTime ? 0 : f.unit().bucket(maxTime) - f.unit().bucket(minTime) + 1;
        }
        if (o instanceof Output.GroupProperty gp) {
            return decoder.codes(gp).cardinality();
        }
        EventField field = layout.field(o.field());
        if (!field.isId()) {
            throw new IllegalStateException("not a key column: " + field.name());
        }
        return dictionaries.get(field.domain()).size() + 1L;
    }

    int size() {
        return keys.length;
    }

    /** The number of distinct keys: the product of the cardinalities. */
    long product() {
        return product;
    }

    Output output(int k) {
        return outputs.get(keys[k]);
    }

    long timeBase(int k) {
        return timeBase[k];
    }

    /** Sets {@code composite[0..n)} to the keys of the batch's rows. */
    void keys(BatchData d, long[] composite, int n) {
        java.util.Arrays.fill(composite, 0, n, 0L);
        for (int k = 0; k < keys.length; k++) {
            add(d, k, composite, n);
        }
    }

    /** Adds key {@code k}'s code times its stride to {@code composite[0..n)}. */
    private void add(BatchData d, int k, long[] composite, int n) {
        Output o = outputs.get(keys[k]);
        long stride = strides[k];
        if (o instanceof Output.Floor f) {
            long[] t = d.times();
            long base = timeBase[k];
            TimeBucket unit = f.unit();
            if (n > 0 && d.batch().sortedByTime() && unit.bucket(t[0]) == unit.bucket(t[n - 1])) {
                long add = (unit.bucket(t[0]) - base) * stride; // time-ordered rows, one bucket
                for (int i = 0; i < n; i++) {
                    composite[i] += add;
                }
            } else if (unit == TimeBucket.DAY || unit == TimeBucket.HOUR) {
                long ms = unit == TimeBucket.DAY ? 86_400_000L : 3_600_000L;
                for (int i = 0; i < n; i++) {
                    composite[i] += (Math.floorDiv(t[i], ms) - base) * stride;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    composite[i] += (unit.bucket(t[i]) - base) * stride;
                }
            }
        } else if (o instanceof Output.GroupProperty gp) {
            GroupPropertyCodes codes = decoder.codes(gp);
            int[] ids = d.ids(o.field());
            for (int i = 0; i < n; i++) {
                composite[i] += codes.code(ids[i]) * stride;
            }
        } else {
            int[] ids = d.ids(o.field());
            for (int i = 0; i < n; i++) {
                composite[i] += (ids[i] + 1L) * stride;
            }
        }
    }

    /**
     * The key of the rows a segment's recorded counts stand for: {@code COUNT(*)} keyed by event type and time
     * buckets only.
     */
    long keyOf(int eventTypeId, long time) {
        long key = 0;
        for (int k = 0; k < keys.length; k++) {
            long code = outputs.get(keys[k]) instanceof Output.Floor f
                    ? f.unit().bucket(time) - timeBase[k] : eventTypeId + 1L;
            key += code * strides[k];
        }
        return key;
    }

    /** Writes the values of {@code key} into {@code row[offset..offset + size())}. */
    void decode(long key, Object[] row, int offset) {
        for (int k = 0; k < keys.length; k++) {
            long code = (key / strides[k]) % cards[k];
            Output o = outputs.get(keys[k]);
            if (o instanceof Output.Floor f) {
                row[offset + k] = f.unit().start(timeBase[k] + code);
            } else if (o instanceof Output.GroupProperty gp) {
                row[offset + k] = decoder.codes(gp).value((int) code);
            } else {
                row[offset + k] = decoder.idValue(o.field(), (int) code - 1);
            }
        }
    }

    EventLayout layout() {
        return layout;
    }
}
