package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run's output as the program wrote it, byte for byte, UTF-8 or not. */
class OutputBytesTest {

  @Test
  void bytesThatAreNotUtf8AreKeptExactly() {
    String program =
        """
        public class Bytes {
          public static void main(String[] args) throws Exception {
            for (int b = 0x80; b <= 0xFF; b++) System.out.write(b);
            System.out.flush();
            System.err.write(new byte[] {(byte) 0xC3, (byte) 0xA9, (byte) 0xFF});
            System.err.flush();
          }
        }
        """;
    byte[] high = new byte[128];
    for (int i = 0; i < high.length; i++) {
      high[i] = (byte) (0x80 + i);
    }
    try (Cell cell = Cell.create(Policy.defaults())) {
      RunResult result = cell.run(cell.loadSource("Bytes.java", program));

      assertThat(result.stdoutBytes()).isEqualTo(high);
      assertThat(result.stderrBytes()).containsExactly(0xC3, 0xA9, 0xFF);
      assertThat(result.stderr()).isEqualTo("é\uFFFD");
      // A copy each time: the result stays immutable.
      result.stdoutBytes()[0] = 0;
      assertThat(result.stdoutBytes()[0]).isEqualTo((byte) 0x80);
    }
  }
}
