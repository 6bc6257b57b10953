package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A hostile program tries to take the host's native memory through zlib compressors, which the
 * cell's memory limit cannot see, and to decompress a bomb: compressors alive at once are
 * bounded per cell, and what a bomb inflates to is the cell's heap, under its memory limit.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class CompressorAttackTest {

  private static final Policy POLICY =
      Policy.builder().timeout(Duration.ofSeconds(60)).build();

  private static RunResult run(Policy policy, String source) {
    String name = source.substring(source.indexOf("class ") + 6).split("[ {]")[0];
    return Programs.run(policy, name + ".java", source);
  }

  /** Holds every compressor it makes, of the given expression, and prints where it stopped. */
  private static String hoarder(String className, String make) {
    return """
        import java.io.*;
        import java.util.*;
        import java.util.zip.*;
        public class %s {
          public static void main(String[] args) throws Exception {
            List<Object> kept = new ArrayList<>();
            try {
              for (int i = 0; i < 100_000; i++) kept.add(%s);
              System.out.println("all made");
            } catch (SecurityException e) {
              System.out.println("stopped after " + kept.size() + ": " + e.getMessage());
            }
          }
        }
        """
        .formatted(className, make);
  }

  @Test
  void holdingAHundredThousandDeflatersIsRefusedAfterTheCap() {
    RunResult result = run(POLICY, hoarder("Deflaters", "new Deflater(9)"));
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout())
        .startsWith("stopped after 64: creating java.util.zip.Deflater while 64 compressors")
        .contains("(rule: native-compressors)");
    assertThat(result.violations()).extracting(Violation::rule).contains("native-compressors");
  }

  @Test
  void holdingInflatersAndStreamsThatMakeTheirOwnIsRefusedAfterTheCap() {
    for (String make :
        new String[] {
          "new Inflater(true)",
          "new GZIPOutputStream(new ByteArrayOutputStream())",
          "new DeflaterOutputStream(new ByteArrayOutputStream(), true)",
          "new InflaterInputStream(new ByteArrayInputStream(new byte[0]))",
          "new ZipOutputStream(new ByteArrayOutputStream())",
          "new ZipInputStream(new ByteArrayInputStream(new byte[0]))",
          "new DeflaterInputStream(new ByteArrayInputStream(new byte[0]))",
          "new InflaterOutputStream(new ByteArrayOutputStream())",
          "new Deflater() { }",
        }) {
      RunResult result = run(POLICY, hoarder("Streams", make));
      assertThat(result.stdout())
          .as(make + ": " + result.stderr())
          .startsWith("stopped after 64: creating java.util.zip.")
          .contains("(rule: native-compressors)");
    }
  }

  @Test
  void compressorsEndedOrClosedAreReleasedSoALoopOfThemRunsAsLongAsItLikes() {
    RunResult result =
        run(
            POLICY,
            """
            import java.io.*;
            import java.util.zip.*;
            public class Churn {
              public static void main(String[] args) throws Exception {
                for (int i = 0; i < 20_000; i++) {
                  Deflater deflater = new Deflater();
                  deflater.end();
                  deflater.end();
                  try (GZIPOutputStream out = new GZIPOutputStream(new ByteArrayOutputStream())) {
                    out.write(i);
                  }
                }
                System.out.println("done");
              }
            }
            """);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("done\n");
  }

  @Test
  void aSubclassCannotKeepTheCompressorAStreamMadeForItself() {
    RunResult result =
        run(
            POLICY,
            """
            import java.io.*;
            import java.util.zip.*;
            public class Steal extends GZIPInputStream {
              Steal(InputStream in) throws IOException { super(in); }
              Inflater stolen() { return inf; }
              public static void main(String[] args) throws Exception {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                new GZIPOutputStream(bytes).close();
                System.out.println(new Steal(new ByteArrayInputStream(bytes.toByteArray())).stolen());
              }
            }
            """);
    assertThat(result.status()).isEqualTo(RunStatus.EXCEPTION);
    assertThat(result.stderr()).contains("java.util.zip.InflaterInputStream.inf").contains("allow-list");
  }

  /**
   * The stream a compressing stream writes to is the protected {@code out} (or {@code in}) of
   * {@code FilterOutputStream}, which a subclass may use: closing it, or dropping it, must not
   * release the reservation of the compressor the stream still holds.
   */
  @Test
  void aSubclassClosingOrDroppingItsUnderlyingStreamKeepsItsCompressorCounted() {
    for (String[] attack :
        new String[][] {
          {"DeflaterOutputStream", "new ByteArrayOutputStream()", "out.close();"},
          {"DeflaterOutputStream", "new ByteArrayOutputStream()",
              "out = new ByteArrayOutputStream(); System.gc();"},
          {"GZIPOutputStream", "new ByteArrayOutputStream()", "super.out.close();"},
          {"ZipInputStream", "new ByteArrayInputStream(new byte[0])", "in.close();"},
          {"InflaterInputStream", "new ByteArrayInputStream(new byte[0])",
              "Runnable r = () -> { try { in.close(); } catch (IOException e) { } }; r.run();"},
          {"GZIPOutputStream", "new ByteArrayOutputStream()",
              "new Object() { void go() throws IOException { Sneak.this.out.close(); } }.go();"},
        }) {
      RunResult result =
          run(
              POLICY,
              """
              import java.io.*;
              import java.util.*;
              import java.util.zip.*;
              public class Sneak extends %s {
                Sneak() throws IOException { super(%s); }
                void release() throws IOException { %s }
                public static void main(String[] args) throws Exception {
                  List<Sneak> kept = new ArrayList<>();
                  try {
                    for (int i = 0; i < 2_000; i++) {
                      Sneak s = new Sneak();
                      kept.add(s);
                      s.release();
                      if (i %% 50 == 0) Thread.sleep(20);
                    }
                    System.out.println("all made");
                  } catch (SecurityException e) {
                    System.out.println("stopped after " + kept.size() + ": " + e.getMessage());
                  }
                }
              }
              """
                  .formatted(attack[0], attack[1], attack[2]));
      String what = String.join(" ", attack) + ": " + result.stderr();
      assertThat(result.stdout()).as(what).startsWith("stopped after ").doesNotContain("all made");
      int held = Integer.parseInt(result.stdout().split("[ :]")[2]);
      assertThat(held).as(what).isLessThanOrEqualTo(org.rexec.runtime.NativeCompressors.MAX_ALIVE);
      assertThat(result.violations()).extracting(Violation::rule).contains("native-compressors");
    }
  }

  /** A FilterOutputStream of the cell's own still writes through its protected out. */
  @Test
  void aPlainFilterStreamOfTheCellStillUsesItsUnderlyingStream() {
    RunResult result =
        run(
            POLICY,
            """
            import java.io.*;
            public class Upper extends FilterOutputStream {
              Upper(OutputStream out) { super(out); }
              @Override public void write(int b) throws IOException {
                out.write(Character.toUpperCase(b));
              }
              public static void main(String[] args) throws Exception {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (Upper up = new Upper(bytes)) { up.write("shout".getBytes()); }
                System.out.println(bytes);
              }
            }
            """);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
    assertThat(result.stdout()).isEqualTo("SHOUT\n");
  }

  @Test
  void anotherCellMayStillCompressWhileOneHoldsItsCap() {
    String holder =
        """
        import java.util.*;
        import java.util.zip.*;
        public class Holder {
          static List<Deflater> kept = new ArrayList<>();
          public static void main(String[] args) {
            try { while (true) kept.add(new Deflater()); }
            catch (SecurityException e) { System.out.println("holding " + kept.size()); }
          }
        }
        """;
    try (Cell full = Cell.create(POLICY);
        Cell other = Cell.create(POLICY)) {
      String fullMain = full.loadSource("Holder.java", holder);
      assertThat(full.run(fullMain).stdout()).isEqualTo("holding 64\n");
      assertThat(other.run(other.loadSource("Holder.java", holder)).stdout())
          .isEqualTo("holding 64\n");
      // The first cell's statics still hold its 64: its next run can make none.
      assertThat(full.run(fullMain).stdout()).isEqualTo("holding 64\n");
      assertThat(full.run(fullMain).violations())
          .extracting(Violation::rule)
          .contains("native-compressors");
    }
  }

  @Test
  void closingTheCellEndsTheCompressorsItStillHolds() throws Exception {
    String holder =
        """
        import java.util.*;
        import java.util.zip.*;
        public class Kept {
          public static List<Object> kept = new ArrayList<>();
          public static void main(String[] args) {
            kept.add(new Deflater());
            kept.add(new Inflater());
          }
        }
        """;
    java.util.List<?> kept;
    try (Cell cell = Cell.create(POLICY)) {
      String main = cell.loadSource("Kept.java", holder);
      assertThat(cell.run(main).status()).isEqualTo(RunStatus.COMPLETED);
      kept = (java.util.List<?>) cell.importClass(main).getField("kept").get(null);
      assertThat(((java.util.zip.Deflater) kept.get(0)).getTotalIn()).isZero();
    }
    // Ended: the JDK's own check of an ended compressor (an NPE before Java 22, then an ISE).
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ((java.util.zip.Deflater) kept.get(0)).getTotalIn())
        .isInstanceOfAny(NullPointerException.class, IllegalStateException.class)
        .hasMessageContaining("has been closed");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ((java.util.zip.Inflater) kept.get(1)).getBytesRead())
        .isInstanceOfAny(NullPointerException.class, IllegalStateException.class)
        .hasMessageContaining("has been closed");
  }

  @Test
  void aZipBombInflatesIntoTheCellsHeapAndEndsAtItsMemoryLimit() {
    RunResult result =
        run(
            Policy.builder().memory(64L << 20).timeout(Duration.ofSeconds(60)).build(),
            """
            import java.io.*;
            import java.util.zip.*;
            public class Bomb {
              public static void main(String[] args) throws Exception {
                ByteArrayOutputStream bomb = new ByteArrayOutputStream();
                byte[] zeros = new byte[1 << 20];
                try (GZIPOutputStream out = new GZIPOutputStream(bomb)) {
                  for (int i = 0; i < 1024; i++) out.write(zeros);
                }
                System.out.println("bomb " + bomb.size());
                byte[] all = new GZIPInputStream(new ByteArrayInputStream(bomb.toByteArray()))
                    .readAllBytes();
                System.out.println("inflated " + all.length);
              }
            }
            """);
    assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.MEMORY_LIMIT);
    assertThat(result.stdout()).startsWith("bomb ").doesNotContain("inflated");
  }
}
