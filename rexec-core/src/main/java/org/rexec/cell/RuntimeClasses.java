package org.rexec.cell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rexec.bug.RexecBugException;
import org.rexec.runtime.CellContext;

/**
 * Initializes every class of the runtime, the cell's file system and {@code org.rexec.bug} once,
 * before the first cell exists. Their code runs on cell threads, which may be at the edge of
 * their stack: a class initialized there could fail for the whole JVM.
 */
final class RuntimeClasses {

  // org.rexec.bug too: the runtime and the file system throw its exception on cell threads.
  private static final List<String> PACKAGES =
      List.of("org/rexec/runtime/", "org/rexec/fs/", "org/rexec/bug/");

  private RuntimeClasses() {}

  /** Idempotent; the work is done by the class's own initialization, once. */
  static void initialize() {
    Holder.touch();
  }

  private static final class Holder {
    static {
      for (String name : names()) {
        try {
          Class.forName(name, true, RuntimeClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new RexecBugException("rexec's own class is missing: " + name, e);
        }
      }
    }

    static void touch() {}
  }

  /** The binary names of the classes of {@link #PACKAGES} where rexec's classes are. */
  private static List<String> names() {
    CodeSource source = CellContext.class.getProtectionDomain().getCodeSource();
    try {
      Path location = Path.of(source.getLocation().toURI());
      if (Files.isDirectory(location)) {
        return namesUnder(location);
      }
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        return namesUnder(jar.getPath("/"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list rexec's runtime classes", e);
    } catch (URISyntaxException e) {
      throw new RexecBugException("rexec's location is not a path: " + source, e);
    }
  }

  private static List<String> namesUnder(Path root) throws IOException {
    List<String> names = new ArrayList<>();
    for (String prefix : PACKAGES) {
      Path packageDirectory = root.resolve(prefix);
      if (!Files.isDirectory(packageDirectory)) {
        continue;
      }
      try (Stream<Path> files = Files.list(packageDirectory)) {
        files
            .map(file -> file.getFileName().toString())
            .filter(file -> file.endsWith(".class") && !file.equals("package-info.class"))
            .map(file -> (prefix + file.substring(0, file.length() - 6)).replace('/', '.'))
            .forEach(names::add);
      }
    }
    return names;
  }
}
