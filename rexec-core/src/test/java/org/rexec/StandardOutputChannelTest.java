package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The channels of {@code new FileOutputStream(FileDescriptor.out)} and {@code err} write the
 * cell's own output, in order with {@code System.out}, and within its output limit: they are
 * the cell's streams, never the supervisor's descriptors 1 and 2.
 */
class StandardOutputChannelTest {

  private static final Policy POLICY =
      Policy.builder().timeout(Duration.ofSeconds(20)).output(1 << 20).build();

  @Test
  void theChannelsOfDescriptorsOneAndTwoWriteTheCellsOutput() {
    RunResult result =
        run(
            "Channels.java",
            """
            import java.io.*;
            import java.nio.ByteBuffer;
            import java.nio.channels.*;
            public class Channels {
              public static void main(String[] args) throws Exception {
                System.out.println("before");
                FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();
                System.out.println(out.write(ByteBuffer.wrap("array\\n".getBytes())));
                // No array behind it: written through a copy.
                ByteBuffer readOnly = ByteBuffer.wrap("read-only\\n".getBytes()).asReadOnlyBuffer();
                System.out.println(out.write(readOnly) + " " + readOnly.remaining());
                new FileOutputStream(FileDescriptor.err).getChannel()
                    .write(ByteBuffer.wrap("to err\\n".getBytes()));
                try {
                  out.read(ByteBuffer.allocate(1));
                } catch (NonReadableChannelException e) {
                  System.out.println("not readable");
                }
                try {
                  out.size();
                } catch (IOException e) {
                  System.out.println("no size");
                }
                out.close();
                System.out.println("after close " + out.isOpen());
              }
            }
            """);

    assertThat(result.status()).as(result.toString()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .isEqualTo("before\narray\n6\nread-only\n10 0\nnot readable\nno size\nafter close false\n");
    assertThat(result.stderr()).isEqualTo("to err\n");
  }

  @Test
  void aFloodThroughTheChannelIsStoppedAtTheOutputLimit() {
    RunResult result =
        run(
            "Flood.java",
            """
            import java.io.*;
            import java.nio.ByteBuffer;
            public class Flood {
              public static void main(String[] args) throws Exception {
                var out = new FileOutputStream(FileDescriptor.out).getChannel();
                ByteBuffer block = ByteBuffer.allocate(1 << 20).asReadOnlyBuffer();
                for (int i = 0; i < 1000; i++) {
                  out.write(block.duplicate());
                }
              }
            }
            """);

    assertThat(result.status()).as(result.toString()).isEqualTo(RunStatus.OUTPUT_LIMIT);
    assertThat(result.stdout().length()).isLessThanOrEqualTo(1 << 20);
    assertThat(result.contained()).isTrue();
  }

  private static RunResult run(String file, String source) {
    try (Cell cell = Cell.create(POLICY)) {
      return cell.run(cell.loadSource(file, source));
    }
  }
}
