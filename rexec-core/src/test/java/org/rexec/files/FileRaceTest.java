package org.rexec.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;
import org.rexec.RunStatus;

/**
 * Attacks on the time between a check and a use: links whose meaning a move changes, a second
 * thread swapping directories under an open, links that dangle out of a grant, deletion that
 * keeps its data through a hard link. Each asserts what happened on the host.
 */
class FileRaceTest {

  private static final String SECRET = "TOP-SECRET-race-91d2";

  @TempDir Path temp;
  Path writable;
  Path outside;

  @BeforeEach
  void layOutTheHost() throws IOException {
    writable = Files.createDirectories(temp.resolve("writable"));
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), SECRET);
  }

  private RunResult run(Policy policy, String body, String... args) {
    String source =
        """
        import java.io.*;
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
    try (Cell cell = Cell.builder(policy).create()) {
      return cell.run(cell.loadSource("Attack.java", source), args);
    }
  }

  private Policy policy() {
    return Policy.builder()
        .allowWrite(writable)
        .threads(4)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  /**
   * A relative link that pointed inside when it was made, in a directory then moved one level
   * up, leads out; it must be judged where it is used, including when it dangles.
   */
  @Test
  void aRelativeLinkMovedUpALevelIsJudgedWhereItIsUsed() throws IOException {
    RunResult result =
        run(
            policy(),
            """
            Path w = Path.of(args[0]);
            Files.createDirectories(w.resolve("a/b"));
            Files.createSymbolicLink(w.resolve("a/b/dir"), Path.of("../../outside"));
            Files.createSymbolicLink(w.resolve("a/b/new"), Path.of("../../planted.txt"));
            Files.createSymbolicLink(w.resolve("a/b/sec"), Path.of("../../outside/secret.txt"));
            Files.move(w.resolve("a/b"), w.resolve("b"));
            attempt("read", () -> Files.readString(w.resolve("b/dir/secret.txt")));
            attempt("read link", () -> Files.readString(w.resolve("b/sec")));
            attempt("list", () -> Arrays.toString(new File(w + "/b/dir").list()));
            attempt("create dangling", () -> Files.writeString(w.resolve("b/new"), "planted"));
            attempt("stream dangling", () -> { new FileOutputStream(w + "/b/new").close(); return "?"; });
            attempt("raf dangling", () -> { new RandomAccessFile(w + "/b/new", "rw").close(); return "?"; });
            attempt("write in", () -> Files.writeString(w.resolve("b/dir/planted.txt"), "planted"));
            attempt("mkdir in", () -> Files.createDirectory(w.resolve("b/dir/d")));
            attempt("copy in", () -> Files.copy(w.resolve("a"), w.resolve("b/dir/c")));
            attempt("hard link out", () -> Files.createLink(w.resolve("h"), w.resolve("b/sec")));
            attempt("size", () -> Files.size(w.resolve("b/sec")));
            """,
            writable.toString());

    assertThat(result.stdout()).as(result.stderr()).doesNotContain(SECRET).contains("list -> null");
    assertThat(temp.resolve("planted.txt")).doesNotExist();
    try (var entries = Files.list(outside)) {
      assertThat(entries).containsExactly(outside.resolve("secret.txt"));
    }
    assertThat(result.stdout().lines().filter(line -> line.contains(" -> ") && !line.startsWith("list")))
        .as(result.stdout())
        .isEmpty();
    assertThat(result.stdout()).contains("(rule: file-escape)");
  }

  /**
   * One thread swaps a real directory with one that holds an outward link (built legally, as
   * above) while others open paths through it: every open must land where it was checked.
   */
  @Test
  void swappingADirectoryUnderAnOpenNeverLeadsOut() throws IOException {
    RunResult result =
        run(
            policy(),
            """
            Path w = Path.of(args[0]);
            Files.createDirectories(w.resolve("a/c"));
            Files.createSymbolicLink(w.resolve("a/c/L"), Path.of("../../outside"));
            Files.move(w.resolve("a/c"), w.resolve("c"));
            Files.createDirectories(w.resolve("b/L"));
            Files.writeString(w.resolve("b/L/secret.txt"), "decoy");
            long end = System.nanoTime() + 1_500_000_000L;
            Thread swapper = new Thread(() -> {
              while (System.nanoTime() < end) {
                try {
                  Files.move(w.resolve("b"), w.resolve("t"));
                  Files.move(w.resolve("c"), w.resolve("b"));
                  Files.move(w.resolve("b"), w.resolve("c"));
                  Files.move(w.resolve("t"), w.resolve("b"));
                } catch (IOException e) {
                  // a reader's move may be in the way; go on
                }
              }
            });
            swapper.start();
            Set<String> seen = new TreeSet<>();
            int opens = 0;
            while (System.nanoTime() < end) {
              opens++;
              try { seen.add(Files.readString(w.resolve("b/L/secret.txt"))); } catch (IOException e) { }
              try (var in = new FileInputStream(w + "/b/L/secret.txt")) {
                seen.add(new String(in.readAllBytes()));
              } catch (IOException e) { }
              try (var file = new RandomAccessFile(w + "/b/L/secret.txt", "r")) {
                seen.add(file.readLine());
              } catch (IOException e) { }
              try { Files.writeString(w.resolve("b/L/planted.txt"), "x"); } catch (IOException e) { }
              try (var list = Files.list(w.resolve("b/L"))) {
                list.forEach(p -> seen.add(p.getFileName().toString()));
              } catch (IOException e) { }
            }
            swapper.join();
            System.out.println("opens " + opens + " saw " + seen);
            """,
            writable.toString());

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).contains("saw [").doesNotContain(SECRET);
    assertThat(outside.resolve("planted.txt")).doesNotExist();
    assertThat(outside.resolve("secret.txt")).hasContent(SECRET);
  }

  /** {@code DELETE_ON_CLOSE} deletes the file that was opened, not whatever its path names later. */
  @Test
  void deleteOnCloseDeletesWhatWasOpenedNotWhatThePathNamesLater() throws IOException {
    Files.writeString(outside.resolve("f"), "keep me");
    RunResult result =
        run(
            policy(),
            """
            Path w = Path.of(args[0]);
            Files.createDirectories(w.resolve("a/c"));
            Files.createSymbolicLink(w.resolve("a/c/d"), Path.of("../../outside"));
            Files.move(w.resolve("a/c"), w.resolve("c"));
            Files.createDirectories(w.resolve("x/d"));
            var channel = Files.newByteChannel(w.resolve("x/d/f"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
            Files.move(w.resolve("x"), w.resolve("y"));
            Files.move(w.resolve("c"), w.resolve("x"));
            channel.close();
            attempt("still there", () -> Files.exists(w.resolve("y/d/f")));
            """,
            writable.toString());

    assertThat(outside.resolve("f")).hasContent("keep me");
    assertThat(result.stdout()).doesNotContain("still there -> true");
  }

  /** The root of a grant is not the cell's to delete or move away. */
  @Test
  void theRootOfAGrantCannotBeMovedOrDeleted() throws IOException {
    Path other = Files.createDirectories(temp.resolve("other"));
    RunResult result =
        run(
            Policy.builder().allowWrite(writable).allowWrite(other).build(),
            """
            attempt("move", () -> Files.move(Path.of(args[0]), Path.of(args[1], "moved")));
            attempt("delete", () -> { Files.delete(Path.of(args[0])); return "?"; });
            attempt("rename", () -> new File(args[0]).renameTo(new File(args[1] + "/r")));
            """,
            writable.toString(),
            other.toString());

    assertThat(writable).isDirectory();
    assertThat(Files.exists(other.resolve("moved"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(result.stdout())
        .contains("move ! java.nio.file.AccessDeniedException")
        .contains("delete ! java.nio.file.AccessDeniedException")
        .contains("rename -> false");
  }

  /** A hard link keeps a deleted file's data: its bytes stay counted against the disk bound. */
  @Test
  void deletingOneOfTwoHardLinksGivesNoSpaceBack() {
    RunResult result =
        run(
            Policy.builder().disk(100_000, 1000).build(),
            """
            byte[] block = new byte[60_000];
            attempt("first", () -> Files.write(Path.of("/tmp/a"), block));
            attempt("link", () -> Files.createLink(Path.of("/tmp/b"), Path.of("/tmp/a")));
            attempt("delete", () -> { Files.delete(Path.of("/tmp/a")); return "deleted"; });
            attempt("second", () -> Files.write(Path.of("/tmp/c"), block));
            attempt("delete last", () -> { Files.delete(Path.of("/tmp/b")); return "deleted"; });
            attempt("third", () -> Files.write(Path.of("/tmp/d"), block));
            """);

    assertThat(result.stdout())
        .contains("first -> /tmp/a")
        .contains("link -> /tmp/b")
        .contains("second ! java.nio.file.FileSystemException: /tmp/c: No space left on device")
        .contains("third -> /tmp/d");
  }

  /**
   * A channel opened on a scratch file before the file moved out and back in writes against the
   * file's new count: channels are counted by file, not by the count they were opened with.
   */
  @Test
  void aChannelOfAFileMovedOutAndBackStillCountsItsWrites() {
    RunResult result =
        run(
            Policy.builder().allowWrite(writable).disk(1_000_000, 100).build(),
            """
            FileChannel channel = FileChannel.open(Path.of("/tmp/a"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Files.move(Path.of("/tmp/a"), Path.of(args[0], "a"));
            Files.move(Path.of(args[0], "a"), Path.of("/tmp/a"));
            attempt("write", () -> channel.write(java.nio.ByteBuffer.allocate(3_000_000)));
            attempt("size", () -> Files.size(Path.of("/tmp/a")));
            """,
            writable.toString());

    assertThat(result.stdout())
        .as(result.stderr())
        .contains("write ! java.nio.file.FileSystemException: /tmp/a: No space left on device")
        .contains("size -> 0");
  }

  /**
   * Opening a FIFO blocks until its other end opens, and would do so inside the JVM-wide
   * namespace lock: FIFOs in a grant are refused, and another cell's rename goes on meanwhile.
   */
  @Test
  void aFifoInAGrantIsRefusedAndHoldsNoLock() throws Exception {
    Path fifo = writable.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    RunResult result =
        run(
            policy(),
            """
            attempt("read", () -> new FileInputStream(args[0] + "/pipe").read());
            attempt("write", () -> { new FileOutputStream(args[0] + "/pipe").close(); return "?"; });
            attempt("copy", () -> Files.copy(Path.of(args[0], "pipe"), Path.of("/tmp/copy")));
            """,
            writable.toString());
    RunResult other =
        run(
            Policy.defaults(),
            """
            Files.writeString(Path.of("/tmp/a"), "a");
            Files.move(Path.of("/tmp/a"), Path.of("/tmp/b"));
            System.out.println("moved");
            """);

    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout().lines())
        .hasSize(3)
        .allMatch(line -> line.contains("(rule: special-files)"));
    assertThat(other.stdout()).isEqualTo("moved\n");
  }

  /** Whatever a random access open fails on, its message names the cell path, never the host's. */
  @Test
  void randomAccessFileMessagesNameOnlyCellPaths() throws IOException {
    Files.createDirectories(writable.resolve("dir"));
    Files.writeString(writable.resolve("file"), "x");
    RunResult result =
        run(
            Policy.builder().mount(writable, "/data", org.rexec.policy.Access.WRITE).build(),
            """
            attempt("dir", () -> new RandomAccessFile("/data/dir", "r"));
            attempt("dir rw", () -> new RandomAccessFile("/data/dir", "rw"));
            attempt("missing", () -> new RandomAccessFile("/data/missing", "r"));
            attempt("under a file", () -> new RandomAccessFile("/data/file/x", "rw"));
            attempt("missing parent", () -> new RandomAccessFile("/data/no/x", "rw"));
            """);

    assertThat(result.stdout().lines()).hasSize(5).allMatch(line -> line.contains(" ! "));
    assertThat(result.stdout())
        .doesNotContain(temp.toString())
        .contains("dir ! java.io.FileNotFoundException: /data/dir (Is a directory)")
        .contains("missing ! java.io.FileNotFoundException: /data/missing (No such file or directory)")
        .contains("under a file ! java.io.FileNotFoundException: /data/file/x (Not a directory)");
  }

  /**
   * A thread that overflows its stack inside a file operation, at whatever depth, must not leave
   * the JVM-wide namespace lock held: every later change (here, another cell's rename and
   * delete) would wait for ever.
   */
  @Test
  void overflowingTheStackInsideFileOperationsLeavesNoLockHeld() throws IOException {
    String dive =
        """
        Path tmp = Path.of("/tmp");
        Files.writeString(tmp.resolve("f"), "x");
        dive(tmp, 0);
          }
          static int dive(Path tmp, int depth) throws IOException {
            Files.exists(tmp.resolve("f"));
            Files.move(tmp.resolve("f"), tmp.resolve("g"));
            Files.move(tmp.resolve("g"), tmp.resolve("f"));
            return dive(tmp, depth + 1) + 1;
        """;
    for (int i = 0; i < 6; i++) {
      RunResult result =
          run(Policy.builder().stack(256 * 1024 + i * 1536L).timeout(Duration.ofSeconds(20)).build(),
              dive);
      assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.STACK);
    }
    RunResult after =
        run(
            policy(),
            """
            Files.writeString(Path.of(args[0], "a"), "x");
            Files.move(Path.of(args[0], "a"), Path.of(args[0], "b"));
            Files.delete(Path.of(args[0], "b"));
            System.out.println("changed");
            """,
            writable.toString());
    assertThat(after.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(after.stdout()).isEqualTo("changed\n");
  }
}
