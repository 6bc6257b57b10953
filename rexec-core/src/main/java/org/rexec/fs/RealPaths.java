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
 * Resolves a host path as the kernel would, one name at a time from the root, following each
 * symbolic link by reading it, so that the result names no symbolic link but (optionally) the
 * last: what a check sees is then exactly what a system call on the result reaches, since the
 * kernel has no link left to follow. Dangling links are resolved too: a file created through one
 * is judged where it would be created.
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
   * @param closedTrees directories whose names are never read: resolution stops at the first
   *     name inside one (their links are not links: {@code /proc/self/cwd} names a directory
   *     that its text does not)
   * @throws NoSuchFileException if a name before the last does not exist
   * @throws FileSystemException if a name before the last is not a directory
   * @throws FileSystemException if the links form a loop or are too many
   */
  static Resolved resolve(Path host, boolean followLast, List<Path> closedTrees)
      throws IOException {
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
      if (found.isSymbolicLink() && (!last || followLast)) {
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

  private static boolean isInside(Path path, List<Path> trees) {
    for (Path tree : trees) {
      if (path.startsWith(tree)) {
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
