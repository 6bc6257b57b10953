package org.rexec.fs;

import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderNotFoundException;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A zip or jar file opened as a file system by a cell, read-only. The JDK's zip file system does
 * the work, reading the zip file through the cell's own path (so the cell's grants, races and
 * quotas hold); this wrapper, its {@link CellZipProvider} and {@link CellZipPath}s are all the
 * cell ever sees of it, because the JDK's objects lead to the JVM-wide zip provider, which opens
 * any host path and returns other cells' and the supervisor's zip file systems.
 *
 * <p>Writing is refused ({@code ReadOnlyFileSystemException}, as for a read-only zip file system
 * of the JDK), so the JDK never writes the zip file back. Its entry streams make zlib inflaters
 * inside the JDK; {@link ZipInflaterSlots} counts them among the cell's native compressors.
 */
public final class CellZipFileSystem extends FileSystem {

  private final FileSystem zip;
  private final Path zipFile;
  private final CellZipProvider provider;
  private final ZipInflaterSlots inflaters;
  /**
   * Read-held while an entry stream opens or closes, written while the file system closes: the
   * JDK's {@code close()} copies its set of open streams unsynchronized, so a stream opened or
   * closed meanwhile made it throw {@code ConcurrentModificationException} half-way, leaving the
   * zip file open and its cached inflaters alive (uncounted once the slots were released).
   */
  private final ReadWriteLock streams = new ReentrantReadWriteLock();

  private CellZipFileSystem(
      FileSystem zip, Path zipFile, CellZipSupport support, int manifestInflaters) {
    this.zip = zip;
    this.zipFile = zipFile;
    this.inflaters = new ZipInflaterSlots(zip, support, manifestInflaters);
    this.provider = new CellZipProvider(this, zip.provider(), support, inflaters);
  }

  /**
   * Opens the zip file at a cell path read-only.
   *
   * @param cellFileSystem the cell's file system, which {@code path} must belong to
   * @param env the program's environment map, read once: {@code encoding}, {@code
   *     releaseVersion}, {@code multi-release} and {@code zipinfo-time} are honoured; {@code
   *     create=true} and {@code accessMode=readWrite} are refused as writes
   * @throws java.nio.file.NoSuchFileException or {@code AccessDeniedException} if the cell may
   *     not read the file, as its file rules say
   * @throws ProviderNotFoundException if the file is not a zip file (as {@code FileSystems} says)
   */
  public static FileSystem open(
      CellFileSystem cellFileSystem, Path path, Map<String, ?> env, CellZipSupport support)
      throws IOException {
    if (!cellFileSystem.owns(path)) {
      throw new ProviderNotFoundException("Provider not found");
    }
    Map<String, Object> readOnly = readOnlyEnvironment(path, env, support);
    cellFileSystem.provider().checkAccess(path, AccessMode.READ);
    int manifestInflaters = reserveManifestInflater(readOnly, support);
    FileSystem jdkZip;
    try {
      jdkZip = JdkZipProvider.INSTANCE.newFileSystem(path, readOnly);
    } catch (UnsupportedOperationException notAZipFile) {
      releaseAll(manifestInflaters, support);
      throw StackTraces.forCell(new ProviderNotFoundException("Provider not found"));
    } catch (IOException | RuntimeException | Error failed) {
      releaseAll(manifestInflaters, support);
      throw failed;
    }
    return new CellZipFileSystem(jdkZip, path, support, manifestInflaters);
  }

  /**
   * With a release version asked for, the JDK reads the manifest while opening, through an
   * inflater that it then keeps in its cache until the file system closes: one more native
   * compressor for as long as the file system is held, made outside any entry stream.
   *
   * @return the reservations made, 0 or 1, which the file system's slots take over
   */
  private static int reserveManifestInflater(Map<String, Object> env, CellZipSupport support) {
    if (!env.containsKey("releaseVersion") && !env.containsKey("multi-release")) {
      return 0;
    }
    support.reserveCompressor("the manifest inflater of a multi-release zip file system");
    return 1;
  }

  private static void releaseAll(int count, CellZipSupport support) {
    for (int i = 0; i < count; i++) {
      support.releaseCompressor();
    }
  }

  private static final List<String> READ_KEYS =
      List.of("encoding", "releaseVersion", "multi-release", "zipinfo-time");

