package org.rexec.fs;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/** The default file system as a cell sees it: one root, POSIX paths, the cell's rules. */
public final class CellFileSystem extends FileSystem {

  private final CellFileSystemProvider provider;
  private final CellFiles files;
  private final CellPath root;
  private final CellFileStore store;

  CellFileSystem(CellFileSystemProvider provider, CellFiles files) {
    this.provider = provider;
    this.files = files;
    provider.attach(this);
    this.root = new CellPath(this, CellPaths.syntax("/"));
    this.store = new CellFileStore(files);
  }

  CellFiles files() {
    return files;
  }

  @Override
  public CellFileSystemProvider provider() {
    return provider;
  }

  /** The default file system cannot be closed, in a cell as in the JVM. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("the default file system cannot be closed");
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return "/";
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return List.of(root);
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return List.of(store);
  }

  FileStore store() {
    return store;
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return Set.of("basic", "posix", "owner");
  }

  @Override
  public Path getPath(String first, String... more) {
    // The host's parser gives the exact POSIX rules: separators, NUL refused, trailing '/'.
    return new CellPath(this, FileSystems.getDefault().getPath(first, more));
  }

  /** Whether {@code path} is one of this file system's paths (a rexec class, not a look-alike). */
  public boolean owns(Path path) {
    return path instanceof CellPath && ((CellPath) path).getFileSystem() == this;
  }

  /** Glob and regex matching are pure string logic; the host's matcher does it. */
  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
    return path -> path instanceof CellPath && matcher.matches(((CellPath) path).syntax());
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    throw new UnsupportedOperationException("a cell cannot look up the host's users");
  }

  @Override
  public WatchService newWatchService() throws IOException {
    return CellWatchService.open(files);
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
