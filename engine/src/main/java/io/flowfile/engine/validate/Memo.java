package io.flowfile.engine.validate;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded map for remembered results, shared by threads: the least recently used entries go past the capacity. */
final class Memo<K, V> {

    private final Map<K, V> entries;

    Memo(int capacity) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }
}
