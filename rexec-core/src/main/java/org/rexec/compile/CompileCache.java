package org.rexec.compile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.rexec.bug.RexecBugException;
import org.rexec.cache.SizeBoundedCache;

/**
 * Compiled source programs by (file name, source text, where the file lies, class path, compiler
 * options, Java runtime version), so that a supervisor running the same submission many times
 * compiles it once.
 *
 * <p>With the files of the source tree that javac read (and the directory listings it made),
 * these are all of javac's inputs (see {@link SourceCompiler}); the tree's part cannot be known
 * before compiling, so an entry records it and is used only while the tree still lists and holds
 * the same ({@link SourceTree.Reads}): editing, adding or removing a file the compilation saw
 * compiles again. So the same inputs always yield the same classes, and a result is safe to share
 * between cells. Only successful compilations are kept; a source that does not compile is
 * compiled again, with the same error, each time.
 *
 * <p>Bounded by the total size of the class files it holds and of what it records of their
 * trees; least recently used entries go first. Thread-safe.
 */
public final class CompileCache {

  /** The default bound: a few hundred small programs. */
  public static final long DEFAULT_MAX_BYTES = 16L << 20;

  // Static because sharing across cells is the cache's purpose, as for the rewrite cache. It
  // holds only immutable results keyed by content hashes.
  private static final CompileCache SHARED = new CompileCache(DEFAULT_MAX_BYTES);

  private static final String RUNTIME = Runtime.version().toString();

  private final SizeBoundedCache<String, Entry> entries;

  /** A compilation and what it read of its source tree (null: it had none). */
  private record Entry(CompiledSource compiled, SourceTree.Reads reads) {}

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
    return compile(SourceProgram.text(fileName, source), timeLimit);
  }

  /**
   * The classes of {@code program}: from the cache while its source tree is unchanged, or
   * compiled now by a {@link SourceCompiler} and kept.
   *
   * @param timeLimit for a compilation, as {@link SourceCompiler#compile} takes it
   * @throws CompilationException with javac's messages if it does not compile
   * @throws IllegalStateException if it must be compiled and this runtime has no compiler
   */
  public CompiledSource compile(SourceProgram program, Duration timeLimit)
      throws CompilationException {
    String key = key(program);
    // The tree is checked outside the cache's lock: it reads files.
    Entry cached = entries.peek(key);
    boolean fresh = cached != null && (cached.reads() == null || cached.reads().unchanged());
    Entry valid = entries.find(key, found -> fresh && found == cached ? found : null);
    if (valid != null) {
      return valid.compiled();
    }
    SourceCompiler.Result result = new SourceCompiler().compile(program, timeLimit);
    entries.put(key, new Entry(result.compiled(), result.reads()));
    return result.compiled();
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
    return key(SourceProgram.text(fileName, source));
  }

  static String key(SourceProgram program) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, RUNTIME);
      update(digest, String.join("\u0000", SourceCompiler.OPTIONS));
      update(digest, program.fileName());
      update(digest, program.source());
      update(digest, program.file() == null ? "" : program.file().toAbsolutePath().normalize().toString());
      // The class path by content: every class file's name and hash, in name order.
      for (Map.Entry<String, byte[]> classFile : new TreeMap<>(program.classPath()).entrySet()) {
        update(digest, classFile.getKey());
        update(digest, SourceTree.sha256(classFile.getValue()));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new RexecBugException("SHA-256 is required on every JDK", e);
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

  private static long size(Entry entry) {
    CompiledSource compiled = entry.compiled();
    // What the entry keeps of its tree counts too: a tree of many files lists many names.
    long size = 256 + (entry.reads() == null ? 0 : entry.reads().retainedBytes());
    for (Map.Entry<String, byte[]> classFile : compiled.classFiles().entrySet()) {
      size += classFile.getValue().length + classFile.getKey().length();
    }
    return size;
  }
}
