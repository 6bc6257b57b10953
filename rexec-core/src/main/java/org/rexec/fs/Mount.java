package org.rexec.fs;

import org.rexec.policy.Access;

import java.nio.file.Path;
import java.util.Objects;
import org.rexec.policy.Access;

/**
 * A host directory (or file) that appears inside a cell at a cell path.
 *
 * @param cellPath where the cell sees it: absolute, normalized, e.g. {@code /data}
 * @param hostPath what it is on the host: absolute, normalized
 * @param access what the cell may do under it
 * @param rule the rule that stands for this mount in messages: {@code scratch}, {@code mount},
 *     {@code allow-read}, {@code allow-write}
 */
public record Mount(String cellPath, Path hostPath, Access access, String rule) {

  public Mount {
    Objects.requireNonNull(cellPath, "cellPath");
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(rule, "rule");
    if (!CellPaths.isAbsoluteNormalized(cellPath)) {
      throw new IllegalArgumentException(
          "a cell path must be absolute and normalized (like /data/in), was " + cellPath);
    }
    if (!hostPath.isAbsolute()) {
      throw new IllegalArgumentException("a host path must be absolute, was " + hostPath);
    }
    hostPath = hostPath.normalize();
  }

  /** The part of {@code cellPath} below this mount ({@code ""} for the mount point), or null. */
  String relativize(String path) {
    if (path.equals(cellPath)) {
      return "";
    }
    String prefix = cellPath.equals("/") ? "/" : cellPath + "/";
    return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
  }

  /** The host path for a cell path under this mount. */
  Path hostFor(String relative) {
    return relative.isEmpty() ? hostPath : hostPath.resolve(relative);
  }
}
