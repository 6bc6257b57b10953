package org.rexec;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How a cell ends: close releases everything, reports what it could not, and closes once. */
class CellLifecycleTest {

  @Test
  void closingTwiceIsANoOpAndTheCellStaysClosed() {
    Cell cell = Cell.create(Policy.defaults());
    cell.run(
        cell.loadSource("A.java", "public class A { public static void main(String[] a) {} }"));

    cell.close();
    cell.close();

    assertThatThrownBy(() -> cell.run("A"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the cell is closed");
  }

  @Test
  void closeReportsAScratchFileItCannotDeleteAndStillDeletesTheRest() throws Exception {
    String stuck = "stuck-" + UUID.randomUUID();
    String other = "other-" + UUID.randomUUID();
    Cell cell = Cell.create(Policy.defaults());
    RunResult result =
        cell.run(
            cell.loadSource(
                "Keep.java",
                "import java.nio.file.*;\n"
                    + "public class Keep { public static void main(String[] a) throws Exception {\n"
                    + "  Path tmp = Path.of(System.getProperty(\"java.io.tmpdir\"));\n"
                    + "  Files.writeString(Files.createDirectories(tmp.resolve(\"keep\"))"
                    + ".resolve(a[0]), \"x\");\n"
                    + "  Files.writeString(tmp.resolve(a[1]), \"y\");\n"
                    + "} }"),
            stuck,
            other);
    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    Path scratch = scratchHolding("keep/" + stuck);
    Path stuckFile = scratch.resolve("keep").resolve(stuck);
    assumeTrue(makeUndeletable(stuckFile), "cannot make a file undeletable on this host");
    try {
      assertThatThrownBy(cell::close)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("the cell's files")
          .hasMessageContaining(stuck)
          .hasCauseInstanceOf(IOException.class);

      assertThat(scratch.resolve(other)).doesNotExist();
      assertThat(stuckFile).exists();
      cell.close(); // closed already: nothing is tried or reported again
      assertThatThrownBy(() -> cell.run("Keep")).isInstanceOf(IllegalStateException.class);
    } finally {
      makeDeletable(stuckFile);
      try (Stream<Path> tree = Files.walk(scratch)) {
        for (Path path : tree.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static Path scratchHolding(String relative) throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith("rexec-cell-"))
          .filter(path -> Files.exists(path.resolve(relative)))
          .findFirst()
          .orElseThrow();
    }
  }

  /**
   * Makes {@code file} undeletable: its directory read-only, or, for root (whom permissions do
   * not stop), the file immutable with chattr. Returns false if neither works here.
   */
  private static boolean makeUndeletable(Path file) throws Exception {
    if (!isRoot()) {
      Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
      return true;
    }
    return chattr("+i", file);
  }

  private static void makeDeletable(Path file) throws Exception {
    if (isRoot()) {
      chattr("-i", file);
    } else {
      Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static boolean chattr(String flag, Path file) throws Exception {
    try {
      Process chattr =
          new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
      chattr.getInputStream().readAllBytes();
      return chattr.waitFor() == 0;
    } catch (IOException noChattr) {
      return false;
    }
  }
}
