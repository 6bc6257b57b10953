package org.rexec.fs;

import org.rexec.policy.Access;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.rexec.policy.Rule;

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
      Path path, Set<? extends OpenOption> given, FileAttribute<?>... givenAttributes)
      throws IOException {
    Set<OpenOption> options = CellArguments.openOptions(given);
    FileAttribute<?>[] attributes = CellArguments.initialAttributes(givenAttributes);
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
          files.openFiles().reserve(target.cellPath());
          FileChannel channel;
          try {
            channel = FileChannel.open(target.host(), hostOptions, attributes);
          } catch (IOException failure) {
            files.openFiles().unreserve();
            if (creates) {
              files.quota().removed(target.host(), 1);
            }
            throw HostErrors.retell(failure, target.cellPath(), null);
          }
          Object key;
          try {
            key = counted(target, writes, channel.size());
          } catch (IOException failure) {
            channel.close();
            files.openFiles().unreserve();
            throw failure;
          }
          return files.openFiles().opened(new CellFileChannel(
              channel, files, key, target.cellPath(),
              options.contains(StandardOpenOption.APPEND)));
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
      throw files.refuse("open", target.cellPath(), Rule.SPECIAL_FILES);
    }
  }

  /**
   * The inode of a file just opened or created at the checked real path (the name still names
   * it: the lock is held), counted against the quota if it is in the scratch directory; null
   * for a file only read outside it, which can neither grow nor come to hold the scratch's bytes.
   */
  private Object counted(CellFiles.Target target, boolean writes, long size) throws IOException {
    boolean scratch = files.quota().covers(target.host());
    if (!scratch && !writes) {
      return null;
    }
    Object key =
        Files.readAttributes(target.host(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .fileKey();
    files.quota().charge(target.host(), key, size, target.cellPath());
    return key;
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
    Set<OpenOption> withRead = CellArguments.openOptions(options);
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
          files.openFiles().reserve(target.cellPath());
          DirectoryStream<Path> entries;
          try {
            entries = Files.newDirectoryStream(target.host());
          } catch (IOException failure) {
            files.openFiles().unreserve();
            throw HostErrors.retell(failure, directory.toString(), null);
          }
          return files.openFiles().opened(
              new CellDirectoryStream(entries, (CellPath) directory, filter, files.openFiles()));
        });
  }

  @Override
  public void createDirectory(Path directory, FileAttribute<?>... givenAttributes)
      throws IOException {
    FileAttribute<?>[] attributes = CellArguments.initialAttributes(givenAttributes);
    HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, directory, Access.WRITE, false);
          files.quota().create(target.host(), target.cellPath());
          try {
            return Files.createDirectory(target.host(), attributes);
          } catch (IOException failure) {
            files.quota().removed(target.host(), 1);
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
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... givenAttributes)
      throws IOException {
    FileAttribute<?>[] attributes = CellArguments.initialAttributes(givenAttributes);
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
            throw files.refuse("link", place.cellPath(), Rule.FILE_LINK);
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
            files.quota().removed(place.host(), 1);
            throw HostErrors.retell(failure, link.toString(), target.toString());
          }
        });
  }

  /**
   * A hard link is created only if both the link and the existing file are writable, and both
   * lie in the scratch directory or both outside it: the quota counts a file's bytes while it is
   * there, and a name outside could grow it uncounted.
   */
  @Override
  public void createLink(Path link, Path existing) throws IOException {
    HostNamespace.changing(
        held -> {
          CellFiles.Target place = resolve(held, link, Access.WRITE, false);
          if (!files.allows(held, cellPath(existing).toString(), Access.WRITE, true)) {
            throw files.refuse("link", place.cellPath(), Rule.FILE_LINK);
          }
          CellFiles.Target file = resolve(held, existing, Access.WRITE, true);
          if (files.quota().covers(place.host()) != files.quota().covers(file.host())) {
            throw files.refuse("link", place.cellPath(), Rule.FILE_LINK);
          }
          files.quota().create(place.host(), place.cellPath());
          try {
            return Files.createLink(place.host(), file.host());
          } catch (IOException failure) {
            files.quota().removed(place.host(), 1);
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
          remove(target, path.toString());
          return null;
        });
  }

  /**
   * Removes the checked real path's name; the quota gives back the name, and the file's bytes
   * once no name and no channel holds them. The caller holds the lock exclusively.
   */
  private void remove(CellFiles.Target target, String cellPath) throws IOException {
    boolean lastName = isLastName(target.host(), target.attributes());
    try {
      Files.delete(target.host());
    } catch (IOException failure) {
      throw HostErrors.retell(failure, cellPath, null);
    }
    files.quota().removed(target.host(), 1);
    if (lastName) {
      files.quota().unlinked(target.attributes().fileKey());
    }
  }

  /** Whether a regular file's name is its last hard link. */
  private static boolean isLastName(Path host, PosixFileAttributes attributes) throws IOException {
    if (attributes == null || !attributes.isRegularFile()) {
      return false;
    }
    Object links = Files.getAttribute(host, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    return ((Number) links).intValue() <= 1;
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
    Copying copying = HostNamespace.using(held -> startCopy(held, source, target, follow));
    if (copying != null) {
      copying.run(Arrays.asList(options).contains(StandardCopyOption.COPY_ATTRIBUTES));
    }
  }

  /**
   * Under the lock, the names of a copy: the target created (a directory is made and that is
   * all), both files opened, the bytes reserved. Null where nothing is left to copy.
   */
  private Copying startCopy(HostNamespace.Held held, Path source, Path target, boolean follow)
      throws IOException {
    CellFiles.Target from = resolve(held, source, Access.READ, follow);
    CellFiles.Target to = resolve(held, target, Access.WRITE, false);
    if (!from.isMemory()) {
      if (!from.exists()) {
        // It was there when the copy began; another thread moved it away since.
        throw StackTraces.forCell(new NoSuchFileException(from.cellPath()));
      }
      checkNotSpecial(from);
    }
    if (to.exists()) {
      throw StackTraces.forCell(new java.nio.file.FileAlreadyExistsException(to.cellPath()));
    }
    DiskQuota quota = files.quota();
    quota.create(to.host(), to.cellPath());
    if (!from.isMemory() && from.attributes().isDirectory()) {
      try {
        Files.createDirectory(to.host());
      } catch (IOException failure) {
        quota.removed(to.host(), 1);
        throw HostErrors.retell(failure, target.toString(), null);
      }
      return null;
    }
    long size = from.isMemory() ? from.memory().length : sizeOf(from);
    FileChannel in = null;
    FileChannel out = null;
    try {
      in = from.isMemory()
          ? null
          : FileChannel.open(from.host(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      out =
          FileChannel.open(
              to.host(),
              StandardOpenOption.WRITE,
              StandardOpenOption.CREATE_NEW,
              LinkOption.NOFOLLOW_LINKS);
      Object key =
          Files.readAttributes(to.host(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .fileKey();
      // The copy's bytes are counted before they are written.
      DiskQuota.Charge charge = quota.charge(to.host(), key, size, to.cellPath());
      quota.opened(key);
      return new Copying(from, target, in, out, key, charge, size);
    } catch (IOException failure) {
      if (in != null) {
        in.close();
      }
      if (out != null) {
        out.close();
        Files.deleteIfExists(to.host());
      }
      quota.removed(to.host(), 1);
      throw HostErrors.retell(failure, source.toString(), target.toString());
    }
  }

  /**
   * The bytes of a copy, moved between the descriptors opened under the lock and outside it, a
   * chunk at a time: a copy of gigabytes holds no lock, and ends when its thread is interrupted
   * (as every thread of a stopped cell is).
   */
  private final class Copying {
    private static final long CHUNK = 1 << 20;
    private final CellFiles.Target from;
    private final Path target;
    private final FileChannel in;
    private final FileChannel out;
    private final Object key;
    private final DiskQuota.Charge charge;
    private final long size;

    Copying(
        CellFiles.Target from, Path target, FileChannel in, FileChannel out, Object key,
        DiskQuota.Charge charge, long size) {
      this.from = from;
      this.target = target;
      this.in = in;
      this.out = out;
      this.key = key;
      this.charge = charge;
      this.size = size;
    }

    void run(boolean copyAttributes) throws IOException {
      long done = 0;
      IOException failed = null;
      try (FileChannel source = in; FileChannel sink = out) {
        if (source == null) {
          ByteBuffer bytes = ByteBuffer.wrap(from.memory());
          while (bytes.hasRemaining()) {
            done += sink.write(bytes);
          }
        } else {
          while (done < size) {
            if (Thread.currentThread().isInterrupted()) {
              throw new java.io.InterruptedIOException("the copy was interrupted");
            }
            long moved = source.transferTo(done, Math.min(CHUNK, size - done), sink);
            if (moved <= 0) {
              break;
            }
            done += moved;
          }
        }
      } catch (IOException failure) {
        failed = failure;
      } finally {
        if (charge != null) {
          charge.settle(done);
        }
        files.quota().closed(key);
      }
      if (failed != null) {
        try {
          deleteIfExists(target);
        } catch (IOException leftBehind) {
          failed.addSuppressed(leftBehind);
        }
        throw HostErrors.retell(failed, from.cellPath(), target.toString());
      }
      files.events().read(done);
      files.events().written(done);
      if (copyAttributes && !from.isMemory()) {
        copyAttributes();
      }
    }

    /** Times and permissions, set on the copy if its name still names it. */
    private void copyAttributes() throws IOException {
      HostNamespace.using(
          held -> {
            CellFiles.Target to = resolve(held, target, Access.WRITE, false);
            if (to.exists() && key != null && key.equals(to.attributes().fileKey())) {
              PosixFileAttributeView view =
                  Files.getFileAttributeView(
                      to.host(), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
              view.setTimes(
                  from.attributes().lastModifiedTime(), from.attributes().lastAccessTime(), null);
              view.setPermissions(from.attributes().permissions());
            }
            return null;
          });
    }
  }

  /**
   * A move is a write at both ends: nothing moves out of, or into, a place not writable, and no
   * grant's root moves. Links inside what moves may change meaning; they are judged where they
   * are followed.
   */
  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    boolean atomic = Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE);
    boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
    boolean renamed = HostNamespace.changing(held -> rename(held, source, target, atomic, replace));
    if (!renamed) {
      moveAcross(source, target, replace);
    }
  }

  /**
   * A move within one file system: a rename, under the exclusive lock. False, with nothing
   * done, where the target lies on another file system.
   */
  private boolean rename(
      HostNamespace.Held held, Path source, Path target, boolean atomic, boolean replace)
      throws IOException {
    CellFiles.Target from = resolve(held, source, Access.WRITE, false);
    CellFiles.Target to = resolve(held, target, Access.WRITE, false);
    if (from.isMemory()) {
      throw files.refuse(Access.WRITE, from.cellPath(), Rule.FILE_WRITE);
    }
    files.checkNotAGrantRoot(from, "move");
    files.checkNotAGrantRoot(to, "move");
    if (!from.exists()) {
      throw StackTraces.forCell(new NoSuchFileException(from.cellPath()));
    }
    DiskQuota quota = files.quota();
    if (to.exists() && !atomic) {
      if (Files.isSameFile(from.host(), to.host())) {
        return true;
      }
      if (!replace) {
        throw StackTraces.forCell(new java.nio.file.FileAlreadyExistsException(to.cellPath()));
      }
      // As the JDK moves: the target goes first (a non-empty directory stays, and says so).
      remove(to, target.toString());
    }
    boolean intoScratch = !quota.covers(from.host()) && quota.covers(to.host());
    boolean outOfScratch = quota.covers(from.host()) && !quota.covers(to.host());
    List<Object> arrived = intoScratch ? arrive(from.host(), to) : List.of();
    try {
      Files.move(from.host(), to.host(), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException failure) {
      undoArrival(arrived, to.host());
      if (failure instanceof java.nio.file.AtomicMoveNotSupportedException && !atomic) {
        return false;
      }
      throw HostErrors.retell(failure, source.toString(), target.toString());
    }
    if (outOfScratch) {
      leave(to.host(), from.host());
    }
    return true;
  }

  /**
   * Counts what a move brings into the scratch directory, entry by entry (so a tree larger than
   * the bound is refused before it is all walked): names, and each file's bytes. A file with
   * another hard link cannot come in: that name, outside, could grow it uncounted.
   *
   * @return the keys of the files now counted, to undo if the move fails
   */
  private List<Object> arrive(Path host, CellFiles.Target to) throws IOException {
    DiskQuota quota = files.quota();
    List<Object> counted = new ArrayList<>();
    int entries = 0;
    try (var walk = Files.walk(host)) {
      for (Path entry : (Iterable<Path>) walk::iterator) {
        PosixFileAttributes attributes =
            Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        quota.create(to.host(), to.cellPath());
        entries++;
        if (attributes.isRegularFile()) {
          if (!isLastName(entry, attributes)) {
            throw files.refuse("move", to.cellPath(), Rule.FILE_LINK);
          }
          quota.charge(to.host(), attributes.fileKey(), attributes.size(), to.cellPath());
          counted.add(attributes.fileKey());
        }
      }
    } catch (IOException | RuntimeException failure) {
      undoArrival(counted, to.host());
      quota.removed(to.host(), entries);
      throw failure;
    }
    counted.add(entries);
    return counted;
  }

  /** Takes back what {@link #arrive} counted: the files' keys, then the number of names. */
  private void undoArrival(List<Object> arrived, Path scratchHost) {
    for (Object item : arrived) {
      if (item instanceof Integer) {
        files.quota().removed(scratchHost, (Integer) item);
      } else {
        files.quota().movedOut(item);
      }
    }
  }

  /** Gives back what a move took out of the scratch directory (now at {@code host}). */
  private void leave(Path host, Path scratchHost) throws IOException {
    int entries = 0;
    try (var walk = Files.walk(host)) {
      for (Path entry : (Iterable<Path>) walk::iterator) {
        BasicFileAttributes attributes =
            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        entries++;
        files.quota().movedOut(attributes.fileKey());
      }
    }
    files.quota().removed(scratchHost, entries);
  }

  /**
   * A move to another file system, as the JDK makes it: a copy (a link as a link, a directory
   * only if empty) and then a delete, each under its own rules; the bytes move outside the lock.
   */
  private void moveAcross(Path source, Path target, boolean replace) throws IOException {
    Path link =
        HostNamespace.using(
            held -> {
              CellFiles.Target from = resolve(held, source, Access.WRITE, false);
              if (from.exists() && from.attributes().isDirectory()) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(from.host())) {
                  if (entries.iterator().hasNext()) {
                    throw StackTraces.forCell(
                        new java.nio.file.DirectoryNotEmptyException(from.cellPath()));
                  }
                }
              }
              boolean isLink = from.exists() && from.attributes().isSymbolicLink();
              return isLink ? linkTarget(held, source) : null;
            });
    if (replace) {
      deleteIfExists(target);
    }
    if (link != null) {
      createSymbolicLink(target, link);
    } else {
      copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
    delete(source);
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
      throw files.refuse(Access.READ, place.cellPath(), Rule.FILE_ESCAPE);
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
          if (!target.exists()) {
            // Resolution found nothing there: no second look, no second exception.
            throw StackTraces.forCell(new NoSuchFileException(target.cellPath()));
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
            return type.cast(CellOwners.hide(target.attributes()));
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
            return CellOwners.hideIn(
                Files.readAttributes(target.host(), attributes, LinkOption.NOFOLLOW_LINKS));
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
  public void setAttribute(Path path, String attribute, Object given, LinkOption... options)
      throws IOException {
    Rule rule = settableRule(attribute);
    Object value = rule == null ? CellArguments.attributeValue(attribute, given) : null;
    HostNamespace.using(
        held -> {
          CellFiles.Target target = resolve(held, path, Access.WRITE, follows(options));
          if (rule != null) {
            throw files.refuse("set " + attribute, target.cellPath(), rule);
          }
          try {
            Files.setAttribute(target.host(), attribute, value, options);
          } catch (IOException failure) {
            throw HostErrors.retell(failure, path.toString(), null);
          }
          return null;
        });
  }

  /** The attributes a cell may set: times, and permissions (which carry no set-ID bits). */
  private static final Set<String> SETTABLE =
      Set.of("lastModifiedTime", "lastAccessTime", "creationTime", "permissions");

  /**
   * The rule that refuses setting {@code attribute}, or null if the cell may: owners and groups
   * are the host's ({@code file-owner}); other views ({@code unix:mode} sets set-user-ID bits,
   * {@code unix:uid} an owner) are not the cell's ({@code file-attributes}).
   */
  private static Rule settableRule(String attribute) {
    int colon = attribute.indexOf(':');
    String view = colon < 0 ? "basic" : attribute.substring(0, colon);
    String name = attribute.substring(colon + 1);
    if (name.equals("owner") || name.equals("group")) {
      return Rule.FILE_OWNER;
    }
    boolean known = view.equals("basic") || view.equals("posix");
    boolean settable = SETTABLE.contains(name) && (view.equals("posix") || !name.equals("permissions"));
    return known && settable ? null : Rule.FILE_ATTRIBUTES;
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
            throw files.refuse(Access.READ, target.cellPath(), Rule.FILE_ESCAPE);
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

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
