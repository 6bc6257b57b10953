package org.rexec.cell;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.rexec.fs.CellFiles;

/**
 * The system properties a cell starts with: the standard ones that describe the Java platform
 * and formats, copied from the supervisor's JVM, and none that reveal the host (paths, user,
 * class path, OS version). Cell values stand in for the user and directories: the working
 * directory and the scratch directory ({@code java.io.tmpdir}) are cell paths.
 */
final class StandardProperties {

  /** Copied from the supervisor's JVM when it has them. */
  private static final List<String> COPIED =
      List.of(
          "java.version",
          "java.version.date",
          "java.vendor",
          "java.vendor.url",
          "java.vendor.version",
          "java.runtime.name",
          "java.runtime.version",
          "java.vm.name",
          "java.vm.vendor",
          "java.vm.version",
          "java.vm.info",
          "java.vm.specification.name",
          "java.vm.specification.vendor",
          "java.vm.specification.version",
          "java.specification.name",
          "java.specification.vendor",
          "java.specification.version",
          "java.class.version",
          "os.name",
          "os.arch",
          "file.separator",
          "path.separator",
          "line.separator",
          "file.encoding",
          "native.encoding",
          "user.language",
          "user.country",
          "user.variant",
          "user.script");

  /** What stands in for host-specific values. */
  private static final Map<String, String> CELL_VALUES =
      Map.of(
          "user.name", "cell",
          "user.home", "/",
          "java.io.tmpdir", CellFiles.SCRATCH,
          "stdout.encoding", StandardCharsets.UTF_8.name(),
          "stderr.encoding", StandardCharsets.UTF_8.name());

  private StandardProperties() {}

  /** The standard properties overlaid with the policy's own. */
  static Properties forCell(Map<String, String> overlay, String workingDirectory) {
    Properties properties = new Properties();
    for (String key : COPIED) {
      String value = System.getProperty(key);
      if (value != null) {
        properties.setProperty(key, value);
      }
    }
    properties.putAll(CELL_VALUES);
    properties.setProperty("user.dir", workingDirectory);
    properties.putAll(overlay);
    return properties;
  }
}
