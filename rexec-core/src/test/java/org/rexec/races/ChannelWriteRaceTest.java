package org.rexec.races;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;

/**
 * {@code CellFileChannel.reserved} reserves the growth of a write from what it reads first (the
 * buffer's {@code remaining()}, the channel's {@code position()}), then the host channel reads
 * both again. The buffer and the channel are the cell's, shared with its other threads: a second
 * thread that widens the buffer's limit, or moves the channel's position, between the two makes
 * the write put on disk what was never counted. The scratch directory must hold no more than its
 * bound, whatever the interleaving.
 */
class ChannelWriteRaceTest {

  private static final long BOUND = 1_000_000;

  private static long held(String body) {
    String source =
        """
        import java.io.*;
        import java.nio.*;
        import java.nio.file.*;
        import java.nio.channels.*;
        import java.util.*;
        public class Attack {
          static volatile boolean done;
          public static void main(String[] args) throws Exception {
        """
            + body
            + """
            long total = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("/tmp"))) {
              for (Path p : files) total += Files.size(p);
            }
            System.out.println("held " + total);
          }
        }
        """;
    Policy policy =
        Policy.builder()
            .disk(BOUND, 500)
            .threads(4)
            .memory(64L << 30)
            .cpuTime(Duration.ofSeconds(60))
            .timeout(Duration.ofSeconds(40))
            .build();
    RunResult result;
    try (Cell cell = Cell.create(policy)) {
      result = cell.run(cell.loadSource("Attack.java", source));
    }
    var held = java.util.regex.Pattern.compile("held (\\d+)").matcher(result.stdout());
    assertThat(held.find()).as(result + "\n" + result.stdout() + result.stderr()).isTrue();
    return Long.parseLong(held.group(1));
  }

  /**
   * Thread A: {@code channel.write(buffer)} with the buffer's limit at 0 (nothing reserved);
   * thread B sets the limit to the capacity between {@code source.remaining()} (evaluated in
   * {@code CellFileChannel.write}) and {@code host.write(source)}. Each win writes 1 MB
   * uncounted; the file grows past the bound in real bytes.
   */
  @Test
  void aBufferWidenedBetweenReservationAndWriteWritesNothingUncounted() {
    long held =
        held(
            """
            FileChannel ch = FileChannel.open(Path.of("/tmp/f"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            ByteBuffer buffer = ByteBuffer.allocate(1_000_000);
            Thread widener = new Thread(() -> {
              while (!done) { buffer.limit(buffer.capacity()); buffer.limit(0); }
            });
            widener.start();
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end && ch.size() < 3_000_000) {
              buffer.position(0);
              buffer.limit(0);
              try { ch.write(buffer); } catch (IOException | RuntimeException full) { }
            }
            done = true;
            widener.join();
            """);

    assertThat(held).isLessThanOrEqualTo(BOUND);
  }

  /**
   * Thread A: {@code channel.write(block)} at the channel's position 0, which reserves 200 kB;
   * thread B moves the channel's position out (1 to 20 MB) between {@code host.position()} (read
   * in {@code reserved}) and {@code host.write}. The block lands megabytes out, counted as ending
   * at 200 kB: each win puts another 200 kB of real bytes on disk, and the file looks as large as
   * its furthest block.
   */
  @Test
  void aPositionMovedBetweenReservationAndWriteGrowsNothingUncounted() {
    long held =
        held(
            """
            FileChannel ch = FileChannel.open(Path.of("/tmp/f"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ByteBuffer block = ByteBuffer.allocate(200_000);
            Thread mover = new Thread(() -> {
              long far = 1_000_000;
              while (!done) {
                try { ch.position(far); ch.position(0); } catch (IOException e) { }
                far = far % 20_000_000 + 200_000;
              }
            });
            mover.start();
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end && ch.size() < 3_000_000) {
              try { ch.write(block.duplicate()); } catch (IOException full) { }
              try { ch.position(0); } catch (IOException e) { }
            }
            done = true;
            mover.join();
            """);

    assertThat(held).isLessThanOrEqualTo(BOUND);
  }
}
