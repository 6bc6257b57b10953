package org.rexec.fs;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a host path to its real path, so that the result names no symbolic link but
 * (optionally) the last: what a check sees is then exactly what a system call on the result
 * reaches, since the kernel has no link left to follow. The directories are resolved by the C
 * library's {@code realpath}, which is exact while the caller holds the {@link HostNamespace}
 * lock (no cell can rename or link a name then); the last name, which may be missing or a
 * dangling link, is resolved by rexec, one name at a time from the root where it is a link, so
 * that a file created through a dangling link is judged where it would be created.
 */
final class RealPaths {

  /** As Linux's {@code MAXSYMLINKS}: more links on one path is a loop. */
  private static final int MAX_LINKS = 40;

  private static final Path ROOT = Path.of("/");

  private RealPaths() {}

  /**
   * A resolved host path.
   *
   * @param path absolute, every name but the last an existing directory, none a link but the
   *     last (and that only when links at the end are not followed)
   * @param attributes the last name's attributes, not following a link; null if it does not exist
   * @param closed whether resolution stopped at a name inside a closed tree: {@code path} is
   *     that name, and nothing was read there
   */
  record Resolved(Path path, PosixFileAttributes attributes, boolean closed) {
    boolean exists() {
      return attributes != null;
    }
  }

  /**
   * Resolves an absolute host path.
   *
   * @param followLast whether a symbolic link at the last name is followed
   * @param closedTrees directories that are never reached: a path into one, or a link that
   *     leads into one, resolves to {@code closed}
   * @throws NoSuchFileException if a name before the last does not exist
   * @throws FileSystemException if a name before the last is not a directory
   * @throws FileSystemException if the links form a loop or are too many
   */
  static Resolved resolve(Path host, boolean followLast, List<Path> closedTrees)
      throws IOException {
    if (isInside(host, closedTrees)) {
      return new Resolved(host, null, true);
    }
    Path parent = host.getParent();
    if (parent == null) {
      return new Resolved(host, attributesOf(host), false);
    }
    Path real = parent.toRealPath().resolve(host.getFileName().toString());
    if (isInside(real, closedTrees)) {
      return new Resolved(real, null, true);
    }
    PosixFileAttributes attributes = attributesOf(real);
    if (attributes != null && attributes.isSymbolicLink() && followLast) {
      return walk(real, closedTrees);
    }
    return new Resolved(real, attributes, false);
  }

  /** Resolves a path name by name from the root, following every link, even the last. */
  private static Resolved walk(Path host, List<Path> closedTrees) throws IOException {
    Deque<String> pending = new ArrayDeque<>();
    push(pending, host);
    Path current = ROOT;
    PosixFileAttributes attributes = attributesOf(ROOT);
    int links = 0;
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (name.equals("..")) {
        current = current.getParent() == null ? ROOT : current.getParent();
        attributes = attributesOf(current);
        continue;
      }
      Path next = current.resolve(name);
      if (isInside(next, closedTrees)) {
        return new Resolved(next, null, true);
      }
      boolean last = pending.isEmpty();
      PosixFileAttributes found = attributesOf(next);
      if (found == null) {
        if (last) {
          return new Resolved(next, null, false);
        }
        throw new NoSuchFileException(host.toString());
      }
      if (found.isSymbolicLink()) {
        if (++links > MAX_LINKS) {
          throw new FileSystemException(host.toString(), null, "Too many levels of symbolic links");
        }
        Path target = Files.readSymbolicLink(next);
        push(pending, target);
        if (target.isAbsolute()) {
          current = ROOT;
        }
        continue;
      }
      if (!last && !found.isDirectory()) {
        throw new FileSystemException(host.toString(), null, "Not a directory");
      }
      current = next;
      attributes = found;
    }
    return new Resolved(current, attributes, false);
  }

  /** Whether {@code path} is one of {@code trees} or under one; compared as text, for speed. */
  private static boolean isInside(Path path, List<Path> trees) {
    String text = path.toString();
    for (Path tree : trees) {
      String prefix = tree.toString();
      if (text.startsWith(prefix)
          && (text.length() == prefix.length() || text.charAt(prefix.length()) == '/')) {
        return true;
      }
    }
    return false;
  }

  /** Puts the names of {@code path} in front of the pending ones, in order. */
  private static void push(Deque<String> pending, Path path) {
    for (int i = path.getNameCount() - 1; i >= 0; i--) {
      String name = path.getName(i).toString();
      if (!name.isEmpty() && !name.equals(".")) {
        pending.push(name);
      }
    }
  }

  private static PosixFileAttributes attributesOf(Path path) throws IOException {
    try {
      return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException absent) {
      return null;
    }
  }
}
