package org.rexec.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rexec.cache.SizeBoundedCache;

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
  private final SizeBoundedCache<String, List<RewriteResult>> entries;

  /** A cache holding at most {@code maxBytes} of rewritten class files. */
  public RewriteCache(long maxBytes) {
    this.entries = new SizeBoundedCache<>(maxBytes, RewriteCache::size);
    this.maxBytes = maxBytes;
  }

  /** The cache shared by all cells of this JVM unless a cell is given its own. */
  public static RewriteCache shared() {
    return SHARED;
  }

  /** A result for this key whose dependencies match {@code classPath}, or {@code null}. */
  RewriteResult find(String key, CellClassPath classPath) {
    return entries.find(
        key,
        candidates ->
            candidates.stream()
                .filter(candidate -> dependenciesMatch(candidate, classPath))
                .findFirst()
                .orElse(null));
  }

  /** Keeps {@code result} beside the other variants of its key (other dependencies). */
  synchronized void put(String key, RewriteResult result) {
    if (size(result) > maxBytes) {
      return;
    }
    List<RewriteResult> variants = new ArrayList<>();
    List<RewriteResult> kept = entries.peek(key);
    if (kept != null) {
      variants.addAll(kept);
    }
    variants.add(result);
    entries.put(key, List.copyOf(variants));
  }

  /** Hits and misses so far, for benchmarks and tests. */
  public String statistics() {
    return entries.statistics();
  }

  /** Empties the cache. */
  public void clear() {
    entries.clear();
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
    // Not only the bytes: a crafted class keeps thousands of refusal sites with long names.
    return result.retainedBytes();
  }

  private static long size(List<RewriteResult> variants) {
    return variants.stream().mapToLong(RewriteCache::size).sum();
  }
}
