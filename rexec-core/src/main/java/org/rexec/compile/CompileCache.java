package org.rexec.compile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.rexec.cache.SizeBoundedCache;

/**
 * Compiled source files by (file name, source text, compiler options, Java runtime version), so
 * that a supervisor running the same submission many times compiles it once.
 *
 * <p>These are all of javac's inputs here: the class path, source path and processor path are
 * empty (see {@link SourceCompiler}), so the same key always yields the same classes, and a
 * result is safe to share between cells. Only successful compilations are kept; a source that
 * does not compile is compiled again, with the same error, each time.
 *
 * <p>Bounded by the total size of the class files it holds; least recently used entries go
 * first. Thread-safe.
 */
public final class CompileCache {

  /** The default bound: a few hundred small programs. */
  public static final long DEFAULT_MAX_BYTES = 16L << 20;

  // Static because sharing across cells is the cache's purpose, as for the rewrite cache. It
  // holds only immutable results keyed by content hashes.
  private static final CompileCache SHARED = new CompileCache(DEFAULT_MAX_BYTES);

  private static final String RUNTIME = Runtime.version().toString();

  private final SizeBoundedCache<String, CompiledSource> entries;

  /** A cache holding at most {@code maxBytes} of class files; 0 keeps nothing. */
  public CompileCache(long maxBytes) {
    this.entries = new SizeBoundedCache<>(maxBytes, CompileCache::size);
  }

  /** The cache shared by all cells of this JVM unless a cell is given its own. */
  public static CompileCache shared() {
    return SHARED;
  }

  /** A cache that keeps nothing: every source is compiled. */
  public static CompileCache none() {
    return new CompileCache(0);
  }

  /**
   * The classes of {@code source}, compiled as {@code fileName}: from the cache, or compiled
   * now by a {@link SourceCompiler} and kept.
   *
   * @param timeLimit for a compilation, as {@link SourceCompiler#compile} takes it
   * @throws CompilationException with javac's messages if it does not compile
   * @throws IllegalStateException if it must be compiled and this runtime has no compiler
   */
  public CompiledSource compile(String fileName, String source, Duration timeLimit)
      throws CompilationException {
    String key = key(fileName, source);
    CompiledSource cached = entries.find(key, found -> found);
    if (cached != null) {
      return cached;
    }
    CompiledSource compiled = new SourceCompiler().compile(fileName, source, timeLimit);
    entries.put(key, compiled);
    return compiled;
  }

  /** Hits and misses so far, for benchmarks and tests. */
  public String statistics() {
    return entries.statistics();
  }

  /** Empties the cache. */
  public void clear() {
    entries.clear();
  }

  /**
   * A hash of every input of the compilation. Each part is preceded by its length, so that no
   * two different inputs give the same sequence of bytes.
   */
  static String key(String fileName, String source) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, RUNTIME);
      update(digest, String.join("\u0000", SourceCompiler.OPTIONS));
      update(digest, fileName);
      update(digest, source);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every JDK", e);
    }
  }

  private static void update(MessageDigest digest, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    digest.update(
        new byte[] {
          (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
          (byte) (bytes.length >>> 8), (byte) bytes.length
        });
    digest.update(bytes);
  }

  private static long size(CompiledSource compiled) {
    long size = 256;
    for (Map.Entry<String, byte[]> classFile : compiled.classFiles().entrySet()) {
      size += classFile.getValue().length + classFile.getKey().length();
    }
    return size;
  }
}
