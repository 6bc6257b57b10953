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
 * A path of a cell's file system: a POSIX path as the cell sees it. Its syntax (names, parents,
 * normalization, resolution) is the host's, computed on the string alone; everything that
 * touches a file goes through the cell's provider and rules.
 */
final class CellPath implements Path {

  private final CellFileSystem fileSystem;
  private final Path syntax;

  CellPath(CellFileSystem fileSystem, Path syntax) {
    this.fileSystem = fileSystem;
    this.syntax = syntax;
  }

  /** The same path as a host {@code Path} object, used only for its syntax. */
  Path syntax() {
    return syntax;
  }

  private CellPath wrap(Path path) {
    return path == null ? null : new CellPath(fileSystem, path);
  }

  private Path unwrap(Path other) {
    if (other instanceof CellPath) {
      return ((CellPath) other).syntax;
    }
    throw new ProviderMismatchException(
        "not a path of the cell's file system: " + Objects.requireNonNull(other));
  }

  @Override
  public CellFileSystem getFileSystem() {
    return fileSystem;
  }

  @Override
  public boolean isAbsolute() {
    return syntax.isAbsolute();
  }

  @Override
  public Path getRoot() {
    return wrap(syntax.getRoot());
  }

  @Override
  public Path getFileName() {
    return wrap(syntax.getFileName());
  }

  @Override
  public Path getParent() {
    return wrap(syntax.getParent());
  }

  @Override
  public int getNameCount() {
    return syntax.getNameCount();
  }

  @Override
  public Path getName(int index) {
    return wrap(syntax.getName(index));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return wrap(syntax.subpath(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    return other instanceof CellPath && syntax.startsWith(((CellPath) other).syntax);
  }

  @Override
  public boolean endsWith(Path other) {
    return other instanceof CellPath && syntax.endsWith(((CellPath) other).syntax);
  }

  @Override
  public Path normalize() {
    return wrap(syntax.normalize());
  }

  @Override
  public Path resolve(Path other) {
    return wrap(syntax.resolve(unwrap(other)));
  }

  @Override
  public Path relativize(Path other) {
    return wrap(syntax.relativize(unwrap(other)));
  }

  @Override
  public URI toUri() {
    String absolute = toAbsolutePath().normalize().toString();
    if (!absolute.endsWith("/") && fileSystem.provider().isDirectoryQuietly(this)) {
      absolute += "/";
    }
    try {
      return new URI("file", null, absolute, null);
    } catch (URISyntaxException impossible) {
      throw new RexecBugException("a cell path is a valid URI path: " + absolute, impossible);
    }
  }

  /** Against the cell's working directory, never the supervisor's. */
  @Override
  public Path toAbsolutePath() {
    return isAbsolute()
        ? this
        : wrap(CellPaths.syntax(fileSystem.files().workingDirectory()).resolve(syntax));
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    return fileSystem.provider().realPath(this, options);
  }

  /** A {@code java.io.File} naming the same cell path; the cell's rules apply to it too. */
  @Override
  public File toFile() {
    return new File(syntax.toString());
  }

  @Override
  public WatchKey register(
      WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
      throws IOException {
    if (!(watcher instanceof CellWatchService)) {
      throw new ProviderMismatchException("not a watch service of the cell's file system");
    }
    return ((CellWatchService) watcher).register(this, events, modifiers);
  }

  @Override
  public int compareTo(Path other) {
    return syntax.compareTo(unwrap(other));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CellPath
        && ((CellPath) other).fileSystem == fileSystem
        && ((CellPath) other).syntax.equals(syntax);
  }

  @Override
  public int hashCode() {
    return syntax.hashCode();
  }

  @Override
  public String toString() {
    return syntax.toString();
  }
}
