package org.rexec.fs;

import org.rexec.policy.Access;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rexec.policy.Rule;

/**
 * The file namespace of one cell: what each cell path means on the host, and whether the cell
 * may do what it asks there. Every file operation of the cell, NIO or java.io, is resolved here.
 *
 * <p>A cell path is resolved lexically (made absolute against the cell's working directory,
 * {@code .} and {@code ..} removed, so {@code ..} can never climb out of a mount), then mapped
 * through the mount with the longest matching cell path. Where the operation follows symbolic
 * links, the host's real path must still lie inside a mount that allows the operation; where it
 * does not, the real path of the parent must. The host's {@code /proc}, {@code /sys} and
 * {@code /dev} are never reachable, whatever is granted.
 *
 * <p>The scratch directory is created on the host when the cell first resolves a path in it, not
 * before: most programs never touch {@code /tmp}, and creating and deleting a directory costs
 * more than the rest of a short run (about 0.1 ms to create and 0.4 to 1 ms to delete on a
 * journaling file system; see docs/BENCHMARKS.md). Its name is chosen at random when the
 * namespace is built and it is created exclusively, so a file planted at that name makes the
 * scratch directory unusable but is never used as one.
 *
 * <p>Thread-safe. {@link #close()} deletes the scratch directory.
 */
public final class CellFiles implements Closeable {

  /** Where the scratch directory appears inside every cell. */
  public static final String SCRATCH = "/tmp";

  private static final List<Path> SYSTEM_DIRECTORIES =
      List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private final List<Mount> mounts;
  private final Map<Mount, Path> realRoots = new LinkedHashMap<>();
  private final Map<String, byte[]> memoryFiles;
  private final String workingDirectory;
  private final Path scratchHost;
  private final Mount scratchMount;
  private final Object scratchLock = new Object();
  private volatile boolean scratchCreated;
  private boolean closed;
  private final DiskQuota quota;
  private final FileEvents events;
  private final Set<String> deleteOnClose = ConcurrentHashMap.newKeySet();
  private final OpenFiles openFiles = new OpenFiles();
  private final CellFileSystem fileSystem;

  private CellFiles(Builder builder) throws IOException {
    this.events = builder.events;
    this.scratchHost = ScratchNames.next();
    this.quota = new DiskQuota(scratchHost, builder.maxDiskBytes, builder.maxDiskEntries);
    this.scratchMount = new Mount(SCRATCH, scratchHost, Access.WRITE, "scratch");
    List<Mount> all = new ArrayList<>(builder.mounts);
    all.add(scratchMount);
    for (Mount mount : all) {
      for (Mount other : all) {
        if (mount != other && mount.cellPath().equals(other.cellPath())) {
          throw new IllegalArgumentException(
              "two grants appear at the same cell path " + mount.cellPath()
                  + (mount.cellPath().equals(SCRATCH) || other.cellPath().equals(SCRATCH)
                      ? " (the cell's scratch directory); mount the host directory elsewhere"
                      : ""));
        }
      }
    }
    // Longest cell path first: the innermost mount wins.
    all.sort(Comparator.comparingInt((Mount mount) -> mount.cellPath().length()).reversed());
    this.mounts = List.copyOf(all);
    for (Mount mount : mounts) {
      // The scratch directory does not exist yet; its name is already real (ScratchNames).
      Path real = mount == scratchMount ? scratchHost : realOrAbsolute(mount.hostPath());
      if (isSystem(real)) {
        throw new IllegalArgumentException(
            "cannot grant " + mount.hostPath() + ": /proc, /sys and /dev are never granted");
      }
      realRoots.put(mount, real);
    }
    this.memoryFiles = Map.copyOf(builder.memoryFiles);
    this.workingDirectory = builder.workingDirectory;
    this.fileSystem = new CellFileSystem(new CellFileSystemProvider(this), this);
  }

  /** A builder of a cell's file namespace. */
  public static Builder builder() {
    return new Builder();
  }

  /** The cell's file system: {@code FileSystems.getDefault()} as the cell sees it. */
  public CellFileSystem fileSystem() {
    return fileSystem;
  }

  /** The cell's working directory, the base of relative paths. */
  public String workingDirectory() {
    return workingDirectory;
  }

