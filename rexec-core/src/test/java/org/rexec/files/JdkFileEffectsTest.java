package org.rexec.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;

/**
 * What the JDK does with files on a cell's behalf, and the resources a cell's file operations
 * hold: objects of the JDK handed back through the cell's channels, space given back twice,
 * descriptors, watch threads, attributes set through the host's views, and the JVM-wide
 * namespace lock held across a long copy. Each test asserts the effect on the host.
 */
class JdkFileEffectsTest {

  private static final long MIB = 1L << 20;
  /** The apparent size of the sparse file the copy test makes. */

  @TempDir Path temp;
  Path writable;
  ExecutorService background;

  @BeforeEach
  void layOutTheHost() throws IOException {
    writable = Files.createDirectories(temp.resolve("writable"));
    background = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stopBackground() throws InterruptedException {
    background.shutdownNow();
    background.awaitTermination(30, TimeUnit.SECONDS);
  }

  private static String program(String body) {
    return """
        import java.io.*;
        import java.nio.*;
        import java.nio.file.*;
        import java.nio.file.attribute.*;
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
  }

  private static RunResult run(Policy policy, String body, String... args) {
    try (Cell cell = Cell.builder(policy).create()) {
      return cell.run(cell.loadSource("Attack.java", program(body)), args);
    }
  }

  /**
   * Runs the program in the background while {@code probe} is sampled on the host every few
   * milliseconds; returns the result and leaves the largest sample in {@code largest}.
   */
  private RunResult runWhileSampling(
      Policy policy, String body, LongSupplier probe, AtomicLong largest) throws Exception {
    CompletableFuture<RunResult> run =
        CompletableFuture.supplyAsync(() -> run(policy, body), background);
    while (!run.isDone()) {
      largest.accumulateAndGet(probe.getAsLong(), Math::max);
      Thread.sleep(5);
    }
    return run.get();
  }

  /** The size of the host file with this name in some cell's scratch directory, or 0. */
  private static long scratchFileSize(String name) {
    Path hostTemp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> entries = Files.list(hostTemp)) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith("rexec-cell-"))
          .map(path -> path.resolve(name))
          .mapToLong(
              file -> {
                try {
                  return Files.size(file);
                } catch (IOException absent) {
                  return 0;
                }
              })
          .max()
          .orElse(0);
    } catch (IOException unreadable) {
      return 0;
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException absent) {
      return 0;
    }
  }

  /** The JVM's open descriptors whose target's text contains {@code fragment}. */
  private static long descriptorsTo(String fragment) {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().contains(fragment);
                } catch (IOException closed) {
                  return false;
                }
              })
          .count();
    } catch (IOException unreadable) {
      return 0;
    }
  }

  /** Bytes of the JVM's open descriptors on deleted files whose name contains {@code fragment}. */
  private static long deletedBytesHeld(String fragment) {
    long total = 0;
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.contains(fragment) && target.endsWith("(deleted)")) {
            total += Files.size(fd);
          }
        } catch (IOException closed) {
          // Closed since it was listed.
        }
      }
    } catch (IOException unreadable) {
      return 0;
    }
    return total;
  }

  private static String describe(RunResult result) {
    return result.status() + " " + result.message().orElse("") + "\nstdout: " + result.stdout()
        + "\nstderr: " + result.stderr();
  }

  // ---- objects of the JDK handed back ----

  /**
   * {@code FileLock.channel()} is the host's {@code FileChannel} under the cell's: it writes
   * past the scratch quota and maps files into memory, both refused on the cell's channel.
   */
  @Test
  void aFileLockHandsOutTheHostChannelWhichWritesPastTheQuotaAndMaps() throws Exception {
    Files.writeString(writable.resolve("mapped.txt"), "before");
    AtomicLong largest = new AtomicLong();
    RunResult result =
        runWhileSampling(
            Policy.builder().allowWrite(writable).disk(MIB, 100).build(),
            """
            FileChannel cell = FileChannel.open(Path.of("/tmp/lock-leak-5d1e.bin"),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            attempt("own map", () -> cell.map(FileChannel.MapMode.READ_WRITE, 0, 8));
            FileChannel host = cell.lock().channel();
            System.out.println("same channel: " + (host == cell));
            attempt("past quota", () -> host.write(ByteBuffer.allocate(8 << 20)));
            attempt("size", () -> Files.size(Path.of("/tmp/lock-leak-5d1e.bin")));
            FileChannel other = FileChannel.open(Path.of(args[0] + "/mapped.txt"),
                StandardOpenOption.READ, StandardOpenOption.WRITE);
            attempt("map", () -> {
              ByteBuffer map = other.lock().channel().map(FileChannel.MapMode.READ_WRITE, 0, 6);
              map.put("MAPPED".getBytes());
              return map.getClass().getName();
            });
            Thread.sleep(1500);
            """
                .replace("args[0]", "\"" + writable + "\""),
            () -> scratchFileSize("lock-leak-5d1e.bin"),
            largest);

    assertThat(result.stdout()).as(describe(result))
        .contains("own map ! java.io.IOException: mapping a file");
    String mapped = Files.readString(writable.resolve("mapped.txt"));
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(largest.get()).as("bytes of the scratch file on the host")
              .isLessThanOrEqualTo(MIB);
          softly.assertThat(mapped).as("host file after a write through a mapping")
              .isEqualTo("before");
          softly.assertThat(result.stdout()).contains("same channel: true");
        });
  }

  // ---- the scratch quota ----

  /**
   * Deleting a file gives its bytes back; truncating the still open channel gives them back a
   * second time. Each round lowers the count by what was written, so the cell then writes a
   * file many times the scratch limit.
   */
  @Test
  void truncatingADeletedFileGivesItsBytesBackTwice() throws Exception {
    AtomicLong largest = new AtomicLong();
    RunResult result =
        runWhileSampling(
            Policy.builder().disk(MIB, 100).build(),
            """
            Path round = Path.of("/tmp/round");
            for (int i = 0; i < 40; i++) {
              FileChannel channel = FileChannel.open(round,
                  StandardOpenOption.CREATE, StandardOpenOption.WRITE);
              channel.write(ByteBuffer.allocate(768 << 10));
              Files.delete(round);
              channel.truncate(0);
              ((Closeable) channel).close();
            }
            attempt("big", () -> {
              try (OutputStream out = new FileOutputStream("/tmp/double-free-7a2c.bin")) {
                byte[] chunk = new byte[1 << 20];
                for (int i = 0; i < 24; i++) {
                  out.write(chunk);
                }
              }
              return Files.size(Path.of("/tmp/double-free-7a2c.bin"));
            });
            Thread.sleep(1500);
            """,
            () -> scratchFileSize("double-free-7a2c.bin"),
            largest);

    assertThat(largest.get()).as(describe(result)).isLessThanOrEqualTo(MIB);
    assertThat(result.stdout()).as(describe(result))
        .contains("big ! java.nio.file.FileSystemException");
  }

  /**
   * A deleted file's bytes stay on the disk while a channel holds it open, but the quota gives
   * them back at the delete: files written, deleted and held open add up past the limit.
   */
  @Test
  void deletedFilesHeldOpenKeepTheirBytesOutsideTheQuota() throws Exception {
    AtomicLong largest = new AtomicLong();
    RunResult result =
        runWhileSampling(
            Policy.builder().disk(MIB, 100).build(),
            """
            List<FileChannel> held = new ArrayList<>();
            String refused = "none";
            for (int i = 0; i < 16; i++) {
              Path file = Path.of("/tmp/held-3b9f-" + i);
              try {
                FileChannel channel = FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                held.add(channel);
                channel.write(ByteBuffer.allocate(768 << 10));
                Files.delete(file);
              } catch (IOException full) {
                refused = full.getMessage();
              }
            }
            System.out.println("held " + held.size() + ", refused: " + refused);
            Thread.sleep(1500);
            """,
            () -> deletedBytesHeld("held-3b9f-"),
            largest);

    assertThat(result.stdout()).as(describe(result))
        .contains("held 16, refused: /tmp/held-3b9f-15: No space left on device");
    assertThat(largest.get()).as("bytes of deleted scratch files held open").isLessThanOrEqualTo(MIB);
  }

  // ---- resources of the JVM ----

  /**
   * Every open file holds one of the JVM's descriptors, shared with the supervisor and every
   * other cell; nothing bounds how many a cell holds, and closing the cell closes none.
   */
  @Test
  void openFilesAreBoundedAndClosedWithTheCell() throws Exception {
    Files.writeString(writable.resolve("fd-hog-81c4.txt"), "x");
    AtomicLong largest = new AtomicLong();
    RunResult result =
        runWhileSampling(
            Policy.builder().allowRead(writable).build(),
            """
            List<InputStream> held = new ArrayList<>();
            attempt("opened", () -> {
              for (int i = 0; i < 3000; i++) {
                held.add(new FileInputStream(args[0] + "/fd-hog-81c4.txt"));
              }
              return held.size();
            });
            Thread.sleep(1000);
            """
                .replace("args[0]", "\"" + writable + "\""),
            () -> descriptorsTo("fd-hog-81c4.txt"),
            largest);

    long afterClose = descriptorsTo("fd-hog-81c4.txt");
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(largest.get()).as(describe(result)).isLessThan(3000);
          softly.assertThat(afterClose).as("descriptors still open after the cell closed")
              .isZero();
        });
  }

  /**
   * A watch service is the host's: each one starts a thread of the JDK (not the cell's, so the
   * thread limit of 0 does not count it) and takes one of the user's inotify instances, and
   * neither ends with the cell.
   */
  @Test
  void watchServicesStartNoThreadOutsideTheCellAndEndWithIt() throws Exception {
    long before = watchThreads();
    long inotifyBefore = descriptorsTo("inotify");
    RunResult result =
        run(
            Policy.builder().threads(0).build(),
            """
            int refused = 0;
            for (int i = 0; i < 8; i++) {
              try {
                WatchService watcher = FileSystems.getDefault().newWatchService();
                Path.of("/tmp").register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
              } catch (IOException tooMany) {
                refused++;
              }
            }
            System.out.println("watching, refused " + refused);
            """);

    assertThat(result.stdout()).isEqualTo("watching, refused 4\n");
    long threads = watchThreads() - before;
    long inotify = descriptorsTo("inotify") - inotifyBefore;
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(threads).as("JDK watch threads left after the cell closed").isZero();
          softly.assertThat(inotify).as("inotify instances left after the cell closed").isZero();
        });
  }

  private static long watchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("FileSystemWatchService") && thread.isAlive())
        .count();
  }

  // ---- attributes through the host's views ----

  /**
   * {@code Files.setAttribute} names any view of the host's provider: {@code unix:mode} sets the
   * set-user-ID and set-group-ID bits on a file the cell wrote, which no POSIX permission set
   * can.
   */
  @Test
  void setAttributeCannotSetTheSetUserIdBitNorChangeTheOwner() throws Exception {
    RunResult result =
        run(
            Policy.builder().allowWrite(writable).build(),
            """
            Path tool = Path.of(args[0] + "/tool");
            Files.write(tool, new byte[] {0x7f, 'E', 'L', 'F'});
            // A change of owner clears the set-ID bits: it goes first.
            attempt("owner", () -> {
              Files.setAttribute(tool, "posix:owner", Files.getOwner(tool));
              return "set";
            });
            attempt("mode", () -> { Files.setAttribute(tool, "unix:mode", 06755); return "set"; });
            Path given = Path.of(args[0] + "/given");
            Files.writeString(given, "x");
            attempt("uid", () -> { Files.setAttribute(given, "unix:uid", 4242); return "set"; });
            """
                .replace("args[0]", "\"" + writable + "\""));

    int mode = (Integer) Files.getAttribute(writable.resolve("tool"), "unix:mode",
        LinkOption.NOFOLLOW_LINKS);
    Object supervisor = Files.getAttribute(writable, "unix:uid");
    Object owner =
        Files.getAttribute(writable.resolve("given"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(mode & 06000)
              .as("set-user-ID and set-group-ID bits on the host file").isZero();
          softly.assertThat(owner)
              .as("owner of a host file the cell wrote (the supervisor is %s)", supervisor)
              .isEqualTo(supervisor);
          softly.assertThat(result.stdout()).doesNotContain("owner -> set");
        });
  }

  /** The threat model: the cell sees no user name of the host; file owners name them. */
  @Test
  void fileOwnersDoNotNameTheHostsUsers() {
    RunResult result =
        run(
            Policy.defaults(),
            """
            Files.writeString(Path.of("/tmp/mine"), "x");
            System.out.println("" + Files.getOwner(Path.of("/tmp/mine")));
            System.out.println(System.getProperty("user.name"));
            """);

    assertThat(result.stdout().lines().findFirst().orElse("")).as(describe(result))
        .isNotEqualTo(System.getProperty("user.name"));
  }

  // ---- the namespace lock ----

  /**
   * A copy runs inside the JVM-wide namespace lock, and the JDK's copy cannot be interrupted:
   * a sparse file made in an instant copies as gigabytes of zeros, past the run's timeout,
   * while every other cell's rename or delete waits for it.
   */
  @Test
  void aCopyDoesNotHoldTheNamespaceLockPastTheRunsTimeout() throws Exception {
    Policy copier = Policy.builder().allowWrite(writable).timeout(Duration.ofSeconds(1)).build();
    CompletableFuture<RunResult> copying =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    copier,
                    """
                    try (RandomAccessFile sparse = new RandomAccessFile(args[0] + "/sparse", "rw")) {
                      sparse.setLength(1L << 30);
                    }
                    Files.copy(Path.of(args[0] + "/sparse"), Path.of(args[0] + "/copy"));
                    """
                        .replace("args[0]", "\"" + writable + "\"")),
            background);
    Path copy = writable.resolve("copy");
    // Taken as the run returns, on the thread that completes it.
    CompletableFuture<Long> copiedAtEnd = copying.thenApply(ended -> sizeOrZero(copy));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(copy) && !copying.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    try {
      RunResult other =
          run(
              Policy.defaults(),
              """
              Files.writeString(Path.of("/tmp/a"), "a");
              long start = System.nanoTime();
              Files.delete(Path.of("/tmp/a"));
              System.out.println((System.nanoTime() - start) / 1_000_000);
              """);
      long otherMillis =
          other.stdout().isBlank()
              ? other.wallTime().toMillis()
              : Long.parseLong(other.stdout().strip());
      RunResult result = copying.get();

      long copied = copiedAtEnd.get();
      SoftAssertions.assertSoftly(
          softly -> {
            softly.assertThat(otherMillis)
                .as("another cell's delete waited (ms): " + describe(other))
                .isLessThan(500);
            softly.assertThat(result.wallTime())
                .as("the copier's run, timeout 1 s: " + describe(result))
                .isLessThan(Duration.ofSeconds(3));
            softly.assertThat(copied).as("bytes copied when the copier's run ended")
                .isEqualTo(sizeOrZero(copy));
          });
    } finally {
      // The copy goes on after the run: wait for it, so that it holds no later test's files.
      long last = -1;
      while (sizeOrZero(copy) != last && System.nanoTime() < deadline + 60_000_000_000L) {
        last = sizeOrZero(copy);
        Thread.sleep(200);
      }
    }
  }
}
