package org.rexec.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;
import org.rexec.policy.Access;

/** Programs that use files the ordinary way work unchanged with the matching grant. */
class OrdinaryFilesTest {

  @TempDir Path temp;
  Path input;
  Path output;

  @BeforeEach
  void createDirectories() throws IOException {
    input = Files.createDirectories(temp.resolve("in"));
    output = Files.createDirectories(temp.resolve("out"));
    Files.writeString(input.resolve("numbers.txt"), "3\n4\n5\n");
    Files.createDirectories(input.resolve("sub/deeper"));
    Files.writeString(input.resolve("sub/a.txt"), "alpha\n");
    Files.writeString(input.resolve("sub/deeper/b.txt"), "beta\n");
  }

  private RunResult run(Policy policy, String source, String... args) {
    try (Cell cell = Cell.create(policy)) {
      return cell.run(cell.loadSource("Program.java", source), args);
    }
  }

  private Policy readInWriteOut() {
    return Policy.builder().allowRead(input).allowWrite(output).build();
  }

  @Test
  void readsAnInputFileAndWritesAnOutputFileWithJavaIo() throws IOException {
    RunResult result =
        run(
            readInWriteOut(),
            """
            import java.io.*;
            import java.util.*;
            public class Program {
              public static void main(String[] args) throws IOException {
                int sum = 0;
                try (BufferedReader in = new BufferedReader(new FileReader(args[0]))) {
                  for (String line; (line = in.readLine()) != null; ) sum += Integer.parseInt(line);
                }
                try (PrintWriter out = new PrintWriter(new FileWriter(args[1]))) {
                  out.println("sum=" + sum);
                }
                try (Scanner scanner = new Scanner(new File(args[0]))) {
                  System.out.println("first=" + scanner.nextInt());
                }
                try (FileOutputStream bytes = new FileOutputStream(args[1], true)) {
                  bytes.write("more\\n".getBytes());
                }
                System.out.println(new File(args[1]).length());
              }
            }
            """,
            input.resolve("numbers.txt").toString(),
            output.resolve("result.txt").toString());

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("first=3\n12\n");
    assertThat(Files.readString(output.resolve("result.txt"))).isEqualTo("sum=12\nmore\n");
    assertThat(result.violations()).isEmpty();
    assertThat(result.bytesRead()).isGreaterThanOrEqualTo(12);
    assertThat(result.bytesWritten()).isEqualTo(12);
  }

  @Test
  void readAndWriteGrantsOfOnePathCombine() throws IOException {
    Path both = Files.createDirectories(temp.resolve("both"));
    Files.writeString(both.resolve("in.txt"), "read me");
    RunResult result =
        run(
            Policy.builder().allowRead(both).allowWrite(both).build(),
            """
            import java.nio.file.*;
            public class Program {
              public static void main(String[] args) throws Exception {
                Path dir = Path.of(args[0]);
                Files.writeString(dir.resolve("out.txt"), Files.readString(dir.resolve("in.txt")));
              }
            }
            """,
            both.toString());

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(both.resolve("out.txt")).hasContent("read me");
  }

  @Test
  void channelsCloseInTryWithResources() {
    RunResult result =
        run(
            Policy.defaults(),
            """
            import java.nio.ByteBuffer;
            import java.nio.channels.FileChannel;
            import java.nio.file.*;
            public class Program {
              public static void main(String[] args) throws Exception {
                Path file = Path.of("/tmp/channel.txt");
                FileChannel kept;
                try (FileChannel channel = FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                  channel.write(ByteBuffer.wrap("closed".getBytes()));
                  kept = channel;
                }
                System.out.println(Files.readString(file) + " " + kept.isOpen());
              }
            }
            """);

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("closed false\n");
  }

  @Test
  void walksADirectoryAndReadsLinesWithNio() {
    RunResult result =
        run(
            readInWriteOut(),
            """
            import java.nio.file.*;
            import java.util.stream.*;
            public class Program {
              public static void main(String[] args) throws Exception {
                Path root = Path.of(args[0]);
                try (Stream<Path> walk = Files.walk(root)) {
                  walk.filter(Files::isRegularFile)
                      .map(p -> root.relativize(p).toString())
                      .sorted()
                      .forEach(System.out::println);
                }
                try (Stream<String> lines = Files.lines(root.resolve("numbers.txt"))) {
                  System.out.println(lines.mapToInt(Integer::parseInt).sum());
                }
                Files.writeString(Paths.get(args[1], "nio.txt"), "written");
                System.out.println(Files.readString(Path.of(args[1]).resolve("nio.txt")));
              }
            }
            """,
            input.toString(),
            output.toString());

    assertThat(result.stdout())
        .isEqualTo("numbers.txt\nsub/a.txt\nsub/deeper/b.txt\n12\nwritten\n");
    assertThat(result.violations()).isEmpty();
  }

