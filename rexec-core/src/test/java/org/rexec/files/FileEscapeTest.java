package org.rexec.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.Violation;
import org.rexec.policy.Access;

/**
 * Hostile programs try every way out of their file grants; each test asserts what happened on
 * the host: the secret was not read, the file was not created or changed.
 */
class FileEscapeTest {

  private static final String SECRET = "TOP-SECRET-6f1c";

  @TempDir Path temp;
  Path granted;
  Path writable;
  Path secret;
  Path outside;

  @BeforeEach
  void layOutTheHost() throws IOException {
    granted = Files.createDirectories(temp.resolve("granted"));
    writable = Files.createDirectories(temp.resolve("writable"));
    outside = Files.createDirectories(temp.resolve("outside"));
    secret = Files.writeString(outside.resolve("secret.txt"), SECRET);
    Files.writeString(granted.resolve("ok.txt"), "fine");
  }

  private Policy policy() {
    return Policy.builder().allowRead(granted).allowWrite(writable).build();
  }

  /** Runs a program that prints whatever it managed to read; args are passed through. */
  private RunResult attack(Policy policy, String body, String... args) {
    String source =
        """
        import java.io.*;
        import java.net.*;
        import java.nio.file.*;
        import java.nio.channels.*;
        import java.util.*;
        public class Attack {
          static void attempt(String what, Callable<Object> action) {
            try {
              System.out.println(what + " -> " + action.call());
            } catch (Throwable t) {
              System.out.println(what + " ! " + t);
            }
          }
          interface Callable<T> { T call() throws Exception; }
          public static void main(String[] args) throws Exception {
        """
            + body
            + """
          }
        }
        """;
    try (Cell cell =
        Cell.builder(policy)
            .stdin(new ByteArrayInputStream("from stdin\n".getBytes(StandardCharsets.UTF_8)))
            .create()) {
      return cell.run(cell.loadSource("Attack.java", source), args);
    }
  }

