package org.rexec.cli;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rexec.Policy;
import org.rexec.policy.Access;
import picocli.CommandLine.Option;

/** The options that grant files: read, write, mount, the scratch bound, the working directory. */
final class FileGrants {

  @Option(
      names = "--allow-read",
      split = ",",
      paramLabel = "PATH",
      description = "Let the program read these files and directories (seen at their own paths).")
  List<Path> read = new ArrayList<>();

  @Option(
      names = "--allow-write",
      split = ",",
      paramLabel = "PATH",
      description = "Let the program also create, write, rename and delete under these paths.")
  List<Path> write = new ArrayList<>();

  @Option(
      names = "--mount",
      paramLabel = "HOST:CELL[:ro|rw]",
      description = "Show the host directory HOST inside the cell at the absolute path CELL,"
          + " read-only (ro, the default) or writable (rw). Repeatable.")
  List<String> mounts = new ArrayList<>();

  @Option(
      names = "--disk",
      paramLabel = "SIZE",
      description = "Bound the cell's scratch directory /tmp (default: 64m).")
  String disk;

  @Option(
      names = "--workdir",
      paramLabel = "CELLPATH",
      description = "The program's working directory, the base of relative paths (default: the"
          + " current directory; reading it still needs a grant). A relative one is resolved"
          + " against the current directory.")
  String workingDirectory;

  /**
   * Adds the grants to {@code policy}. Relative host paths, and a relative working directory,
   * are resolved against {@code base}: the current directory for the command line, the policy
   * file's directory for its lines.
   */
  void apply(Policy.Builder policy, Path base) {
    for (Path given : read) {
      Path path = base.resolve(given);
      if (!Files.exists(path)) {
        throw new UserError("--allow-read: no such file or directory: " + path);
      }
      policy.allowRead(path);
    }
    for (Path given : write) {
      Path path = base.resolve(given);
      Path parent = path.toAbsolutePath().normalize().getParent();
      if (!Files.exists(path) && (parent == null || !Files.isDirectory(parent))) {
        throw new UserError("--allow-write: no such directory: " + parent);
      }
      policy.allowWrite(path);
    }
    for (String mount : mounts) {
      addMount(policy, mount, base);
    }
    if (disk != null) {
      policy.disk(Units.bytes("--disk", disk), Policy.DEFAULT_DISK_FILES);
    }
    if (workingDirectory != null) {
      policy.workingDirectory(
          workingDirectory.startsWith("/")
              ? workingDirectory
              : base.resolve(workingDirectory).normalize().toString());
    }
  }

  private static void addMount(Policy.Builder policy, String mount, Path base) {
    String[] parts = mount.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
      throw new UserError("--mount: expected HOST:CELL[:ro|rw], was '" + mount + "'");
    }
    Access access = Access.READ;
    if (parts.length == 3) {
      switch (parts[2]) {
        case "ro" -> access = Access.READ;
        case "rw" -> access = Access.WRITE;
        default -> throw new UserError(
            "--mount: the mode must be ro or rw, was '" + parts[2] + "' in '" + mount + "'");
      }
    }
    Path host = base.resolve(parts[0]);
    if (!Files.isDirectory(host)) {
      throw new UserError("--mount: no such directory: " + host);
    }
    if (!parts[1].startsWith("/")) {
      throw new UserError("--mount: the cell path must be absolute, was '" + parts[1] + "'");
    }
    policy.mount(host, parts[1], access);
  }
}
