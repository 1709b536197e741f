package io.troupe.testing.generator;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable, insertion-ordered property map over one array of alternating keys and values.
 *
 * <p>Why not {@code Map.of}: its iteration order changes from one JVM run to the next, which would make
 * JSON and CSV output differ between runs of the same seed. Why not {@code LinkedHashMap}: one small array
 * per event costs far less when millions of events are generated.
 */
final class OrderedProperties extends AbstractMap<String, Object> {
    static final Map<String, Object> EMPTY = new OrderedProperties(new Object[0]);

    private final Object[] keysAndValues;

    private OrderedProperties(Object[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    /** An ordered map of the given alternating keys and values. */
    static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        return new OrderedProperties(keysAndValues.clone());
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return keysAndValues[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry =
                                new SimpleImmutableEntry<>((String) keysAndValues[next], keysAndValues[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return keysAndValues.length / 2;
            }
        };
    }

    /**
     * Collects one map at a time into a reused scratch array; {@link #build()} copies it out exactly sized
     * (the scratch array is not cleared, it is overwritten by the next map). Not thread-safe: one builder per
     * generator.
     */
    static final class Builder {
        private Object[] scratch = new Object[32];
        private int length;

        Builder put(String key, Object value) {
            if (length + 2 > scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            scratch[length++] = key;
            scratch[length++] = value;
            return this;
        }

        Map<String, Object> build() {
            if (length == 0) {
                return EMPTY;
            }
            Map<String, Object> built = new OrderedProperties(Arrays.copyOf(scratch, length));
            length = 0;
            return built;
        }
    }
}
