package org.rexec.fs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provider of one cell zip file system: the JDK's zip provider behind it, reached only with
 * this file system's own paths. It opens no other file system (by URI or path: the JDK's would
 * open any host path or return a zip file system another cell or the supervisor opened), and it
 * refuses every write, so the zip file is never written back.
 */
final class CellZipProvider extends FileSystemProvider {

  /** Options that would write, create or delete; the JDK opens for reading without them. */
  private static final Set<StandardOpenOption> WRITING =
      EnumSet.of(
          StandardOpenOption.WRITE,
          StandardOpenOption.APPEND,
          StandardOpenOption.CREATE,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.DELETE_ON_CLOSE);

  private final CellZipFileSystem fileSystem;
  private final FileSystemProvider zip;
  private final CellZipSupport support;
  private final ZipInflaterSlots inflaters;

  CellZipProvider(
      CellZipFileSystem fileSystem,
      FileSystemProvider zip,
      CellZipSupport support,
      ZipInflaterSlots inflaters) {
    this.fileSystem = fileSystem;
    this.zip = zip;
    this.support = support;
    this.inflaters = inflaters;
  }

  private Path unwrap(Path path) {
    return fileSystem.unwrap(path);
  }

  private RuntimeException refuseWrite(String how, Path path) {
    return StackTraces.forCell(
        support.refuseWrite(path + " in the zip file " + fileSystem + " (" + how + ")"));
  }

  @Override
  public String getScheme() {
    return "jar";
  }

  // ---- other file systems: none ----

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw refuseOther("newFileSystem(" + uri + ")");
  }

  @Override
  public FileSystem newFileSystem(Path path, Map<String, ?> env) {
    throw refuseOther("newFileSystem(" + path + ")");
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    throw refuseOther("getFileSystem(" + uri + ")");
  }

  @Override
  public Path getPath(URI uri) {
    throw refuseOther("getPath(" + uri + ")");
  }

  /** A zip file system is opened with {@code FileSystems.newFileSystem(path)} only. */
  private RuntimeException refuseOther(String operation) {
    return StackTraces.forCell(support.refuseOtherFileSystem(operation));
  }

  // ---- reading ----

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
      throws IOException {
    Set<OpenOption> read = new HashSet<>(options);
    refuseWriting(read, path);
    Path entry = unwrap(path);
    // The JDK inflates the whole entry into memory at once, with an inflater of its cache.
    inflaters.opening();
    fileSystem.streams().readLock().lock();
    try {
      return zip.newByteChannel(entry, read);
    } finally {
      fileSystem.streams().readLock().unlock();
      inflaters.closing();
    }
  }

  @Override
  public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
    OpenOption[] read = options.clone();
    refuseWriting(Arrays.asList(read), path);
    Path entry = unwrap(path);
    inflaters.opening();
    fileSystem.streams().readLock().lock();
    try {
      return inflaters.counted(zip.newInputStream(entry, read), fileSystem.streams().readLock());
    } catch (IOException | RuntimeException | Error failed) {
      inflaters.closing();
      throw failed;
    } finally {
      fileSystem.streams().readLock().unlock();
    }
  }

  private void refuseWriting(Iterable<? extends OpenOption> options, Path path) {
    for (OpenOption option : options) {
      if (WRITING.contains(option)) {
        throw refuseWrite("opened with " + option, path);
      }
    }
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path directory, DirectoryStream.Filter<? super Path> filter) throws IOException {
    DirectoryStream<Path> entries =
        zip.newDirectoryStream(
            unwrap(directory), entry -> filter.accept(fileSystem.wrap(entry)));
    return new CellZipDirectoryStream(fileSystem, entries);
  }

  /** Reading and executing as the JDK says; writing is denied, as on a read-only zip. */
  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    List<AccessMode> asked = List.of(modes.clone());
    zip.checkAccess(
        unwrap(path),
        asked.stream().filter(mode -> mode != AccessMode.WRITE).toArray(AccessMode[]::new));
    if (asked.contains(AccessMode.WRITE)) {
      throw StackTraces.forCell(new AccessDeniedException(path.toString()));
    }
  }

  @Override
  public boolean isSameFile(Path path, Path other) throws IOException {
    if (path.equals(other)) {
      return true;
    }
    if (!(other instanceof CellZipPath) || other.getFileSystem() != fileSystem) {
      return false;
    }
    return zip.isSameFile(unwrap(path), unwrap(other));
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    return zip.isHidden(unwrap(path));
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    zip.checkAccess(unwrap(path));
    return new CellZipFileStore(fileSystem);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    if (type != BasicFileAttributeView.class) {
      return null;
    }
    BasicFileAttributeView view =
        zip.getFileAttributeView(unwrap(path), BasicFileAttributeView.class, options.clone());
    return view == null ? null : (V) new CellZipAttributeView(view, () -> refuseWrite(
        "setTimes", path));
  }

  /** The JDK's attributes of an entry: values only. */
  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    return zip.readAttributes(unwrap(path), type, options.clone());
  }

  @Override
  public Map<String, Object> readAttributes(
      Path path, String attributes, LinkOption... options) throws IOException {
    return zip.readAttributes(unwrap(path), attributes, options.clone());
  }

  // ---- writing: refused ----

  @Override
  public void createDirectory(Path directory, FileAttribute<?>... attributes) {
    throw refuseWrite("createDirectory", directory);
  }

  @Override
  public void delete(Path path) {
    throw refuseWrite("delete", path);
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) {
    throw refuseWrite("copy", target);
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) {
    throw refuseWrite("move", source);
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
    throw refuseWrite("setAttribute " + attribute, path);
  }
}
