package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the cell's {@code System.in} reads a supervisor's stream that may block: as much as the
 * stream has without blocking, at least one byte, and every wait ended by a kill.
 */
class StandardInputTest {

  private static final Duration WALL = Duration.ofSeconds(2);
  private static final Policy SHORT = Policy.builder().timeout(WALL).build();

  private static final String ONE_LARGE_READ =
      """
      public class OneRead {
        public static void main(String[] args) throws Exception {
          byte[] buffer = new byte[1 << 20];
          System.out.println("first " + System.in.read(buffer));
          System.out.println("second " + System.in.read(buffer));
        }
      }
      """;

  @Test
  void aReadOfAPipeReturnsWhatHasArrivedWithoutWaitingToFillTheBuffer() throws Exception {
    try (PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(writer, 1 << 16);
        Cell cell = Cell.builder(SHORT).stdin(stdin).create()) {
      writer.write("ten bytes\n".getBytes(StandardCharsets.UTF_8));
      ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
      // The second read has nothing until then: it waits for the first byte, then returns it.
      later.schedule(() -> writeQuietly(writer, "more\n"), 500, TimeUnit.MILLISECONDS);
      try {
        RunResult result = cell.run(cell.loadSource("OneRead.java", ONE_LARGE_READ));

        assertThat(result.status()).as(result.toString()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.stdout()).isEqualTo("first 10\nsecond 5\n");
      } finally {
        later.shutdownNow();
      }
    }
  }