  /** Copies what reading honours (values the JDK's own types only), and asks for read-only. */
  private static Map<String, Object> readOnlyEnvironment(
      Path path, Map<String, ?> env, CellZipSupport support) {
    Object create = env.get("create");
    if ("true".equals(create) || Boolean.TRUE.equals(create)) {
      throw StackTraces.forCell(support.refuseWrite("the zip file " + path + " (create=true)"));
    }
    if ("readWrite".equals(env.get("accessMode"))) {
      throw StackTraces.forCell(
          support.refuseWrite("the zip file " + path + " (accessMode=readWrite)"));
    }
    Map<String, Object> copy = new HashMap<>();
    for (String key : READ_KEYS) {
      Object value = env.get(key);
      if (value instanceof String || value instanceof Integer || value instanceof Boolean
          || value instanceof Runtime.Version) {
        copy.put(key, value);
      }
    }
    checkReleaseVersion(copy);
    copy.put("create", "false");
    copy.put("accessMode", "readOnly"); // JDK 20 and later; JDK 17 ignores it, the wrapper refuses
    return copy;
  }

  /**
   * Refuses a release version the JDK would refuse, as the JDK does, before the JDK opens the
   * file: it refuses only after opening (and reading the manifest), leaving its channel open, in
   * the cell's open files, until the cell closes.
   */
  private static void checkReleaseVersion(Map<String, Object> env) {
    Object version = env.containsKey("releaseVersion")
        ? env.get("releaseVersion") : env.get("multi-release");
    boolean valid =
        version == null
            || version instanceof Runtime.Version
            || (version instanceof Integer && (Integer) version > 0)
            || (version instanceof String
                && (version.equals("runtime") || ((String) version).matches("[1-9][0-9]{0,8}")));
    if (!valid) {
      throw StackTraces.forCell(
          new IllegalArgumentException("Invalid runtime version: " + version));
    }
  }

  /** The JDK's zip provider, found once: an immutable JDK singleton, never handed to a cell. */
  private static final class JdkZipProvider {
    static final FileSystemProvider INSTANCE = find();

    private static FileSystemProvider find() {
      for (FileSystemProvider installed : FileSystemProvider.installedProviders()) {
        if ("jar".equalsIgnoreCase(installed.getScheme())) {
          return installed;
        }
      }
      throw new ProviderNotFoundException("the JDK's zip file system (jdk.zipfs) is missing");
    }
  }

  /** The cell path of the zip file. */
  Path zipFile() {
    return zipFile;
  }

  CellZipPath wrap(Path jdkPath) {
    return jdkPath == null ? null : new CellZipPath(this, jdkPath);
  }

  /** The JDK path of one of this file system's paths; any other path is a mismatch. */
  Path unwrap(Path path) {
    if (path instanceof CellZipPath && ((CellZipPath) path).getFileSystem() == this) {
      return ((CellZipPath) path).zip();
    }
    throw CellZipPath.mismatch(path);
  }

  @Override
  public FileSystemProvider provider() {
    return provider;
  }

  /** Held (read) while an entry stream of this file system opens or closes in the JDK. */
  ReadWriteLock streams() {
    return streams;
  }

  /**
   * Closes the JDK's file system, which closes its open entry streams and ends its cached
   * inflaters. With no stream opening or closing meanwhile, what can still throw comes after
   * that (its last step looks the zip file's real path up, which fails once the file is moved or
   * deleted), so the reservations are released whatever it throws.
   */
  @Override
  public void close() throws IOException {
    streams.writeLock().lock();
    try {
      zip.close();
    } finally {
      streams.writeLock().unlock();
      inflaters.fileSystemClosed();
    }
  }

  @Override
  public boolean isOpen() {
    return zip.isOpen();
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public String getSeparator() {
    return zip.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    List<Path> roots = new ArrayList<>();
    for (Path root : zip.getRootDirectories()) {
      roots.add(wrap(root));
    }
    return List.copyOf(roots);
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return List.of(new CellZipFileStore(this));
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return Set.of("basic", "zip");
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(zip.getPath(first, more.clone()));
  }

  /** The JDK's matcher: a regular expression on {@code toString()}, nothing else. */
  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    return zip.getPathMatcher(syntaxAndPattern);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    throw new UnsupportedOperationException();
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException();
  }

  @Override
  public String toString() {
    return zipFile.toString();
  }
}
