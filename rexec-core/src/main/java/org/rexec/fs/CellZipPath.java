package org.rexec.fs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;
import org.rexec.bug.RexecBugException;

/**
 * A path of a cell's zip file system: the JDK's zip path inside, never handed out, so that
 * {@code getFileSystem()} and everything derived from it stays the cell's wrapper and never
 * reaches the JVM-wide zip provider.
 */
final class CellZipPath implements Path {

  private final CellZipFileSystem fileSystem;
  private final Path zip;

  CellZipPath(CellZipFileSystem fileSystem, Path zip) {
    this.fileSystem = fileSystem;
    this.zip = zip;
  }

  /** The JDK's path, for the JDK's provider only. */
  Path zip() {
    return zip;
  }

  private Path wrap(Path path) {
    return path == null ? null : new CellZipPath(fileSystem, path);
  }

  /** The JDK's path of another path of the same file system; anything else is refused. */
  private Path unwrap(Path other) {
    return fileSystem.unwrap(Objects.requireNonNull(other));
  }

  @Override
  public CellZipFileSystem getFileSystem() {
    return fileSystem;
  }

  @Override
  public boolean isAbsolute() {
    return zip.isAbsolute();
  }

  @Override
  public Path getRoot() {
    return wrap(zip.getRoot());
  }

  @Override
  public Path getFileName() {
    return wrap(zip.getFileName());
  }

  @Override
  public Path getParent() {
    return wrap(zip.getParent());
  }

  @Override
  public int getNameCount() {
    return zip.getNameCount();
  }

  @Override
  public Path getName(int index) {
    return wrap(zip.getName(index));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return wrap(zip.subpath(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    return other instanceof CellZipPath
        && ((CellZipPath) other).fileSystem == fileSystem
        && zip.startsWith(((CellZipPath) other).zip);
  }

  @Override
  public boolean endsWith(Path other) {
    return other instanceof CellZipPath
        && ((CellZipPath) other).fileSystem == fileSystem
        && zip.endsWith(((CellZipPath) other).zip);
  }

  @Override
  public Path normalize() {
    return wrap(zip.normalize());
  }

  @Override
  public Path resolve(Path other) {
    return wrap(zip.resolve(unwrap(other)));
  }

  @Override
  public Path relativize(Path other) {
    return wrap(zip.relativize(unwrap(other)));
  }

  /**
   * {@code jar:} and the zip file's URI as the cell names it (its own path, never the host's),
   * then the entry, as the JDK writes it for a zip file system opened on that path.
   */
  @Override
  public URI toUri() {
    try {
      return new URI("jar", fileSystem.zipFile().toUri() + "!" + toAbsolutePath(), null);
    } catch (URISyntaxException impossible) {
      throw new RexecBugException("a zip path is a valid URI: " + this, impossible);
    }
  }

  @Override
  public Path toAbsolutePath() {
    return wrap(zip.toAbsolutePath());
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    return wrap(zip.toRealPath(options));
  }

  /** As the JDK's zip path: no {@code java.io.File} names an entry. */
  @Override
  public File toFile() {
    throw new UnsupportedOperationException();
  }

  @Override
  public WatchKey register(
      WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int compareTo(Path other) {
    if (!(other instanceof CellZipPath)) {
      throw new ClassCastException(
          "not a path of a zip file system: " + Objects.requireNonNull(other).getClass());
    }
    return zip.compareTo(((CellZipPath) other).zip);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CellZipPath
        && ((CellZipPath) other).fileSystem == fileSystem
        && zip.equals(((CellZipPath) other).zip);
  }

  @Override
  public int hashCode() {
    return zip.hashCode();
  }

  @Override
  public String toString() {
    return zip.toString();
  }

  static ProviderMismatchException mismatch(Path other) {
    return new ProviderMismatchException("not a path of this zip file system: " + other);
  }
}
