package org.rexec.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Values by key, bounded by the total of their sizes: the least recently used go first, and a
 * value larger than the bound is not kept. Counts hits and misses. Thread-safe. The rewrite cache
 * and the compile cache keep their entries here.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class SizeBoundedCache<K, V> {

  private final long maxBytes;
  private final ToLongFunction<V> size;
  private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long heldBytes;
  private long hits;
  private long misses;

  /**
   * @param maxBytes the bound on the total size; 0 keeps nothing
   * @param size the size of a value, in bytes
   * @throws IllegalArgumentException if {@code maxBytes} is negative
   */
  public SizeBoundedCache(long maxBytes, ToLongFunction<V> size) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.size = size;
  }

  /**
   * What {@code select} makes of the value kept for {@code key}: a hit if that is not null, a
   * miss if it is or nothing is kept.
   */
  public synchronized <R> R find(K key, Function<V, R> select) {
    V value = entries.get(key);
    R selected = value == null ? null : select.apply(value);
    if (selected != null) {
      hits++;
    } else {
      misses++;
    }
    return selected;
  }

  /** The value kept for {@code key}, or null; neither a hit nor a miss. */
  public synchronized V peek(K key) {
    return entries.get(key);
  }

  /** Keeps {@code value} for {@code key} in place of any other, evicting as the bound needs. */
  public synchronized void put(K key, V value) {
    V replaced = entries.remove(key);
    if (replaced != null) {
      heldBytes -= size.applyAsLong(replaced);
    }
    long bytes = size.applyAsLong(value);
    if (bytes > maxBytes) {
      return;
    }
    entries.put(key, value);
    heldBytes += bytes;
    Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator();
    while (heldBytes > maxBytes && eldest.hasNext()) {
      heldBytes -= size.applyAsLong(eldest.next().getValue());
      eldest.remove();
    }
  }

  /** Hits, misses, entries and bytes held, for benchmarks and tests. */
  public synchronized String statistics() {
    return "hits=" + hits + " misses=" + misses + " entries=" + entries.size()
        + " bytes=" + heldBytes;
  }

  /** Empties the cache. */
  public synchronized void clear() {
    entries.clear();
    heldBytes = 0;
  }
}
