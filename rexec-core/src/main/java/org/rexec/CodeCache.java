package org.rexec;

import org.rexec.compile.CompileCache;
import org.rexec.rewrite.RewriteCache;

/**
 * Where cells keep the code they prepare, to share it: class files as the rewriter left them,
 * and source programs as javac compiled them. Both are keyed by the content of what was given
 * (and the policy's allow-list, the JDK's version), so sharing one cache between cells of
 * different policies is safe, and one library jar is rewritten once for many cells. Bounded by
 * the bytes it holds; least recently used entries go first. Thread-safe.
 *
 * <p>By default every cell uses {@link #shared()}. A supervisor gives cells a cache of their
 * own to bound or measure it apart, or {@link #bounded bounded(n, 0)} to compile every source.
 */
public final class CodeCache {

  /** The default bound of rewritten class files: the JDK-free part of a large application. */
  public static final long DEFAULT_REWRITTEN_BYTES = RewriteCache.DEFAULT_MAX_BYTES;

  /** The default bound of compiled class files: a few hundred small programs. */
  public static final long DEFAULT_COMPILED_BYTES = CompileCache.DEFAULT_MAX_BYTES;

  private static final CodeCache SHARED =
      new CodeCache(RewriteCache.shared(), CompileCache.shared());

  private final RewriteCache rewritten;
  private final CompileCache compiled;

  private CodeCache(RewriteCache rewritten, CompileCache compiled) {
    this.rewritten = rewritten;
    this.compiled = compiled;
  }

  /**
   * The cache every cell of this JVM uses unless it is given another.
   *
   * @return the JVM-wide cache, bounded by {@link #DEFAULT_REWRITTEN_BYTES} and {@link
   *     #DEFAULT_COMPILED_BYTES}
   */
  public static CodeCache shared() {
    return SHARED;
  }

  /**
   * A new, empty cache holding at most {@code rewrittenBytes} of rewritten class files and
   * {@code compiledBytes} of compiled ones; 0 keeps nothing of that kind.
   *
   * @param rewrittenBytes the bound of rewritten class files, in bytes; 0 or more
   * @param compiledBytes the bound of compiled class files, in bytes; 0 or more
   * @return the new cache
   * @throws IllegalArgumentException if a bound is negative
   */
  public static CodeCache bounded(long rewrittenBytes, long compiledBytes) {
    if (rewrittenBytes < 0 || compiledBytes < 0) {
      throw new IllegalArgumentException(
          "cache bounds must be >= 0, were " + rewrittenBytes + " and " + compiledBytes);
    }
    return new CodeCache(new RewriteCache(rewrittenBytes), new CompileCache(compiledBytes));
  }

  /**
   * One line: entries, bytes held and hits of each kind, for diagnostics.
   *
   * @return the statistics, one line, for people rather than parsers
   */
  public String statistics() {
    return "rewrite cache " + rewritten.statistics() + "; compile cache " + compiled.statistics();
  }

  /** Forgets everything held; cells using the cache prepare their code again. */
  public void clear() {
    rewritten.clear();
    compiled.clear();
  }

  /** A cache of these parts: for rexec's own tests, which look into each part. */
  static CodeCache of(RewriteCache rewritten, CompileCache compiled) {
    return new CodeCache(rewritten, compiled);
  }

  RewriteCache rewritten() {
    return rewritten;
  }

  CompileCache compiled() {
    return compiled;
  }
}