  /** The cell path of the scratch directory ({@code java.io.tmpdir} of the cell). */
  public String scratchDirectory() {
    return SCRATCH;
  }

  /** Bytes held in the scratch directory, as counted by the quota. */
  public long scratchBytes() {
    return quota.usedBytes();
  }

  FileEvents events() {
    return events;
  }

  DiskQuota quota() {
    return quota;
  }

  OpenFiles openFiles() {
    return openFiles;
  }

  /** {@code path} made absolute against the working directory and normalized. */
  String absolute(String path) {
    return CellPaths.absolute(workingDirectory, path);
  }

  /**
   * The canonical form of a cell path, as {@code File.getCanonicalPath} gives it: absolute and
   * normalized, with symbolic links resolved where the cell may read them. Records nothing.
   */
  public String realPathQuietly(String path) {
    String cellPath = absolute(path);
    try {
      Path real = HostNamespace.using(held -> resolve(cellPath, Access.READ, true, false).host());
      String cellReal = real == null ? null : cellPathOf(real);
      return cellReal != null ? cellReal : cellPath;
    } catch (IOException absentOrRefused) {
      return cellPath;
    }
  }

  /** Deletes {@code cellPath} when the cell closes ({@code File.deleteOnExit}). */
  public void deleteOnClose(String cellPath) {
    deleteOnClose.add(absolute(cellPath));
  }

  /**
   * What a cell path means for an operation that needs {@code access}.
   *
   * @param followLinks whether the operation follows a symbolic link at the path itself
   * @throws AccessDeniedException (recorded as a violation) if the cell may not
   */
  Target resolve(HostNamespace.Held held, String path, Access access, boolean followLinks)
      throws IOException {
    return resolve(path, access, followLinks, true);
  }

  /**
   * Refuses to move or delete a host directory that is, or holds, the real root of one of the
   * cell's grants: the grant is the supervisor's, not the cell's, to take away.
   */
  void checkNotAGrantRoot(Target target, String operation) throws AccessDeniedException {
    for (Path root : realRoots.values()) {
      if (target.host() != null && root.startsWith(target.host())) {
        throw refuse(operation, target.cellPath(), Rule.FILE_WRITE);
      }
    }
  }

