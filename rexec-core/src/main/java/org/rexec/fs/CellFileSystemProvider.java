package org.rexec.fs;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The provider of a cell's file system: every NIO operation on a cell path, checked against the
 * cell's grants and carried out on the host. {@code Files.*} reaches it by itself, since a
 * cell's paths belong to its file system.
 */
public final class CellFileSystemProvider extends FileSystemProvider {

  private final CellFiles files;
  private CellFileSystem fileSystem;

  CellFileSystemProvider(CellFiles files) {
    this.files = files;
  }

  void attach(CellFileSystem fileSystem) {
    this.fileSystem = fileSystem;
  }

  @Override
  public String getScheme() {
    return "file";
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw new FileSystemAlreadyExistsException("the cell's file system exists");
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    checkUri(uri);
    return fileSystem;
  }

  /** A {@code file:} URI as a cell path; the URI is parsed as the JDK parses it. */
  @Override
  public Path getPath(URI uri) {
    checkUri(uri);
    return fileSystem.getPath(Paths.get(uri).toString());
  }

  private static void checkUri(URI uri) {
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("URI scheme is not \"file\"");
    }
  }

  // ---- resolution ----

  private static CellPath cellPath(Path path) {
    if (path instanceof CellPath) {
      return (CellPath) path;
    }
    throw new ProviderMismatchException("not a path of the cell's file system: " + path);
  }

  private CellFiles.Target resolve(
      HostNamespace.Held held, Path path, Access access, boolean followLinks) throws IOException {
    return files.resolve(held, cellPath(path).toString(), access, followLinks);
  }

  private static boolean follows(LinkOption... options) {
    return !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean follows(Set<? extends OpenOption> options) {
    return !options.contains(LinkOption.NOFOLLOW_LINKS);
  }

  // ---- files and channels ----

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
      throws IOException {
    return newFileChannel(path, options, attributes);
  }

  /**
   * Opens the real path that was checked, never following a link at its end: resolution left
   * none there, and under the namespace lock none can appear. {@code DELETE_ON_CLOSE} unlinks
   * the name when it opens (as the JDK does on POSIX systems), so it opens as a change.
   */
  @Override
  public FileChannel newFileChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
      throws IOException {
    boolean writes =
        options.contains(StandardOpenOption.WRITE)
            || options.contains(StandardOpenOption.APPEND)
            || options.contains(StandardOpenOption.DELETE_ON_CLOSE);
    HostNamespace.HostWork<FileChannel> open =
        held -> {
          CellFiles.Target target =
              resolve(held, path, writes ? Access.WRITE : Access.READ, follows(options));
          if (target.isMemory()) {
            return new MemoryFileChannel(target.memory(), files.events());
          }
          checkNotSpecial(target);
          boolean creates =
              writes
                  && !target.exists()
                  && (options.contains(StandardOpenOption.CREATE_NEW)
                      || options.contains(StandardOpenOption.CREATE));
          if (creates) {
            files.quota().create(target.host(), target.cellPath());
          }
          Set<OpenOption> hostOptions = new HashSet<>(options);
          hostOptions.add(LinkOption.NOFOLLOW_LINKS);
          try {
            FileChannel channel = FileChannel.open(target.host(), hostOptions, attributes);
            return new CellFileChannel(
                channel, files, target.host(), target.cellPath(),
                options.contains(StandardOpenOption.APPEND));
          } catch (IOException failure) {
            if (creates) {
              files.quota().shrink(target.host(), 0, 1);
            }
            throw HostErrors.retell(failure, target.cellPath(), null);
          }
        };
    return options.contains(StandardOpenOption.DELETE_ON_CLOSE)
        ? HostNamespace.changing(open)
        : HostNamespace.using(open);
  }

  /**
   * Refuses to open a FIFO, socket or device: opening one can block for as long as its other
   * end likes, inside the namespace lock, and none is a file the cell was meant to have.
   */
  private void checkNotSpecial(CellFiles.Target target) throws IOException {
    if (target.exists() && target.attributes().isOther()) {
      throw files.refuse("open", target.cellPath(), FileRules.SPECIAL);
    }
  }

  /**
   * Completes every operation at once, on the calling thread: the JDK's own implementation would
   * run the cell's completion handlers on a pool of the JVM's threads.
   */
  @Override
  public AsynchronousFileChannel newAsynchronousFileChannel(
      Path path,
      Set<? extends OpenOption> options,
      ExecutorService executor,
      FileAttribute<?>... attributes)
      throws IOException {
    Set<OpenOption> withRead = new HashSet<>(options);
    if (!withRead.contains(StandardOpenOption.WRITE)) {
      withRead.add(StandardOpenOption.READ);
    }
    return new CellAsynchronousFileChannel(newFileChannel(path, withRead, attributes));
  }

  /** The entries are read from the directory opened here, not looked up by name again. */
  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path directory, DirectoryStream.Filter<? super Path> filter) throws IOException {
    return HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, directory, Access.READ, true);
          if (target.isMemory()) {
            throw StackTraces.forCell(new java.nio.file.NotDirectoryException(target.cellPath()));
          }
          try {
            return new CellDirectoryStream(
                Files.newDirectoryStream(target.host()), (CellPath) directory, filter);
          } catch (IOException failure) {
            throw HostErrors.retell(failure, directory.toString(), null);
          }
        });
  }

  @Override
  public void createDirectory(Path directory, FileAttribute<?>... attributes)
      throws IOException {
    HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, directory, Access.WRITE, false);
          files.quota().create(target.host(), target.cellPath());
          try {
            return Files.createDirectory(target.host(), attributes);
          } catch (IOException failure) {
            files.quota().shrink(target.host(), 0, 1);
            throw HostErrors.retell(failure, directory.toString(), null);
          }
        });
  }

  /**
   * A symbolic link is created only if both its place and its target lie inside writable
   * grants; a relative target is kept relative where it means the same on the host. Where it is
   * followed later, it is judged again there: a move can change what a relative link means.
   */
  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attributes)
      throws IOException {
    HostNamespace.changing(
        held -> {
          CellFiles.Target place = resolve(held, link, Access.WRITE, false);
          CellPath targetPath = cellPath(target);
          String targetCell =
              targetPath.isAbsolute()
                  ? files.absolute(targetPath.toString())
                  : files.absolute(
                      CellPaths.syntax(place.cellPath())
                          .resolveSibling(targetPath.syntax())
                          .toString());
          if (!files.mayLinkTo(held, targetCell)) {
            throw files.refuse("link", place.cellPath(), FileRules.LINK);
          }
          // The link's text names the host path of the target's cell path, relative where the
          // cell wrote it relative and it means the same from the link's host directory.
          Path hostTarget = files.hostPathOf(targetCell);
          if (!targetPath.isAbsolute()) {
            Path relative = CellPaths.syntax(targetPath.toString());
            Path placeHost = files.hostPathOf(place.cellPath());
            if (placeHost.resolveSibling(relative).normalize().equals(hostTarget)) {
              hostTarget = relative;
            }
          }
          files.quota().create(place.host(), place.cellPath());
          try {
            return Files.createSymbolicLink(place.host(), hostTarget, attributes);
          } catch (IOException failure) {
            files.quota().shrink(place.host(), 0, 1);
            throw HostErrors.retell(failure, link.toString(), target.toString());
          }
        });
  }

  /**
   * A hard link is created only if both the link and the existing file are writable. A file
   * linked into the scratch directory from outside brings its bytes into the quota.
   */
  @Override
  public void createLink(Path link, Path existing) throws IOException {
    HostNamespace.changing(
        held -> {
          CellFiles.Target place = resolve(held, link, Access.WRITE, false);
          if (!files.allows(held, cellPath(existing).toString(), Access.WRITE, true)) {
            throw files.refuse("link", place.cellPath(), FileRules.LINK);
          }
          CellFiles.Target file = resolve(held, existing, Access.WRITE, true);
          long arriving = files.quota().covers(file.host()) ? 0 : sizeOf(file);
          files.quota().create(place.host(), place.cellPath());
          try {
            files.quota().grow(place.host(), place.cellPath(), arriving);
          } catch (IOException full) {
            files.quota().shrink(place.host(), 0, 1);
            throw full;
          }
          try {
            return Files.createLink(place.host(), file.host());
          } catch (IOException failure) {
            files.quota().shrink(place.host(), arriving, 1);
            throw HostErrors.retell(failure, link.toString(), existing.toString());
          }
        });
  }

  @Override
  public void delete(Path path) throws IOException {
    HostNamespace.changing(
        held -> {
          CellFiles.Target target = resolve(held, path, Access.WRITE, false);
          files.checkNotAGrantRoot(target, "delete");
          long freed = freedByRemoving(target.host(), target.attributes());
          try {
            Files.delete(target.host());
          } catch (IOException failure) {
            throw HostErrors.retell(failure, path.toString(), null);
          }
          files.quota().shrink(target.host(), freed, 1);
          return null;
        });
  }

  /**
   * Copies what the checked real path names. A link copied as a link is a new link, under the
   * rules for creating one; a replaced target is deleted first, as a delete.
   */
  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    boolean follow = !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
    boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
    // Checked before a replaced target is deleted: a copy that cannot read leaves it in place.
    Path linkTarget =
        HostNamespace.using(
            held -> {
              CellFiles.Target from = resolve(held, source, Access.READ, follow);
              if (!from.isMemory() && !from.exists()) {
                throw StackTraces.forCell(new NoSuchFileException(from.cellPath()));
              }
              boolean link = !follow && from.exists() && from.attributes().isSymbolicLink();
              return link ? linkTarget(held, source) : null;
            });
    if (replace) {
      deleteIfExists(target);
    }
    if (linkTarget != null) {
      createSymbolicLink(target, linkTarget);
      return;
    }
    Set<CopyOption> hostOptions = new HashSet<>(Arrays.asList(options));
    hostOptions.remove(StandardCopyOption.REPLACE_EXISTING);
    hostOptions.add(LinkOption.NOFOLLOW_LINKS);
    HostNamespace.using(
        held -> {
          CellFiles.Target from = resolve(held, source, Access.READ, follow);
          CellFiles.Target to = resolve(held, target, Access.WRITE, false);
          if (!from.isMemory()) {
            checkNotSpecial(from);
          }
          long size = from.isMemory() ? from.memory().length : sizeOf(from);
          files.quota().create(to.host(), to.cellPath());
          try {
            files.quota().grow(to.host(), to.cellPath(), size);
          } catch (IOException full) {
            files.quota().shrink(to.host(), 0, 1);
            throw full;
          }
          try {
            if (from.isMemory()) {
              Files.copy(new java.io.ByteArrayInputStream(from.memory()), to.host());
            } else {
              Files.copy(from.host(), to.host(), hostOptions.toArray(new CopyOption[0]));
            }
          } catch (IOException failure) {
            files.quota().shrink(to.host(), size, 1);
            throw HostErrors.retell(failure, source.toString(), target.toString());
          }
          files.events().read(size);
          files.events().written(size);
          return null;
        });
  }

  /**
   * A move is a write at both ends: nothing moves out of, or into, a place not writable, and no
   * grant's root moves. Links inside what moves may change meaning; they are judged where they
   * are followed.
   */
  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    HostNamespace.changing(
        held -> {
          CellFiles.Target from = resolve(held, source, Access.WRITE, false);
          CellFiles.Target to = resolve(held, target, Access.WRITE, false);
          if (from.isMemory()) {
            throw files.refuse(Access.WRITE, from.cellPath(), FileRules.WRITE);
          }
          files.checkNotAGrantRoot(from, "move");
          files.checkNotAGrantRoot(to, "move");
          DiskQuota quota = files.quota();
          boolean intoScratch = !quota.covers(from.host()) && quota.covers(to.host());
          boolean outOfScratch = quota.covers(from.host()) && !quota.covers(to.host());
          long[] usage = intoScratch || outOfScratch ? usage(from.host(), outOfScratch) : null;
          boolean replacing =
              to.exists() && Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
          long replaced = replacing ? freedByRemoving(to.host(), to.attributes()) : 0;
          if (intoScratch) {
            for (int i = 0; i < usage[1]; i++) {
              quota.create(to.host(), to.cellPath());
            }
            quota.grow(to.host(), to.cellPath(), usage[0]);
          }
          try {
            Files.move(from.host(), to.host(), options);
          } catch (IOException failure) {
            if (intoScratch) {
              quota.shrink(to.host(), usage[0], (int) usage[1]);
            }
            throw HostErrors.retell(failure, source.toString(), target.toString());
          }
          if (outOfScratch) {
            quota.shrink(from.host(), usage[0], (int) usage[1]);
          }
          if (replacing) {
            quota.shrink(to.host(), replaced, 1);
          }
          return null;
        });
  }

  /**
   * Bytes and entries under a host path, not following links: what a move takes along. Moving
   * out, a file's bytes count only if no other hard link keeps them where they were.
   */
  private static long[] usage(Path host, boolean leaving) throws IOException {
    long[] usage = new long[2];
    try (var walk = Files.walk(host)) {
      for (Path entry : (Iterable<Path>) walk::iterator) {
        PosixFileAttributes attributes =
            Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        usage[0] += leaving ? freedByRemoving(entry, attributes) : sizeOf(attributes);
        usage[1]++;
      }
    }
    return usage;
  }

  /** The bytes on disk that removing this name frees: none while another hard link holds them. */
  private static long freedByRemoving(Path host, PosixFileAttributes attributes)
      throws IOException {
    if (attributes == null || !attributes.isRegularFile()) {
      return 0;
    }
    Object links = Files.getAttribute(host, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    return ((Number) links).intValue() > 1 ? 0 : attributes.size();
  }

  private static long sizeOf(CellFiles.Target target) {
    return sizeOf(target.attributes());
  }

  private static long sizeOf(PosixFileAttributes attributes) {
    return attributes != null && attributes.isRegularFile() ? attributes.size() : 0;
  }

  /**
   * The link's target as the cell sees it; a target outside the grants is not shown, since it
   * would name the host's directories.
   */
  public Path readSymbolicLink(Path link) throws IOException {
    return HostNamespace.using(held -> linkTarget(held, link));
  }

  private Path linkTarget(HostNamespace.Held held, Path link) throws IOException {
    CellFiles.Target place = resolve(held, link, Access.READ, false);
    if (place.isMemory()) {
      throw StackTraces.forCell(new java.nio.file.NotLinkException(place.cellPath()));
    }
    Path hostTarget;
    try {
      hostTarget = Files.readSymbolicLink(place.host());
    } catch (IOException failure) {
      throw HostErrors.retell(failure, link.toString(), null);
    }
    Path resolved = place.host().resolveSibling(hostTarget).normalize();
    String cellTarget = files.cellPathOf(resolved);
    if (cellTarget == null || files.mountFor(cellTarget) == null) {
      throw files.refuse(Access.READ, place.cellPath(), FileRules.ESCAPE);
    }
    if (!hostTarget.isAbsolute()) {
      return fileSystem.getPath(hostTarget.toString());
    }
    return fileSystem.getPath(cellTarget);
  }

  @Override
  public boolean isSameFile(Path path, Path other) throws IOException {
    if (cellPath(path).equals(other)) {
      return true;
    }
    return HostNamespace.using(
        held -> {
          CellFiles.Target first = resolve(held, path, Access.READ, true);
          CellFiles.Target second = resolve(held, other, Access.READ, true);
          if (first.isMemory() || second.isMemory()) {
            return first.cellPath().equals(second.cellPath());
          }
          try {
            return Files.isSameFile(first.host(), second.host());
          } catch (IOException failure) {
            throw HostErrors.retell(failure, path.toString(), other.toString());
          }
        });
  }

  /** A dot file is hidden, as on every POSIX system. */
  @Override
  public boolean isHidden(Path path) throws IOException {
    HostNamespace.using(held -> resolve(held, path, Access.READ, false));
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    HostNamespace.using(held -> resolve(held, path, Access.READ, true));
    return fileSystem.store();
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    boolean write = Arrays.asList(modes).contains(AccessMode.WRITE);
    HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, path, write ? Access.WRITE : Access.READ, true);
          if (target.isMemory()) {
            if (Arrays.asList(modes).contains(AccessMode.EXECUTE)) {
              throw StackTraces.forCell(
                  new java.nio.file.AccessDeniedException(target.cellPath()));
            }
            return null;
          }
          try {
            target.host().getFileSystem().provider().checkAccess(target.host(), modes);
          } catch (IOException failure) {
            throw HostErrors.retell(failure, path.toString(), null);
          }
          return null;
        });
  }

  // ---- attributes ----

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    return CellAttributeViews.of(this, cellPath(path), type, follows(options));
  }

  /**
   * Basic and POSIX attributes are those resolution read (with {@code lstat}, of the real path
   * it checked); other kinds are read from that path.
   */
  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    return HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, path, Access.READ, follows(options));
          if (target.isMemory()) {
            if (!type.isAssignableFrom(MemoryFileAttributes.class)) {
              throw new UnsupportedOperationException(
                  type.getSimpleName() + " of an in-memory file");
            }
            return type.cast(new MemoryFileAttributes(target.memory().length));
          }
          if (!target.exists()) {
            throw StackTraces.forCell(new NoSuchFileException(target.cellPath()));
          }
          if (type == BasicFileAttributes.class || type == PosixFileAttributes.class) {
            return type.cast(target.attributes());
          }
          try {
            return Files.readAttributes(target.host(), type, LinkOption.NOFOLLOW_LINKS);
          } catch (IOException failure) {
            throw HostErrors.retell(failure, path.toString(), null);
          }
        });
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    return HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, path, Access.READ, follows(options));
          if (target.isMemory()) {
            return new MemoryFileAttributes(target.memory().length).asMap(attributes);
          }
          try {
            return Files.readAttributes(target.host(), attributes, LinkOption.NOFOLLOW_LINKS);
          } catch (IOException failure) {
            throw HostErrors.retell(failure, path.toString(), null);
          }
        });
  }

  /**
   * Sets an attribute of the checked real path. The JDK is told to follow a link at its end as
   * the cell asked: resolution left none there where the cell follows links, and some attributes
   * (permissions) cannot be set on a file the JDK may not open unless it may follow.
   */
  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
      throws IOException {
    HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, path, Access.WRITE, follows(options));
          try {
            Files.setAttribute(target.host(), attribute, value, options);
          } catch (IOException failure) {
            throw HostErrors.retell(failure, path.toString(), null);
          }
          return null;
        });
  }

  /** Work on the host's attribute view of a checked real path. */
  interface ViewWork<T> {
    T run(Path host, LinkOption... options) throws IOException;
  }

  /**
   * Runs an attribute view's read or update on the checked real path, under the namespace lock;
   * the view resolves the path at each call, as the JDK's views do.
   */
  <T> T onHostFile(CellPath path, boolean write, boolean followLinks, ViewWork<T> work)
      throws IOException {
    return HostNamespace.using(
        held -> {
          CellFiles.Target target =
              resolve(held, path, write ? Access.WRITE : Access.READ, followLinks);
          if (target.isMemory()) {
            throw new UnsupportedOperationException("no posix attributes for an in-memory file");
          }
          LinkOption[] options =
              followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
          try {
            return work.run(target.host(), options);
          } catch (IOException failure) {
            throw HostErrors.retell(failure, path.toString(), null);
          }
        });
  }

  // ---- paths ----

  /**
   * {@code path.toRealPath()}: the real path that resolution found, told as the cell path it has
   * there. Not following links, the path only has to exist, as the JDK has it.
   */
  Path realPath(CellPath path, LinkOption... options) throws IOException {
    return HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, path, Access.READ, follows(options));
          if (target.isMemory()) {
            return fileSystem.getPath(target.cellPath());
          }
          if (!target.exists()) {
            throw StackTraces.forCell(new NoSuchFileException(target.cellPath()));
          }
          String cell = follows(options) ? files.cellPathOf(target.host()) : target.cellPath();
          if (cell == null) {
            throw files.refuse(Access.READ, target.cellPath(), FileRules.ESCAPE);
          }
          return fileSystem.getPath(cell);
        });
  }

  /** Whether the path is a directory the cell may see, without recording a refusal. */
  boolean isDirectoryQuietly(CellPath path) {
    try {
      return HostNamespace.using(
          held -> {
            CellFiles.Target target = files.resolveQuietly(held, path.toString(), Access.READ, true);
            return target != null && target.exists() && target.attributes().isDirectory();
          });
    } catch (IOException absent) {
      return false;
    }
  }

  /** Registers a checked real directory with a host watch service. */
  java.nio.file.WatchKey register(
      CellPath directory,
      java.nio.file.WatchService host,
      java.nio.file.WatchEvent.Kind<?>[] kinds,
      java.nio.file.WatchEvent.Modifier... modifiers)
      throws IOException {
    return HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, directory, Access.READ, true);
          if (target.isMemory()) {
            throw StackTraces.forCell(new java.nio.file.NotDirectoryException(target.cellPath()));
          }
          try {
            return target.host().register(host, kinds, modifiers);
          } catch (IOException failure) {
            throw HostErrors.retell(failure, directory.toString(), null);
          }
        });
  }
}