  private static void assertNoSecret(RunResult result) {
    assertThat(result.stdout()).doesNotContain(SECRET);
    assertThat(result.stderr()).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%s/../outside/secret.txt",
        "%s/./../outside/./secret.txt",
        "%s/../../%s/outside/secret.txt",
        "%s/ok.txt/../../outside/secret.txt",
      })
  void dotDotCannotClimbOutOfAGrant(String pattern) {
    String path = String.format(pattern, granted, temp.getFileName());

    RunResult result =
        attack(
            policy(),
            """
            attempt("nio", () -> Files.readString(Path.of(args[0])));
            attempt("io", () -> new String(new FileInputStream(args[0]).readAllBytes()));
            attempt("reader", () -> new BufferedReader(new FileReader(args[0])).readLine());
            attempt("raf", () -> new RandomAccessFile(args[0], "r").readLine());
            attempt("scanner", () -> new Scanner(new File(args[0])).nextLine());
            """,
            path);

    assertNoSecret(result);
    assertThat(result.stdout().lines()).hasSize(5).allMatch(line -> line.contains(" ! "));
    assertThat(result.stdout()).contains("AccessDeniedException", "FileNotFoundException");
    assertThat(result.violations()).hasSize(5).allSatisfy(
        violation -> assertThat(violation.rule()).isEqualTo("file-read"));
  }

  @Test
  void absolutePathsOutsideTheGrantsAreRefused() {
    RunResult result =
        attack(
            policy(),
            """
            attempt("secret", () -> Files.readAllBytes(Path.of(args[0])).length);
            attempt("passwd", () -> Files.readAllLines(Path.of("/etc/passwd")).size());
            attempt("list root", () -> Arrays.toString(new File("/").list()));
            attempt("exists", () -> new File(args[0]).exists());
            attempt("length", () -> new File("/etc/passwd").length());
            """,
            secret.toString());

    assertNoSecret(result);
    assertThat(result.stdout())
        .contains(
            "secret ! java.nio.file.AccessDeniedException: " + secret
                + ": Permission denied (rule: file-read)",
            "list root -> null",
            "exists -> false",
            "length -> 0")
        .doesNotContain("root:");
  }

  @Test
  void aPreExistingSymbolicLinkOutOfAGrantIsNotFollowed() throws IOException {
    Files.createSymbolicLink(granted.resolve("link.txt"), secret);
    Files.createSymbolicLink(granted.resolve("dir"), outside);

    RunResult result =
        attack(
            policy(),
            """
            attempt("file link", () -> Files.readString(Path.of(args[0], "link.txt")));
            attempt("dir link", () -> Files.readString(Path.of(args[0], "dir", "secret.txt")));
            attempt("io", () -> new String(new FileInputStream(args[0] + "/link.txt").readAllBytes()));
            attempt("list", () -> Arrays.toString(new File(args[0] + "/dir").list()));
            attempt("readlink", () -> Files.readSymbolicLink(Path.of(args[0], "link.txt")));
            attempt("real", () -> Path.of(args[0], "link.txt").toRealPath());
            attempt("is link", () -> Files.isSymbolicLink(Path.of(args[0], "link.txt")));
            """,
            granted.toString());

    assertNoSecret(result);
    assertThat(result.stdout())
        .contains("file link ! java.nio.file.AccessDeniedException")
        .contains("(rule: file-escape)")
        .contains("list -> null")
        .contains("is link -> true")
        .doesNotContain(outside.toString());
  }

  @Test
  void aProgramCannotCreateALinkThatLeadsOut() throws IOException {
    RunResult result =
        attack(
            policy(),
            """
            Path dir = Path.of(args[0]);
            attempt("absolute", () -> Files.createSymbolicLink(dir.resolve("a"), Path.of(args[1])));
            attempt("relative", () -> Files.createSymbolicLink(dir.resolve("b"),
                Path.of("../outside/secret.txt")));
            attempt("to read-only", () -> Files.createSymbolicLink(dir.resolve("c"),
                Path.of(args[2], "ok.txt")));
            attempt("hard", () -> Files.createLink(dir.resolve("d"), Path.of(args[1])));
            attempt("hard to read-only", () -> Files.createLink(dir.resolve("e"),
                Path.of(args[2], "ok.txt")));
            attempt("inside", () -> Files.createSymbolicLink(dir.resolve("f"), Path.of("g.txt")));
            """,
            writable.toString(),
            secret.toString(),
            granted.toString());

    assertNoSecret(result);
    for (String name : new String[] {"a", "b", "c", "d", "e"}) {
      assertThat(writable.resolve(name)).as(name).doesNotExist();
      assertThat(Files.exists(writable.resolve(name), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
    assertThat(Files.isSymbolicLink(writable.resolve("f"))).isTrue();
    assertThat(result.violations())
        .extracting(Violation::rule)
        .containsExactly("file-link", "file-link", "file-link", "file-link", "file-link");
  }

  @Test
  void nothingMovesOutOfOrIntoAPlaceThatIsNotWritable() throws IOException {
    Files.writeString(writable.resolve("mine.txt"), "mine");

    RunResult result =
        attack(
            policy(),
            """
            attempt("nio out", () -> Files.move(Path.of(args[0], "mine.txt"), Path.of(args[1], "x.txt")));
            attempt("io out", () -> new File(args[0], "mine.txt").renameTo(new File(args[1], "y.txt")));
            attempt("into read-only", () -> Files.move(Path.of(args[0], "mine.txt"),
                Path.of(args[2], "z.txt")));
            attempt("from read-only", () -> Files.move(Path.of(args[2], "ok.txt"),
                Path.of(args[0], "stolen.txt")));
            attempt("copy out", () -> Files.copy(Path.of(args[0], "mine.txt"), Path.of(args[1], "c.txt")));
            """,
            writable.toString(),
            outside.toString(),
            granted.toString());

    assertThat(writable.resolve("mine.txt")).hasContent("mine");
    assertThat(granted.resolve("ok.txt")).hasContent("fine");
    assertThat(outside.resolve("x.txt")).doesNotExist();
    assertThat(outside.resolve("y.txt")).doesNotExist();
    assertThat(outside.resolve("c.txt")).doesNotExist();
    assertThat(granted.resolve("z.txt")).doesNotExist();
    assertThat(writable.resolve("stolen.txt")).doesNotExist();
    assertThat(result.stdout()).contains("io out -> false");
  }

  @Test
  void aReadOnlyGrantCannotBeChanged() {
    RunResult result =
        attack(
            policy(),
            """
            attempt("write", () -> Files.writeString(Path.of(args[0], "ok.txt"), "changed"));
            attempt("stream", () -> { new FileOutputStream(args[0] + "/ok.txt").close(); return "?"; });
            attempt("append", () -> { new FileWriter(args[0] + "/ok.txt", true).close(); return "?"; });
            attempt("raf", () -> { new RandomAccessFile(args[0] + "/ok.txt", "rw").close(); return "?"; });
            attempt("delete", () -> new File(args[0], "ok.txt").delete());
            attempt("create", () -> new File(args[0], "new.txt").createNewFile());
            attempt("mkdir", () -> new File(args[0], "d").mkdir());
            attempt("printstream", () -> { new PrintStream(args[0] + "/p.txt").close(); return "?"; });
            """,
            granted.toString());

    assertThat(granted.resolve("ok.txt")).hasContent("fine");
    assertThat(granted.resolve("new.txt")).doesNotExist();
    assertThat(granted.resolve("d")).doesNotExist();
    assertThat(granted.resolve("p.txt")).doesNotExist();
    assertThat(result.stdout())
        .contains("stream ! java.io.FileNotFoundException: " + granted
            + "/ok.txt (Permission denied (rule: file-write))")
        .contains("delete -> false")
        .contains("create ! java.io.IOException: Permission denied (rule: file-write)");
    assertThat(result.violations()).allSatisfy(
        violation -> assertThat(violation.rule()).isEqualTo("file-write"));
  }

  @Test
  void directoriesAreNotCreatedThroughALinkThatLeadsOut() throws IOException {
    Files.createSymbolicLink(writable.resolve("escape"), outside);

    RunResult result =
        attack(
            policy(),
            """
            attempt("nio", () -> Files.createDirectories(Path.of(args[0], "escape", "a", "b")));
            attempt("io", () -> new File(args[0] + "/escape/c/d").mkdirs());
            attempt("write", () -> Files.writeString(Path.of(args[0], "escape", "planted.txt"), "x"));
            """,
            writable.toString());

    try (var created = Files.list(outside)) {
      assertThat(created).containsExactly(secret);
    }
    assertThat(result.stdout()).contains("io -> false");
  }

  @Test
  void aSubclassOfFileInputStreamCannotOpenAForbiddenPathThroughSuper() {
    String source =
        """
        import java.io.*;
        public class Sneaky {
          static class Stream extends FileInputStream {
            Stream(String path) throws FileNotFoundException { super(path); }
          }
          static class Writer extends FileOutputStream {
            Writer(File file) throws FileNotFoundException { super(file); }
          }
          public static void main(String[] args) throws Exception {
            try {
              System.out.println(new String(new Stream(args[0]).readAllBytes()));
            } catch (FileNotFoundException e) {
              System.out.println("read refused: " + e.getMessage());
            }
            try {
              new Writer(new File(args[1])).write(1);
            } catch (FileNotFoundException e) {
              System.out.println("write refused: " + e.getMessage());
            }
            try (Stream allowed = new Stream(args[2])) {
              System.out.println(new String(allowed.readAllBytes()) + " " + (allowed instanceof FileInputStream));
            }
          }
        }
        """;
    RunResult result;
    try (Cell cell = Cell.create(policy())) {
      result =
          cell.run(
              cell.loadSource("Sneaky.java", source),
              secret.toString(),
              outside.resolve("planted.bin").toString(),
              granted.resolve("ok.txt").toString());
    }

    assertNoSecret(result);
    assertThat(outside.resolve("planted.bin")).doesNotExist();
    assertThat(result.stdout())
        .isEqualTo(
            "read refused: " + secret + " (Permission denied (rule: file-read))\n"
                + "write refused: " + outside.resolve("planted.bin")
                + " (Permission denied (rule: file-write))\n"
                + "fine true\n");
  }

  @Test
  void fileDescriptorStreamsAreTheCellsOwn() {
    RunResult result =
        attack(
            policy(),
            """
            new FileOutputStream(FileDescriptor.out).write("to fd out\\n".getBytes());
            new FileOutputStream(FileDescriptor.err).write("to fd err\\n".getBytes());
            System.out.println(new BufferedReader(new InputStreamReader(
                new FileInputStream(FileDescriptor.in))).readLine());
            new FileWriter(FileDescriptor.out).append("writer on fd\\n").flush();
            """);

    assertThat(result.stdout()).isEqualTo("to fd out\nfrom stdin\nwriter on fd\n");
    assertThat(result.stderr()).isEqualTo("to fd err\n");
  }

  @Test
  void procSysAndDevAreNeverReachableEvenUnderAGrantOfTheRoot() {
    RunResult result =
        attack(
            Policy.builder().allowRead(Path.of("/")).build(),
            """
            attempt("environ", () -> Files.readString(Path.of("/proc/self/environ")));
            attempt("cmdline", () -> new String(new FileInputStream("/proc/self/cmdline").readAllBytes()));
            attempt("cwd link", () -> Arrays.toString(new File("/proc/self/cwd").list()));
            attempt("sys", () -> Files.list(Path.of("/sys")).count());
            attempt("random", () -> new FileInputStream("/dev/urandom").read());
            attempt("fine", () -> Files.exists(Path.of(args[0])));
            """,
            granted.resolve("ok.txt").toString());

    assertThat(result.stdout())
        .contains("environ ! java.nio.file.AccessDeniedException: /proc/self/environ:"
            + " Permission denied (rule: system-files)")
        .contains("cwd link -> null")
        .contains("fine -> true")
        .doesNotContain("PATH=")
        .doesNotContain("java\0");
    assertThat(result.violations()).extracting(Violation::rule).containsOnly("system-files");
  }

  @Test
  void theProviderOfTheDefaultFileSystemIsTheCells() {
    RunResult result =
        attack(
            policy(),
            """
            attempt("provider", () -> new String(FileSystems.getDefault().provider()
                .newInputStream(Path.of(args[0])).readAllBytes()));
            attempt("installed", () -> java.nio.file.spi.FileSystemProvider.installedProviders().size());
            attempt("zip", () -> FileSystems.newFileSystem(Path.of(args[0])));
            attempt("jrt", () -> Path.of(URI.create("jrt:/java.base")));
            attempt("channel", () -> FileChannel.open(Path.of(args[0])).size());
            """,
            secret.toString());

    assertNoSecret(result);
    assertThat(result.stdout())
        .contains("provider ! java.nio.file.AccessDeniedException")
        .contains("installed -> 1")
        .contains("zip ! java.nio.file.AccessDeniedException")
        .contains("jrt ! java.nio.file.FileSystemNotFoundException")
        .contains("channel ! java.nio.file.AccessDeniedException");
  }

  @Test
  void theScratchDirectoryIsBoundedInBytesAndFiles() {
    RunResult result =
        attack(
            Policy.builder().disk(10_000, 5).build(),
            """
            attempt("big", () -> Files.write(Path.of("/tmp/big"), new byte[20_000]).toString());
            attempt("size after", () -> Files.size(Path.of("/tmp/big")));
            attempt("stream", () -> {
              try (OutputStream out = new FileOutputStream("/tmp/stream")) {
                for (int i = 0; i < 100; i++) out.write(new byte[1000]);
              }
              return "?";
            });
            attempt("sparse", () -> {
              try (RandomAccessFile file = new RandomAccessFile("/tmp/sparse", "rw")) {
                file.seek(1L << 40);
                file.write(1);
              }
              return "?";
            });
            int made = 0;
            for (int i = 0; i < 20; i++) {
              try {
                if (new File("/tmp/f" + i).createNewFile()) made++;
              } catch (IOException full) {
                System.out.println("f" + i + " " + full.getMessage());
                break;
              }
            }
            System.out.println("files made: " + made);
            """);

    assertThat(result.stdout())
        .contains("big ! java.nio.file.FileSystemException: /tmp/big: No space left on device")
        .contains("stream ! java.nio.file.FileSystemException: /tmp/stream: No space left on device")
        .contains("sparse ! java.nio.file.FileSystemException: /tmp/sparse: No space left on device")
        .contains("f2 No space left on device (rule: disk, the scratch limit is 5 files)\n")
        .contains("files made: 2");
  }

  @Test
  void aRefusalReadsAsThrownByTheJdkAtTheCallWithNoFrameOfRexec() {
    RunResult result =
        attack(
            policy(),
            """
            try {
              Files.readAllLines(Path.of(args[0]));
            } catch (AccessDeniedException e) {
              e.printStackTrace();
            }
            try {
              new FileInputStream(args[0]);
            } catch (FileNotFoundException e) {
              e.printStackTrace();
            }
            """,
            secret.toString());

    assertThat(result.stderr())
        .contains("java.nio.file.AccessDeniedException: " + secret)
        .contains("\tat java.base/java.nio.file.Files.readAllLines(")
        .contains("\tat Attack.main(Attack.java:")
        .contains("java.io.FileNotFoundException: " + secret)
        .doesNotContain("org.rexec");
  }

  @Test
  void fileAndJarUrlsGoThroughTheCellsRules() throws IOException {
    Path jar = granted.resolve("lib.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("inside.txt"));
      out.write("from the jar".getBytes(StandardCharsets.UTF_8));
    }

    RunResult result =
        attack(
            policy(),
            """
            attempt("granted", () -> new String(new URL("file:" + args[0] + "/ok.txt").openStream().readAllBytes()));
            attempt("secret", () -> new String(new URL("file:" + args[1]).openStream().readAllBytes()));
            attempt("dotdot", () -> new String(new URL("file:" + args[0] + "/../outside/secret.txt").openStream().readAllBytes()));
            attempt("uri", () -> new String(Files.readAllBytes(Path.of(URI.create("file://" + args[1])))));
            attempt("jar", () -> new String(new URL("jar:file:" + args[0] + "/lib.jar!/inside.txt").openStream().readAllBytes()));
            attempt("remote host", () -> new URL("file://example.com/etc/passwd").openStream());
            attempt("to url", () -> new File(args[0], "ok.txt").toURI().toURL().openConnection().getContentLength());
            """,
            granted.toString(),
            secret.toString());

    assertNoSecret(result);
    assertThat(result.stdout())
        .contains("granted -> fine")
        .contains("secret ! java.nio.file.AccessDeniedException")
        .contains("dotdot ! java.nio.file.AccessDeniedException")
        .contains("uri ! java.nio.file.AccessDeniedException")
        .contains("jar -> from the jar")
        .contains("remote host ! java.net.UnknownHostException: example.com")
        .contains("to url -> -1");
  }

  @Test
  void watchServicesAndAsynchronousChannelsUseTheRulesToo() throws IOException {
    RunResult result =
        attack(
            policy(),
            """
            attempt("watch outside", () -> Path.of(args[1]).register(
                FileSystems.getDefault().newWatchService(), StandardWatchEventKinds.ENTRY_CREATE));
            attempt("watch granted", () -> {
              WatchService watcher = FileSystems.getDefault().newWatchService();
              Path dir = Path.of(args[0]);
              WatchKey key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
              Files.writeString(dir.resolve("new.txt"), "x");
              WatchKey signalled = watcher.poll(5, java.util.concurrent.TimeUnit.SECONDS);
              return signalled.watchable() + " " + signalled.pollEvents().get(0).context();
            });
            attempt("async outside", () -> AsynchronousFileChannel.open(Path.of(args[1], "secret.txt")));
            attempt("async granted", () -> {
              try (AsynchronousFileChannel channel = AsynchronousFileChannel.open(
                  Path.of(args[0], "new.txt"))) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8);
                return channel.read(buffer, 0).get();
              }
            });
            """,
            writable.toString(),
            outside.toString());

    assertNoSecret(result);
    assertThat(result.stdout())
        .contains("watch outside ! java.nio.file.AccessDeniedException")
        .contains("watch granted -> " + writable + " new.txt")
        .contains("async outside ! java.nio.file.AccessDeniedException")
        .contains("async granted -> 1");
  }
}
