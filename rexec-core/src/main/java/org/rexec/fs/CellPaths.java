package org.rexec.fs;

import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Pure operations on cell path strings. Cell paths are POSIX paths; their syntax is computed by
 * the host's own path implementation on the string alone, which never touches the disk.
 */
final class CellPaths {

  private CellPaths() {}

  /** A host {@code Path} object for the string, used only for its syntax. */
  static Path syntax(String path) {
    return FileSystems.getDefault().getPath(path);
  }

  /** Whether {@code path} is absolute and has no {@code .} or {@code ..} or repeated slashes. */
  static boolean isAbsoluteNormalized(String path) {
    if (!path.startsWith("/")) {
      return false;
    }
    return syntax(path).normalize().toString().equals(path);
  }

  /** {@code path} made absolute against {@code workingDirectory} and normalized lexically. */
  static String absolute(String workingDirectory, String path) {
    Path syntax = syntax(path);
    Path absolute = syntax.isAbsolute() ? syntax : syntax(workingDirectory).resolve(syntax);
    return absolute.normalize().toString();
  }
}
