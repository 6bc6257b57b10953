package org.rexec.compile;

import org.rexec.CodeCaches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.LoadException;
import org.rexec.Policy;

/**
 * A hostile submitter wrote the source tree; the supervisor runs {@code rexec run
 * submission/Main.java}. What javac reads and quotes must be the tree's, and its cost bounded.
 */
class SourceTreeAttackTest {

  private static final String SECRET = "TOPSECRET-host-line";

  @TempDir Path temp;

  private Path write(String relative, String text) throws IOException {
    return SourceFiles.write(temp, relative, text);
  }

  private static void load(Path main) throws IOException {
    try (Cell cell = Cell.builder(Policy.defaults()).codeCache(CodeCaches.compilingInto(CompileCache.none())).create()) {
      cell.load(main);
    }
  }

  @Test
  void aLaunchedFileThatIsALinkToAHostFileIsNotQuotedInErrors() throws IOException {
    // javac quotes the offending line: "TOPSECRET-host-line" as a class-expected error.
    Path secret = write("host/secret.txt", SECRET + "\nsecond line\n");
    Path main = temp.resolve("submission/Main.java");
    Files.createDirectories(main.getParent());
    Files.createSymbolicLink(main, secret);

    assertThatThrownBy(() -> load(main))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("symbolic link")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void aPackageDirectoryThatIsALinkIsRefusedBeforeTheFileIsQuoted() throws IOException {
    // submission/app leads to another directory; its Main.java is not the submitter's.
    write("host/app/Main.java", "package app;\n" + SECRET + "\n");
    Files.createDirectories(temp.resolve("submission"));
    Files.createSymbolicLink(temp.resolve("submission/app"), temp.resolve("host/app"));

    assertThatThrownBy(() -> load(temp.resolve("submission/app/Main.java")))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("symbolic link below the source root")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void aHugeLaunchedFileIsRefusedUnread() throws IOException {
    Path main = temp.resolve("submission/Main.java");
    Files.createDirectories(main.getParent());
    try (var out = Files.newOutputStream(main)) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 5; i++) {
        out.write(spaces);
      }
    }

    assertThatThrownBy(() -> load(main))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("larger than a source file may be");
  }

  @Test
  void aTreeOfManyFilesCountsInTheSharedCacheAsWhatItKeeps() throws IOException,
      CompilationException {
    // The cache records the listing of the program's package to check it later: 30,000 names
    // of 80 characters, about 6 MB kept for a program of one small class, which counted as
    // 1 KB would let a few hundred submissions keep gigabytes in the JVM-wide cache.
    Path main =
        write("submission/Main.java",
            "class Main { public static void main(String[] a) { System.out.println(1); } }");
    String padding = "P".repeat(70);
    for (int i = 0; i < 30_000; i++) {
      Files.createFile(temp.resolve("submission/" + padding + i + ".java"));
    }
    CompileCache cache = new CompileCache(1 << 20);

    cache.compile(
        new SourceProgram(main.toString(), Files.readString(main), main, java.util.Map.of()),
        Duration.ofSeconds(30));

    assertThat(cache.statistics()).contains("entries=0");
  }

  @Test
  void aConstantThatDoublesItselfDoesNotFillTheSupervisorsHeap() {
    StringBuilder source = new StringBuilder("class Main {\n  static final String A0 = \"xxxxxxxxxxxxxxxx\";\n");
    for (int i = 1; i <= 33; i++) {
      source.append("  static final String A").append(i).append(" = A").append(i - 1)
          .append(" + A").append(i - 1).append(";\n");
    }
    source.append("  public static void main(String[] a) { System.out.println(A33.length()); }\n}\n");
    long start = System.nanoTime();

    long growth =
        HeapPeak.growthDuring(
            () -> {
              assertThatThrownBy(
                      () -> new SourceCompiler().compile("Main.java", source.toString(), Duration.ofSeconds(5)))
                  .isInstanceOf(CompilationException.class)
                  .hasMessageStartingWith("Main.java:12: error: constant string too long (rexec refuses")
                  .satisfies(
                      e ->
                          assertThat(((CompilationException) e).diagnostics())
                              .singleElement()
                              .satisfies(
                                  d -> {
                                    assertThat(d.file()).isEqualTo("Main.java");
                                    assertThat(d.line()).isEqualTo(12);
                                    assertThat(d.message()).startsWith("constant string too long");
                                  }));
            });

    assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
    assertThat(growth).isLessThan(256L << 20);
  }
}
