package org.rexec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.rexec.policy.Access;

/**
 * A hostile program drops its zip entry streams without closing them while it keeps the zip file
 * system open. The JDK's zip file system holds every open entry stream, and so its zlib inflater,
 * until the stream or the file system closes; a dropped stream must therefore not give its
 * inflater's count back while the JDK still holds the inflater, or the cell's native compressors
 * grow without bound outside its heap limit.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
class ZipEntryStreamLeakTest {

  @TempDir Path host;

  private static final Pattern INFLATERS =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+java\\.util\\.zip\\.Inflater\\b(?!\\$)",
          Pattern.MULTILINE);

  /** Live {@code java.util.zip.Inflater} objects of the whole JVM, after a full collection. */
  private static long liveJdkInflaters() throws Exception {
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    Matcher matcher = INFLATERS.matcher(histogram);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }

  @Test
  void droppedUnclosedEntryStreamsDoNotFreeTheirCountWhileTheJdkStillHoldsTheirInflaters()
      throws Exception {
    Path data = Files.createDirectories(host.resolve("data"));
    try (OutputStream out = Files.newOutputStream(data.resolve("a.zip"));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("hello.txt"));
      zip.write("inside the zip, deflated".repeat(10).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    String source =
        """
        import java.io.*;
        import java.nio.file.*;
        public class Dropper {
          public static void main(String[] args) throws Exception {
            FileSystem zip = FileSystems.newFileSystem(Path.of("/data/a.zip"));
            Holder.kept = zip;
            int opened = 0;
            int refused = 0;
            while (opened < 1_000 && refused < 400) {
              try {
                InputStream in = Files.newInputStream(zip.getPath("hello.txt"));
                in.read(); // the inflater's window is allocated now; the stream is dropped unclosed
                opened++;
              } catch (SecurityException atTheCap) {
                refused++;
                System.gc(); // and garbage, so that a collection does run:
                for (int i = 0; i < 8; i++) Holder.junk = new byte[1 << 20];
                Thread.sleep(20); // the cleaners run
              }
            }
            System.out.println("opened " + opened + ", refused " + refused);
          }
        }
        class Holder { static FileSystem kept; static byte[] junk; }
        """;
    Policy policy =
        Policy.builder().mount(data, "/data", Access.READ).memory(4L << 30).timeout(Duration.ofSeconds(120)).build();
    long before = liveJdkInflaters();
    try (Cell cell = Cell.create(policy)) {
      RunResult result = cell.run(cell.loadSource("Dropper.java", source));
      assertThat(result.status()).as(result.stderr()).isEqualTo(RunStatus.COMPLETED);
      // The cell still holds its zip file system: what it holds of the JDK's inflaters now is
      // what its count of 64 native compressors must bound.
      long alive = liveJdkInflaters() - before;
      assertThat(alive)
          .as("JDK inflaters the cell keeps alive (%s)", result.stdout().strip())
          .isLessThanOrEqualTo(64);
      // And the streams it dropped are reclaimed, so a program that forgets to close runs on:
      // it opens many times the cap of 64. (How many before 400 refusals depends on how soon
      // the collector and the cleaners run, which a loaded machine delays: 896 of 1,000 once.)
      Matcher opened = Pattern.compile("^opened (\\d+), refused").matcher(result.stdout());
      assertThat(opened.find()).as(result.stdout()).isTrue();
      assertThat(Integer.parseInt(opened.group(1))).isGreaterThan(4 * 64);
    }
  }
}
