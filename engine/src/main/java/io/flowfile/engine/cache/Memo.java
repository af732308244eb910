package io.flowfile.engine.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/**
 * A bounded map for remembered results, shared by threads: past {@code maxBytes} (the entries'
 * weights, about their size in memory) the least recently used entries go; an entry weighing more
 * than an eighth of it is not kept at all.
 */
public final class Memo<K, V> {

    private final long maxBytes;
    private final ToLongBiFunction<K, V> weigher;
    private final Map<K, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    private record Entry<V>(V value, long weight) {
    }

    /** @param weigher about the bytes an entry holds */
    public Memo(long maxBytes, ToLongBiFunction<K, V> weigher) {
        this.maxBytes = maxBytes;
        this.weigher = weigher;
    }

    /** The value kept for {@code key}, or null. */
    public synchronized V get(K key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    public void put(K key, V value) {
        long weight = weigher.applyAsLong(key, value);
        if (weight > maxBytes / 8) {
            return;
        }
        synchronized (this) {
            Entry<V> previous = entries.put(key, new Entry<>(value, weight));
            bytes += weight - (previous == null ? 0 : previous.weight());
            var eldest = entries.values().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                bytes -= eldest.next().weight();
                eldest.remove();
            }
        }
    }
}