  @Test
  void temporaryFilesLiveInTheScratchDirectoryAndVanishWithTheCell() throws IOException {
    java.util.Set<Path> before = scratchDirectories();
    try (Cell cell = Cell.create(Policy.defaults())) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "Program.java",
                  """
                  import java.io.*;
                  import java.nio.file.*;
                  public class Program {
                    public static void main(String[] args) throws IOException {
                      Path temp = Files.createTempFile("data", ".txt");
                      Files.writeString(temp, "scratch");
                      File old = File.createTempFile("old", ".txt");
                      try (FileWriter writer = new FileWriter(old)) { writer.write("io"); }
                      System.out.println(temp.getParent() + " " + old.getParent());
                      System.out.println(System.getProperty("java.io.tmpdir") + " "
                          + System.getProperty("user.dir") + " " + new File("x").getAbsolutePath());
                      System.out.println(Files.readString(temp) + " " + old.length());
                    }
                  }
                  """));

      assertThat(result.stdout()).isEqualTo("/tmp /tmp\n/tmp /tmp /tmp/x\nscratch 2\n");
      assertThat(result.violations()).isEmpty();
      assertThat(scratchDirectories()).hasSize(before.size() + 1);
    }
    assertThat(scratchDirectories()).as("the scratch directory was deleted").isEqualTo(before);
  }

  @Test
  void aCellThatNeverTouchesItsScratchDirectoryCreatesNoneOnTheHost() throws IOException {
    java.util.Set<Path> before = scratchDirectories();
    try (Cell cell = Cell.create(Policy.defaults())) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "Program.java",
                  """
                  public class Program {
                    public static void main(String[] args) {
                      System.out.println(System.getProperty("java.io.tmpdir"));
                    }
                  }
                  """));

      assertThat(result.stdout()).isEqualTo("/tmp\n");
      assertThat(scratchDirectories()).isEqualTo(before);
    }
    assertThat(scratchDirectories()).isEqualTo(before);
  }

  @Test
  void theScratchDirectoryExistsForTheCellBeforeItsFirstFileIsWritten() {
    RunResult result =
        run(
            Policy.defaults(),
            """
            import java.io.*;
            import java.nio.file.*;
            public class Program {
              public static void main(String[] args) throws IOException {
                System.out.println(Files.isDirectory(Path.of("/tmp")) + " " + new File("/tmp").isDirectory()
                    + " " + new File(".").getCanonicalPath());
                try (var entries = Files.list(Path.of("/tmp"))) {
                  System.out.println(entries.count());
                }
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("true true /tmp\n0\n");
  }

  /** The scratch directories of cells on the host, in its temporary directory. */
  private static java.util.Set<Path> scratchDirectories() throws IOException {
    try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith("rexec-cell-"))
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  @Test
  void aMountShowsAHostDirectoryAtACellPathWithoutItsHostPath() {
    RunResult result =
        run(
            Policy.builder().mount(input, "/data", Access.READ).build(),
            """
            import java.io.*;
            import java.nio.file.*;
            public class Program {
              public static void main(String[] args) throws IOException {
                System.out.println(Files.readString(Path.of("/data/sub/a.txt")).strip());
                System.out.println(new File("/data/numbers.txt").getCanonicalPath());
                System.out.println(Path.of("/data/sub/../numbers.txt").toRealPath());
                System.out.println(String.join(",", new File("/data").list().length + ""));
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("alpha\n/data/numbers.txt\n/data/numbers.txt\n2\n")
        .doesNotContain(temp.toString());
  }

  @Test
  void anInMemoryFileIsReadLikeAnyOther() {
    RunResult result =
        run(
            Policy.builder()
                .file("/input/words.txt", "gamma\ndelta\n".getBytes(StandardCharsets.UTF_8))
                .build(),
            """
            import java.io.*;
            import java.nio.file.*;
            import java.util.*;
            public class Program {
              public static void main(String[] args) throws IOException {
                System.out.println(Files.readAllLines(Path.of("/input/words.txt")));
                try (Scanner in = new Scanner(new File("/input/words.txt"))) {
                  System.out.println(in.next());
                }
                try (InputStream in = new FileInputStream("/input/words.txt")) {
                  System.out.println(in.readAllBytes().length);
                }
                try {
                  Files.writeString(Path.of("/input/words.txt"), "x");
                } catch (AccessDeniedException e) {
                  System.out.println(e.getMessage());
                }
              }
            }
            """);

    assertThat(result.stdout())
        .isEqualTo(
            "[gamma, delta]\ngamma\n12\n"
                + "/input/words.txt: Permission denied (rule: file-write)\n");
  }

  @Test
  void relativePathsResolveAgainstTheWorkingDirectory() throws IOException {
    RunResult result =
        run(
            Policy.builder().allowWrite(output).workingDirectory(output.toString()).build(),
            """
            import java.io.*;
            import java.nio.file.*;
            public class Program {
              public static void main(String[] args) throws IOException {
                try (PrintStream out = new PrintStream("report.txt")) { out.print("report"); }
                System.out.println(Files.readString(Path.of("report.txt")));
                System.out.println(new File("report.txt").exists());
              }
            }
            """);

    assertThat(result.stdout()).isEqualTo("report\ntrue\n");
    assertThat(Files.readString(output.resolve("report.txt"))).isEqualTo("report");
  }

  @Test
  void aSubclassOfFileThatCallsSuperWorksAsOnAPlainJvm() {
    RunResult result =
        run(
            readInWriteOut(),
            """
            import java.io.*;
            public class Program {
              static class Logged extends File {
                Logged(String path) { super(path); }
                @Override public boolean exists() {
                  System.out.println("exists? " + getName());
                  return super.exists();
                }
                @Override public long length() { return super.length() * 10; }
              }
              public static void main(String[] args) {
                File file = new Logged(args[0]);
                System.out.println(file.exists() + " " + file.length());
                System.out.println(new Logged(args[0] + ".missing").exists());
                System.out.println(file.getParentFile().isDirectory());
              }
            }
            """,
            input.resolve("numbers.txt").toString());

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .isEqualTo("exists? numbers.txt\ntrue 60\nexists? numbers.txt.missing\nfalse\ntrue\n");
  }
}