  @Test
  void aSourceThatReportsBytesAvailableButBlocksIsStillEndedByTheTimeout() throws Exception {
    // available() promises more, then read blocks for ever: the read that has its first chunk
    // goes on waiting for the promised bytes, and that wait must end at the kill.
    CountDownLatch never = new CountDownLatch(1);
    InputStream lying =
        new InputStream() {
          private boolean given;

          @Override
          public int read() throws IOException {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] bytes, int offset, int length) {
            if (!given) {
              given = true;
              bytes[offset] = 'x';
              return 1;
            }
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return -1;
          }

          @Override
          public int available() {
            return 1000;
          }
        };
    try (Cell cell = Cell.builder(SHORT).stdin(lying).create()) {
      RunResult result = cell.run(cell.loadSource("OneRead.java", ONE_LARGE_READ));

      assertThat(result.status()).isEqualTo(RunStatus.TIMEOUT);
      assertThat(result.wallTime()).isLessThan(WALL.plusSeconds(3));
      assertThat(result.contained()).isTrue();
      assertThat(result.stdout()).isEmpty();
    } finally {
      never.countDown();
    }
  }

  @Test
  void killEndsAReadBlockedAfterItsFirstBytes() throws Exception {
    Policy generous = Policy.builder().timeout(Duration.ofSeconds(60)).build();
    try (PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(writer);
        Cell cell = Cell.builder(generous).stdin(stdin).create()) {
      writer.write("partial".getBytes(StandardCharsets.UTF_8));
      String main =
          cell.loadSource(
              "Fully.java",
              """
              public class Fully {
                public static void main(String[] args) throws Exception {
                  new java.io.DataInputStream(System.in).readFully(new byte[100]);
                  System.out.println("never");
                }
              }
              """);
      ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
      later.schedule(cell::kill, 1, TimeUnit.SECONDS);
      try {
        RunResult result = cell.run(main);

        assertThat(result.status()).isEqualTo(RunStatus.KILLED);
        assertThat(result.wallTime()).isLessThan(Duration.ofSeconds(10));
        assertThat(result.contained()).isTrue();
        assertThat(result.stdout()).isEmpty();
      } finally {
        later.shutdownNow();
      }
    }
  }

  @Test
  void aFileIsReadDirectlyAndOneLargeReadTakesAllItHolds(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("input");
    Files.write(input, new byte[3 << 18]); // 768 KiB: more than a pump's chunk
    try (FileInputStream stdin = new FileInputStream(input.toFile());
        Cell cell = Cell.builder(SHORT).stdin(stdin).create()) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "ReadAndClose.java",
                  """
                  public class ReadAndClose {
                    public static void main(String[] args) throws Exception {
                      byte[] buffer = new byte[1 << 20];
                      System.out.println("first " + System.in.read(buffer));
                      System.out.println("second " + System.in.read(buffer));
                      System.in.close();
                    }
                  }
                  """));

      assertThat(result.status()).as(result.toString()).isEqualTo(RunStatus.COMPLETED);
      assertThat(result.stdout()).isEqualTo("first " + (3 << 18) + "\nsecond -1\n");
      // The cell's close did not close the supervisor's stream.
      assertThat(stdin.getChannel().isOpen()).isTrue();
      assertThat(stdin.available()).isZero();
    }
  }

  @Test
  void aCellCannotSkipBackOverWhatTheSupervisorReadBeforeIt(@TempDir Path dir) throws Exception {
    // FileInputStream.skip with a negative count seeks the descriptor back: the cell would read
    // what the supervisor consumed before handing it the stream.
    Path input = Files.writeString(dir.resolve("input"), "SECRET\nrest");
    try (FileInputStream stdin = new FileInputStream(input.toFile())) {
      assertThat(stdin.readNBytes(7)).isEqualTo("SECRET\n".getBytes(StandardCharsets.UTF_8));
      try (Cell cell = Cell.builder(SHORT).stdin(stdin).create()) {
        RunResult result =
            cell.run(
                cell.loadSource(
                    "Back.java",
                    """
                    import java.io.*;
                    public class Back {
                      public static void main(String[] args) throws Exception {
                        long skipped = System.in.skip(-7);
                        System.out.println(skipped + " "
                            + new String(System.in.readAllBytes(), "UTF-8"));
                        FileChannel channel = new FileInputStream(FileDescriptor.in).getChannel();
                        try {
                          channel.position(0);
                          System.out.println("positioned");
                        } catch (IOException e) {
                          System.out.println("no position");
                        }
                      }
                    }
                    """.replace("FileChannel", "java.nio.channels.FileChannel")));

        assertThat(result.status()).as(result.toString()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.stdout()).isEqualTo("0 rest\nno position\n");
        assertThat(result.stdout()).doesNotContain("SECRET");
      }
    }
  }

  @Test
  void aSupervisorThreadWithAPendingInterruptDoesNotLoseItsStream(@TempDir Path dir)
      throws Exception {
    Path input = Files.writeString(dir.resolve("input"), "still open");
    try (FileInputStream stdin = new FileInputStream(input.toFile())) {
      Thread.currentThread().interrupt();
      try (Cell cell = Cell.builder(SHORT).stdin(stdin).create()) {
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
      }
      assertThat(stdin.getChannel().isOpen()).isTrue();
      assertThat(new String(stdin.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("still open");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aFifoIsNotTakenForAFileAndItsReadIsStillEndedByTheTimeout(@TempDir Path dir)
      throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    // Opening one end of a FIFO waits for the other: the writer opens on another thread.
    CompletableFuture<FileOutputStream> writer =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new FileOutputStream(fifo.toFile());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try (FileInputStream stdin = new FileInputStream(fifo.toFile());
        FileOutputStream silent = writer.get(10, TimeUnit.SECONDS);
        Cell cell = Cell.builder(SHORT).stdin(stdin).create()) {
      RunResult result = cell.run(cell.loadSource("OneRead.java", ONE_LARGE_READ));

      assertThat(result.status()).isEqualTo(RunStatus.TIMEOUT);
      assertThat(result.wallTime()).isLessThan(WALL.plusSeconds(3));
      assertThat(result.contained()).isTrue();
      assertThat(result.stdout()).isEmpty();
    }
  }

  @Test
  void availableBeforeAnyReadIsWhatTheSourceHolds() {
    byte[] input = new byte[100_000];
    // Not a ByteArrayInputStream, which the cell reads directly: this one goes through the pump.
    InputStream source = new java.io.BufferedInputStream(new ByteArrayInputStream(input));
    try (Cell cell = Cell.builder(SHORT).stdin(source).create()) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "Sized.java",
                  """
                  public class Sized {
                    public static void main(String[] args) throws Exception {
                      byte[] all = new byte[System.in.available()];
                      int count = System.in.read(all);
                      System.out.println(all.length + " " + count + " " + System.in.available()
                          + " " + System.in.read());
                    }
                  }
                  """));

      assertThat(result.stdout()).isEqualTo("100000 100000 0 -1\n");
    }
  }

  @Test
  void theChannelOfStandardInputReadsItAndHasNoPositionOrSize() {
    InputStream source =
        new java.io.BufferedInputStream(
            new ByteArrayInputStream("through the channel".getBytes(StandardCharsets.UTF_8)));
    try (Cell cell = Cell.builder(SHORT).stdin(source).create()) {
      RunResult result =
          cell.run(
              cell.loadSource(
                  "Channel.java",
                  """
                  import java.io.*;
                  import java.nio.ByteBuffer;
                  import java.nio.channels.FileChannel;
                  public class Channel {
                    public static void main(String[] args) throws Exception {
                      FileChannel channel = new FileInputStream(FileDescriptor.in).getChannel();
                      ByteBuffer buffer = ByteBuffer.allocate(100);
                      System.out.println(channel.read(buffer) + " " + channel.read(buffer));
                      try {
                        channel.size();
                      } catch (IOException e) {
                        System.out.println(e.getMessage());
                      }
                    }
                  }
                  """));

      assertThat(result.stdout())
          .as(result.toString())
          .isEqualTo(
              "19 -1\nIllegal seek: the cell's standard streams are streams, without a position"
                  + " or size\n");
    }
  }

  private static void writeQuietly(PipedOutputStream writer, String text) {
    try {
      writer.write(text.getBytes(StandardCharsets.UTF_8));
      writer.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
