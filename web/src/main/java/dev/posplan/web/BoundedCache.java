package dev.posplan.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small map of values that are expensive to build and cheap to keep, holding at most {@code capacity} entries
 * (the least recently used goes first), so keys a client can vary cannot grow it. Values are built outside the
 * lock: two threads may build the same value at once, which is harmless for the pure builders it is used with;
 * a builder that throws keeps nothing.
 */
final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value kept for {@code key}, or the one {@code build} makes for it, kept from now on. */
    V get(K key, Function<? super K, ? extends V> build) {
        synchronized (entries) {
            V kept = entries.get(key);
            if (kept != null) {
                return kept;
            }
        }
        V built = build.apply(key);
        synchronized (entries) {
            V raced = entries.putIfAbsent(key, built);
            return raced != null ? raced : built;
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
