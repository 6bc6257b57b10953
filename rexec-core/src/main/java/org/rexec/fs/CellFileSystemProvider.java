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
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
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

  private CellFiles.Target resolve(Path path, Access access, boolean followLinks)
      throws IOException {
    return files.resolve(cellPath(path).toString(), access, followLinks);
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

  @Override
  public FileChannel newFileChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
      throws IOException {
    boolean writes =
        options.contains(StandardOpenOption.WRITE)
            || options.contains(StandardOpenOption.APPEND)
            || options.contains(StandardOpenOption.DELETE_ON_CLOSE);
    CellFiles.Target target = resolve(path, writes ? Access.WRITE : Access.READ, follows(options));
    if (target.isMemory()) {
      return new MemoryFileChannel(target.memory(), files.events());
    }
    boolean creates =
        writes
            && (options.contains(StandardOpenOption.CREATE_NEW)
                || (options.contains(StandardOpenOption.CREATE)
                    && !Files.exists(target.host(), LinkOption.NOFOLLOW_LINKS)));
    if (creates) {
      files.quota().create(target.host(), target.cellPath());
    }
    try {
      FileChannel channel = FileChannel.open(target.host(), options, attributes);
      return new CellFileChannel(
          channel, files, target.host(), target.cellPath(),
          options.contains(StandardOpenOption.APPEND));
    } catch (IOException failure) {
      if (creates) {
        files.quota().shrink(target.host(), 0, 1);
      }
      throw HostErrors.retell(failure, target.cellPath(), null);
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

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path directory, DirectoryStream.Filter<? super Path> filter) throws IOException {
    CellFiles.Target target = resolve(directory, Access.READ, true);
    if (target.isMemory()) {
      throw StackTraces.forCell(new java.nio.file.NotDirectoryException(target.cellPath()));
    }
    try {
      return new CellDirectoryStream(
          Files.newDirectoryStream(target.host()), (CellPath) directory, filter);
    } catch (IOException failure) {
      throw HostErrors.retell(failure, directory.toString(), null);
    }
  }

  @Override
  public void createDirectory(Path directory, FileAttribute<?>... attributes)
      throws IOException {
    CellFiles.Target target = resolve(directory, Access.WRITE, false);
    files.quota().create(target.host(), target.cellPath());
    try {
      Files.createDirectory(target.host(), attributes);
    } catch (IOException failure) {
      files.quota().shrink(target.host(), 0, 1);
      throw HostErrors.retell(failure, directory.toString(), null);
    }
  }

  /**
   * A symbolic link is created only if both its place and its target lie inside writable
   * grants; a relative target is kept relative where it means the same on the host.
   */
  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attributes)
      throws IOException {
    CellFiles.Target place = resolve(link, Access.WRITE, false);
    CellPath targetPath = cellPath(target);
    String targetCell =
        targetPath.isAbsolute()
            ? files.absolute(targetPath.toString())
            : files.absolute(
                CellPaths.syntax(place.cellPath()).resolveSibling(targetPath.syntax()).toString());
    if (!files.allows(targetCell, Access.WRITE, true)) {
      throw files.refuse("link", place.cellPath(), FileRules.LINK);
    }
    Path hostTarget = files.resolve(targetCell, Access.WRITE, true).host();
    if (!targetPath.isAbsolute()) {
      Path relative = CellPaths.syntax(targetPath.toString());
      if (place.host().resolveSibling(relative).normalize().equals(hostTarget)) {
        hostTarget = relative;
      }
    }
    files.quota().create(place.host(), place.cellPath());
    try {
      Files.createSymbolicLink(place.host(), hostTarget, attributes);
    } catch (IOException failure) {
      files.quota().shrink(place.host(), 0, 1);
      throw HostErrors.retell(failure, link.toString(), target.toString());
    }
  }

  /** A hard link is created only if both the link and the existing file are writable. */
  @Override
  public void createLink(Path link, Path existing) throws IOException {
    CellFiles.Target place = resolve(link, Access.WRITE, false);
    if (!files.allows(cellPath(existing).toString(), Access.WRITE, true)) {
      throw files.refuse("link", place.cellPath(), FileRules.LINK);
    }
    CellFiles.Target file = resolve(existing, Access.WRITE, true);
    files.quota().create(place.host(), place.cellPath());
    try {
      Files.createLink(place.host(), file.host());
    } catch (IOException failure) {
      files.quota().shrink(place.host(), 0, 1);
      throw HostErrors.retell(failure, link.toString(), existing.toString());
    }
  }

  @Override
  public void delete(Path path) throws IOException {
    CellFiles.Target target = resolve(path, Access.WRITE, false);
    if (target.isMemory()) {
      throw files.refuse(Access.WRITE, target.cellPath(), FileRules.WRITE);
    }
    long size = sizeQuietly(target.host());
    try {
      Files.delete(target.host());
    } catch (IOException failure) {
      throw HostErrors.retell(failure, path.toString(), null);
    }
    files.quota().shrink(target.host(), size, 1);
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    boolean follow = !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
    CellFiles.Target from = resolve(source, Access.READ, follow);
    CellFiles.Target to = resolve(target, Access.WRITE, false);
    if (!follow && !from.isMemory() && Files.isSymbolicLink(from.host())) {
      // Copying a link makes a link: it must meet the rules for creating one.
      createSymbolicLink(target, readSymbolicLink(source));
      return;
    }
    boolean replacing = Files.exists(to.host(), LinkOption.NOFOLLOW_LINKS);
    long replacedSize = replacing ? sizeQuietly(to.host()) : 0;
    long size = from.isMemory() ? from.memory().length : sizeQuietly(from.host());
    if (!replacing) {
      files.quota().create(to.host(), to.cellPath());
    }
    try {
      files.quota().grow(to.host(), to.cellPath(), size - replacedSize);
    } catch (IOException full) {
      if (!replacing) {
        files.quota().shrink(to.host(), 0, 1);
      }
      throw full;
    }
    try {
      if (from.isMemory()) {
        Files.copy(new java.io.ByteArrayInputStream(from.memory()), to.host(), options);
      } else {
        Files.copy(from.host(), to.host(), options);
      }
    } catch (IOException failure) {
      files.quota().shrink(to.host(), size - replacedSize, replacing ? 0 : 1);
      throw HostErrors.retell(failure, source.toString(), target.toString());
    }
    files.events().read(size);
    files.events().written(size);
  }

  /** A move is a write at both ends: nothing moves out of, or into, a place not writable. */
  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    CellFiles.Target from = resolve(source, Access.WRITE, false);
    CellFiles.Target to = resolve(target, Access.WRITE, false);
    if (from.isMemory()) {
      throw files.refuse(Access.WRITE, from.cellPath(), FileRules.WRITE);
    }
    if (Files.isSymbolicLink(from.host())) {
      checkLinkStaysInside(from.host(), to);
    }
    long[] usage = usage(from.host());
    boolean crossesScratch =
        files.quota().covers(from.host()) != files.quota().covers(to.host());
    if (crossesScratch && files.quota().covers(to.host())) {
      for (int i = 0; i < usage[1]; i++) {
        files.quota().create(to.host(), to.cellPath());
      }
      files.quota().grow(to.host(), to.cellPath(), usage[0]);
    }
    try {
      Files.move(from.host(), to.host(), options);
    } catch (IOException failure) {
      if (crossesScratch && files.quota().covers(to.host())) {
        files.quota().shrink(to.host(), usage[0], (int) usage[1]);
      }
      throw HostErrors.retell(failure, source.toString(), target.toString());
    }
    if (crossesScratch && files.quota().covers(from.host())) {
      files.quota().shrink(from.host(), usage[0], (int) usage[1]);
    }
  }

  /** A moved link must still point inside the grants from its new place. */
  private void checkLinkStaysInside(Path hostLink, CellFiles.Target to) throws IOException {
    Path linkTarget = Files.readSymbolicLink(hostLink);
    Path resolved = to.host().resolveSibling(linkTarget).normalize();
    Path real;
    try {
      real = resolved.toRealPath();
    } catch (NoSuchFileException dangling) {
      real = resolved;
    }
    if (!files.isGranted(real, Access.READ)) {
      throw files.refuse("link", to.cellPath(), FileRules.LINK);
    }
  }

  /** Bytes and entries under a host path, not following links: what a move takes along. */
  private static long[] usage(Path host) throws IOException {
    long[] usage = new long[2];
    if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
      usage[0] = sizeQuietly(host);
      usage[1] = 1;
      return usage;
    }
    try (var walk = Files.walk(host)) {
      walk.forEach(
          entry -> {
            usage[0] += sizeQuietly(entry);
            usage[1]++;
          });
    }
    return usage;
  }

  private static long sizeQuietly(Path host) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? attributes.size() : 0;
    } catch (IOException absent) {
      return 0;
    }
  }

  /**
   * The link's target as the cell sees it; a target outside the grants is not shown, since it
   * would name the host's directories.
   */
  public Path readSymbolicLink(Path link) throws IOException {
    CellFiles.Target place = resolve(link, Access.READ, false);
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
    CellFiles.Target first = resolve(path, Access.READ, true);
    CellFiles.Target second = resolve(other, Access.READ, true);
    if (first.isMemory() || second.isMemory()) {
      return first.cellPath().equals(second.cellPath());
    }
    try {
      return Files.isSameFile(first.host(), second.host());
    } catch (IOException failure) {
      throw HostErrors.retell(failure, path.toString(), other.toString());
    }
  }

  /** A dot file is hidden, as on every POSIX system. */
  @Override
  public boolean isHidden(Path path) throws IOException {
    resolve(path, Access.READ, false);
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    resolve(path, Access.READ, true);
    return fileSystem.store();
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    boolean write = Arrays.asList(modes).contains(AccessMode.WRITE);
    CellFiles.Target target = resolve(path, write ? Access.WRITE : Access.READ, true);
    if (target.isMemory()) {
      if (Arrays.asList(modes).contains(AccessMode.EXECUTE)) {
        throw StackTraces.forCell(new java.nio.file.AccessDeniedException(target.cellPath()));
      }
      return;
    }
    try {
      target.host().getFileSystem().provider().checkAccess(target.host(), modes);
    } catch (IOException failure) {
      throw HostErrors.retell(failure, path.toString(), null);
    }
  }

  // ---- attributes ----

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    return CellAttributeViews.of(this, cellPath(path), type, follows(options));
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    CellFiles.Target target = resolve(path, Access.READ, follows(options));
    if (target.isMemory()) {
      if (!type.isAssignableFrom(MemoryFileAttributes.class)) {
        throw new UnsupportedOperationException(type.getSimpleName() + " of an in-memory file");
      }
      return type.cast(new MemoryFileAttributes(target.memory().length));
    }
    try {
      return Files.readAttributes(target.host(), type, options);
    } catch (IOException failure) {
      throw HostErrors.retell(failure, path.toString(), null);
    }
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    CellFiles.Target target = resolve(path, Access.READ, follows(options));
    if (target.isMemory()) {
      return new MemoryFileAttributes(target.memory().length).asMap(attributes);
    }
    try {
      return Files.readAttributes(target.host(), attributes, options);
    } catch (IOException failure) {
      throw HostErrors.retell(failure, path.toString(), null);
    }
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
      throws IOException {
    CellFiles.Target target = resolve(path, Access.WRITE, follows(options));
    try {
      Files.setAttribute(target.host(), attribute, value, options);
    } catch (IOException failure) {
      throw HostErrors.retell(failure, path.toString(), null);
    }
  }

  /** Resolves for an attribute view's read or update; the view asks at each call. */
  CellFiles.Target resolveForView(CellPath path, boolean write, boolean followLinks)
      throws IOException {
    return resolve(path, write ? Access.WRITE : Access.READ, followLinks);
  }

  // ---- paths ----

  /** {@code path.toRealPath()}: the host's real path, told as the cell path it has there. */
  Path realPath(CellPath path, LinkOption... options) throws IOException {
    CellFiles.Target target = resolve(path, Access.READ, follows(options));
    if (target.isMemory()) {
      return fileSystem.getPath(target.cellPath());
    }
    Path real;
    try {
      real = target.host().toRealPath(options);
    } catch (IOException failure) {
      throw HostErrors.retell(failure, path.toString(), null);
    }
    String cell = files.cellPathOf(real);
    if (cell == null) {
      throw files.refuse(Access.READ, target.cellPath(), FileRules.ESCAPE);
    }
    return fileSystem.getPath(cell);
  }

  /** Whether the path is a directory the cell may see, without recording a refusal. */
  boolean isDirectoryQuietly(CellPath path) {
    String cell = files.absolute(path.toString());
    Mount mount = files.mountFor(cell);
    if (mount == null) {
      return false;
    }
    Path host = mount.hostFor(mount.relativize(cell));
    try {
      return files.isGranted(host.toRealPath(), Access.READ) && Files.isDirectory(host);
    } catch (IOException absent) {
      return false;
    }
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
