package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rewritten classes by (class file hash, rewriter fingerprint), so that a library is transformed
 * once for many cells. A rewrite also depends on the cell classes that resolution consulted; an
 * entry is reused only by a cell whose classes of those names have the same hashes (or are
 * equally absent), so no cell can plant a rewrite that another cell would trust wrongly.
 *
 * <p>Bounded by the total size of the rewritten bytes it holds; least recently used entries go
 * first. Thread-safe.
 */
public final class RewriteCache {

  /** The default bound: enough for the JDK-free part of a large application. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  // Static because sharing across cells is the cache's purpose (DESIGN.md section 4). It holds
  // only immutable results keyed by content hashes.
  private static final RewriteCache SHARED = new RewriteCache(DEFAULT_MAX_BYTES);

  private final long maxBytes;
  private long heldBytes;
  private long hits;
  private long misses;
  private final LinkedHashMap<String, List<RewriteResult>> entries =
      new LinkedHashMap<>(256, 0.75f, true);

  /** A cache holding at most {@code maxBytes} of rewritten class files. */
  public RewriteCache(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The cache shared by all cells of this JVM unless a cell is given its own. */
  public static RewriteCache shared() {
    return SHARED;
  }

  /** A result for this key whose dependencies match {@code classPath}, or {@code null}. */
  synchronized RewriteResult find(String key, CellClassPath classPath) {
    List<RewriteResult> candidates = entries.get(key);
    if (candidates != null) {
      for (RewriteResult candidate : candidates) {
        if (dependenciesMatch(candidate, classPath)) {
          hits++;
          return candidate;
        }
      }
    }
    misses++;
    return null;
  }

  synchronized void put(String key, RewriteResult result) {
    long size = size(result);
    if (size > maxBytes) {
      return;
    }
    entries.computeIfAbsent(key, k -> new ArrayList<>(1)).add(result);
    heldBytes += size;
    var eldest = entries.entrySet().iterator();
    while (heldBytes > maxBytes && eldest.hasNext()) {
      Map.Entry<String, List<RewriteResult>> entry = eldest.next();
      for (RewriteResult evicted : entry.getValue()) {
        heldBytes -= size(evicted);
      }
      eldest.remove();
    }
  }

  /** Hits and misses so far, for benchmarks and tests. */
  public synchronized String statistics() {
    return "hits=" + hits + " misses=" + misses + " entries=" + entries.size()
        + " bytes=" + heldBytes;
  }

  /** Empties the cache. */
  public synchronized void clear() {
    entries.clear();
    heldBytes = 0;
  }

  private static boolean dependenciesMatch(RewriteResult result, CellClassPath classPath) {
    for (Map.Entry<String, String> dependency : result.dependencies().entrySet()) {
      if (!Objects.equals(dependency.getValue(), classPath.classHash(dependency.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static long size(RewriteResult result) {
    // The bytes dominate; a fixed overhead stands for the lists and maps.
    return (result.bytes() == null ? 0 : result.bytes().length) + 256;
  }
}