  /**
   * Whether the cell may make a symbolic link to a cell path: it must lie in a writable grant,
   * and so must whatever of it exists once links are resolved. It may dangle: the link is
   * judged again wherever it is followed.
   */
  boolean mayLinkTo(HostNamespace.Held held, String cellPath) {
    Mount mount = mountFor(cellPath);
    if (mount == null || memoryFiles.containsKey(cellPath) || !mount.access().covers(Access.WRITE)) {
      return false;
    }
    try {
      resolve(cellPath, Access.WRITE, true, false);
      return true;
    } catch (NoSuchFileException dangling) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** The host path a cell path in a mount maps to, links not resolved: what a link's text names. */
  Path hostPathOf(String cellPath) {
    Mount mount = mountFor(cellPath);
    return mount.hostFor(mount.relativize(cellPath));
  }

  /** Whether the cell may do so, without recording anything: for checks inside operations. */
  boolean allows(HostNamespace.Held held, String path, Access access, boolean followLinks) {
    Target target = resolveQuietly(held, path, access, followLinks);
    return target != null && target.mount() != null;
  }

  /** What a cell path means, or null where the cell may not: records nothing. */
  Target resolveQuietly(
      HostNamespace.Held held, String path, Access access, boolean followLinks) {
    try {
      return resolve(path, access, followLinks, false);
    } catch (IOException refused) {
      return null;
    }
  }

  private Target resolve(String path, Access access, boolean followLinks, boolean record)
      throws IOException {
    String cellPath = absolute(path);
    byte[] memory = memoryFiles.get(cellPath);
    if (memory != null) {
      if (access == Access.WRITE) {
        throw refuse(access, cellPath, Rule.FILE_WRITE, record);
      }
      return new Target(cellPath, null, null, null, memory);
    }
    Mount mount = mountFor(cellPath);
    if (mount == null) {
      throw refuse(
          access, cellPath, access == Access.READ ? Rule.FILE_READ : Rule.FILE_WRITE, record);
    }
    if (!mount.access().covers(access)) {
      throw refuse(access, cellPath, Rule.FILE_WRITE, record);
    }
    RealPaths.Resolved real;
    try {
      real =
          RealPaths.resolve(
              mount.hostFor(mount.relativize(cellPath)), followLinks, SYSTEM_DIRECTORIES);
    } catch (IOException failure) {
      throw HostErrors.retell(failure, cellPath, null);
    }
    // What is judged is the real path, every link on the way resolved: the system call that
    // follows names it and nothing else, since the caller holds the HostNamespace lock.
    if (real.closed()) {
      throw refuse(access, cellPath, Rule.SYSTEM_FILES, record);
    }
    if (!isGranted(real.path(), access)) {
      throw refuse(access, cellPath, Rule.FILE_ESCAPE, record);
    }
    return new Target(cellPath, mount, real.path(), real.attributes(), null);
  }

  /**
   * The mount that serves a normalized absolute cell path, or null. The scratch directory is
   * created on the host when it is first asked for.
   */
  Mount mountFor(String cellPath) {
    for (Mount mount : mounts) {
      if (mount.relativize(cellPath) != null) {
        if (mount == scratchMount && !scratchCreated) {
          createScratch();
        }
        return mount;
      }
    }
    return null;
  }

  /** Whether the scratch directory exists on the host: some path in it was resolved. */
  public boolean hasScratchDirectory() {
    return scratchCreated;
  }

  /**
   * Creates the scratch directory, owner-only, once. Where it cannot be created (the host's
   * temporary directory is full or not writable, or the name was taken), operations in it fail
   * as they would on the host, and the next resolution tries again.
   */
  private void createScratch() {
    synchronized (scratchLock) {
      if (scratchCreated || closed) {
        return;
      }
      try {
        Files.createDirectory(
            scratchHost,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        scratchCreated = true;
      } catch (IOException failed) {
        // Left absent: the operation that asked gets the host's error for a missing directory.
      }
    }
  }

  /** Whether a real host path lies in a mount that allows {@code access}. */
  boolean isGranted(Path realHost, Access access) {
    for (Map.Entry<Mount, Path> root : realRoots.entrySet()) {
      if (realHost.startsWith(root.getValue()) && root.getKey().access().covers(access)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The cell path of a host path in some mount (the innermost), or null: what the cell sees
   * where the host names a file, as in a symbolic link's target.
   */
  String cellPathOf(Path host) {
    Path normalized = host.normalize();
    for (Mount mount : mounts) {
      for (Path root : List.of(realRoots.get(mount), mount.hostPath())) {
        if (normalized.startsWith(root)) {
          Path relative = root.relativize(normalized);
          return relative.toString().isEmpty()
              ? mount.cellPath()
              : CellPaths.syntax(mount.cellPath()).resolve(relative.toString()).toString();
        }
      }
    }
    return null;
  }

  /** Records a refusal and returns the exception the JDK throws when the OS says no. */
  AccessDeniedException refuse(Access access, String cellPath, Rule rule) {
    return refuse(access, cellPath, rule, true);
  }

  private AccessDeniedException refuse(
      Access access, String cellPath, Rule rule, boolean record) {
    String operation = access == Access.READ ? "read" : "write";
    return record
        ? refuse(operation, cellPath, rule)
        : StackTraces.forCell(new AccessDeniedException(cellPath, null, denial(rule)));
  }

  /** Records a refusal of {@code operation} and returns the exception to throw. */
  AccessDeniedException refuse(String operation, String cellPath, Rule rule) {
    events.refused(operation, cellPath, rule);
    return StackTraces.forCell(new AccessDeniedException(cellPath, null, denial(rule)));
  }

  /** The reason an OS gives for a refusal, with the rule that refused it. */
  public static String denial(Rule rule) {
    return "Permission denied (rule: " + rule + ")";
  }

  private static boolean isSystem(Path real) {
    for (Path system : SYSTEM_DIRECTORIES) {
      if (real.startsWith(system)) {
        return true;
      }
    }
    return false;
  }

  private static Path realOrAbsolute(Path host) {
    try {
      return host.toRealPath();
    } catch (IOException absent) {
      return host.toAbsolutePath().normalize();
    }
  }

  /**
   * Closes what the cell left open, deletes the files marked to delete on close, then the
   * scratch directory. Idempotent.
   */
  @Override
  public void close() throws IOException {
    openFiles.closeAll();
    for (String cellPath : deleteOnClose) {
      try {
        fileSystem.provider().deleteIfExists(fileSystem.getPath(cellPath));
      } catch (IOException ignored) {
        // Refused, or in use as a directory: nothing to do.
      }
    }
    deleteOnClose.clear();
    synchronized (scratchLock) {
      closed = true;
      if (!scratchCreated) {
        return;
      }
    }
    // Under the exclusive lock: the walk deletes by name, so no cell may rename a directory of
    // the scratch tree (another cell's writable grant may hold it) while it runs.
    HostNamespace.changing(
        held -> {
          deleteTree(scratchHost);
          return null;
        });
  }

  /**
   * Deletes the tree at {@code root}, as much of it as the host allows: a file that cannot be
   * deleted does not keep the others. Throws the first failure, the later ones suppressed.
   */
  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<IOException> failures = new ArrayList<>();
    // Does not follow symbolic links: a link in the scratch directory is deleted, not its target.
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            delete(file, failures);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure) {
            failures.add(failure);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path directory, IOException failure) {
            if (failure != null) {
              failures.add(failure);
            }
            delete(directory, failures);
            return FileVisitResult.CONTINUE;
          }
        });
    if (!failures.isEmpty()) {
      IOException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  private static void delete(Path path, List<IOException> failures) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      failures.add(e);
    }
  }

  /**
   * A resolved cell path: a host path in a mount, or an in-memory file.
   *
   * @param cellPath the absolute, normalized cell path
   * @param mount the mount, or null for an in-memory file
   * @param host the real host path (see {@link RealPaths}), or null for an in-memory file
   * @param attributes the host file's attributes, not following a link; null if it does not
   *     exist or is in memory
   * @param memory the content of an in-memory file, or null
   */
  record Target(
      String cellPath, Mount mount, Path host, PosixFileAttributes attributes, byte[] memory) {
    boolean isMemory() {
      return memory != null;
    }

    /** Whether the host file exists (as resolution found it, under the namespace lock). */
    boolean exists() {
      return attributes != null;
    }
  }

  /** Builds a {@link CellFiles}. */
  public static final class Builder {
    private final List<Mount> mounts = new ArrayList<>();
    private final Map<String, byte[]> memoryFiles = new LinkedHashMap<>();
    private String workingDirectory = SCRATCH;
    private long maxDiskBytes = 64L << 20;
    private int maxDiskEntries = 1000;
    private FileEvents events = FileEvents.NONE;

    private Builder() {}

    /** Adds a mount. */
    public Builder mount(Mount mount) {
      mounts.add(Objects.requireNonNull(mount, "mount"));
      return this;
    }

    /** Adds a read-only file served from memory at {@code cellPath}. */
    public Builder memoryFile(String cellPath, byte[] content) {
      if (!CellPaths.isAbsoluteNormalized(cellPath)) {
        throw new IllegalArgumentException(
            "an in-memory file needs an absolute, normalized cell path, was " + cellPath);
      }
      memoryFiles.put(cellPath, content.clone());
      return this;
    }

    /** The base of relative paths (default: the scratch directory). */
    public Builder workingDirectory(String cellPath) {
      if (!CellPaths.isAbsoluteNormalized(cellPath)) {
        throw new IllegalArgumentException(
            "the working directory must be an absolute, normalized cell path, was " + cellPath);
      }
      this.workingDirectory = cellPath;
      return this;
    }

    /** Bounds the scratch directory. */
    public Builder scratchLimits(long maxBytes, int maxEntries) {
      this.maxDiskBytes = maxBytes;
      this.maxDiskEntries = maxEntries;
      return this;
    }

    /** Where refusals and traffic are reported. */
    public Builder events(FileEvents events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * Creates the namespace and its scratch directory.
     *
     * @throws IOException if the scratch directory cannot be created
     * @throws IllegalArgumentException if two grants share a cell path or one names /proc
     */
    public CellFiles build() throws IOException {
      return new CellFiles(this);
    }
  }
}
